/**
 * Policy-gradient learners: REINFORCE with a learned baseline ({@link
 * dev.gdxrl.agent.algo.pg.Reinforce}), A2C ({@link dev.gdxrl.agent.algo.pg.A2c}) and PPO ({@link
 * dev.gdxrl.agent.algo.pg.Ppo}), with a categorical policy for {@code Discrete} actions and a
 * diagonal Gaussian with a learned state-independent log-std for {@code Box} actions.
 *
 * <p>How a run goes: the shared {@code Trainer} steps a {@code VectorEnv} of {@code n_envs}
 * envs ({@code threads} worker threads); {@link dev.gdxrl.agent.algo.pg.OnPolicyLearner} acts for
 * all of them with one host-side forward pass per vector step, stores the rollout in a {@link
 * dev.gdxrl.agent.algo.pg.RolloutBuffer} (primitive arrays), and when it is full computes
 * advantages ({@link dev.gdxrl.agent.algo.pg.Advantages}: GAE or reward-to-go, bootstrapping from
 * the final observation at a time-limit truncation and not at a termination) and runs the
 * algorithm's update.
 *
 * <p>How to read an algorithm: its file ({@link dev.gdxrl.agent.algo.pg.Ppo}, {@link
 * dev.gdxrl.agent.algo.pg.A2c}, {@link dev.gdxrl.agent.algo.pg.Reinforce}) holds its config record
 * and its update, top to bottom: advantages on the {@link dev.gdxrl.agent.algo.pg.Rollout}, then
 * {@link dev.gdxrl.agent.algo.pg.Minibatch}es, each one gradient step ({@code PgStep}: the loss
 * of its {@code Objective}, by hand on the CPU through {@code ManualActorCritic}, by autograd from
 * {@link dev.gdxrl.agent.algo.pg.PgLosses} elsewhere, then {@link
 * dev.gdxrl.agent.algo.pg.PgOptimizer}), whose {@link dev.gdxrl.agent.algo.pg.LossTerms} the
 * update averages into its {@link dev.gdxrl.agent.algo.pg.UpdateStats}. Annealed values follow a
 * {@link dev.gdxrl.agent.train.LinearSchedule}.
 *
 * <p>Config: each algorithm's record (at the top of its file) lists its keys with defaults; YAML
 * keys are the snake_case field names, next to the training loop's keys. core's {@code gdx-rl/presets/*.yaml} give the
 * presets for the shipped games (RL-Zoo hyperparameters where they exist).
 *
 * <p>Checkpoint: {@code actor_critic.params} (DJL block format: the flat parameter vector, whose
 * layout {@link dev.gdxrl.agent.net.MlpSpec.Layout} derives from the config) plus the shared
 * {@code agent.json}, whose {@code normalization} object holds the observation statistics
 * ({@code mean}, {@code var}, {@code count}); they are applied, frozen, at evaluation and in the
 * game. Optimiser moments are not saved: a resumed run restarts them.
 */
package dev.gdxrl.agent.algo.pg;
