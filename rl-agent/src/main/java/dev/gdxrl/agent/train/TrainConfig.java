package dev.gdxrl.agent.train;

import static dev.gdxrl.agent.config.Check.atLeast;
import static dev.gdxrl.agent.config.Check.between;

/**
 * Settings of the training loop itself (YAML keys: snake_case of the fields, in the same file as
 * the algorithm's hyperparameters).
 *
 * @param steps env steps of the whole run, 1 to {@link #MAX_STEPS} (default per env and algo, see
 *     {@code Training})
 * @param evalFreq env steps between greedy evaluations; 0 = none during the run (default: a
 *     tenth of the run)
 * @param evalEpisodes episodes per periodic evaluation (default 5)
 * @param finalEvalEpisodes episodes of the evaluation after training, reported in the RESULT line
 *     (default 20)
 * @param checkpointFreq env steps between intermediate checkpoints (each replaces the run's
 *     checkpoint, so a crashed run can be resumed from the last one); 0 = only at the end
 *     (default: a tenth of the run for runs of {@value #PERIODIC_FROM} steps or more, else 0)
 * @param returnWindow episodes in the running mean return of the progress bar (default 20)
 * @param stopAtReturn stop early once a periodic evaluation's mean reaches this; 0 = never
 *     (default 0)
 * @param keepBest the checkpoint at the end of the run holds the parameters that scored best in
 *     the periodic evaluations (the latest of equals) instead of the last ones, as
 *     Stable-Baselines3's {@code EvalCallback} keeps a best model; step counters stay the run's.
 *     Default false; an env's preset may switch it on (the shipped {@code dqn} preset does for
 *     {@code cartpole})
 * @param npcs NPCs per scene for envs built as scenes ({@code MultiAgentEnv.Source}, e.g. the
 *     arena): the learner's {@code n_envs} slots (of any algorithm) are then {@code n_envs /
 *     npcs} scenes of {@code npcs} NPCs sharing the policy ({@code n_envs} must be a multiple);
 *     periodic and final evaluations play one NPC. Default 1 (plain envs)
 */
public record TrainConfig(long steps, long evalFreq, int evalEpisodes, int finalEvalEpisodes,
    long checkpointFreq, int returnWindow, double stopAtReturn, boolean keepBest, int npcs) {

  /** The longest run accepted: 10^12 env steps (weeks of the fastest env); more is a typo. */
  public static final long MAX_STEPS = 1_000_000_000_000L;

  public TrainConfig {
    between("steps", steps, 1, MAX_STEPS);
    atLeast("eval_freq", evalFreq, 0);
    atLeast("eval_episodes", evalEpisodes, 1);
    atLeast("final_eval_episodes", finalEvalEpisodes, 0);
    atLeast("checkpoint_freq", checkpointFreq, 0);
    atLeast("return_window", returnWindow, 1);
    atLeast("npcs", npcs, 1);
    if (Double.isNaN(stopAtReturn)) {
      throw new IllegalArgumentException("stop_at_return is NaN");
    }
  }

  /** Runs this long or longer save a checkpoint every tenth of the run by default. */
  public static final long PERIODIC_FROM = 10_000;

  /** Defaults for a run of {@code steps} env steps. */
  public static TrainConfig of(long steps) {
    return new TrainConfig(steps, Math.max(1, steps / 10), 5, 20, defaultCheckpointFreq(steps),
        20, 0, false, 1);
  }

  /** A tenth of the run for runs of {@link #PERIODIC_FROM} steps or more; 0 for shorter ones. */
  public static long defaultCheckpointFreq(long steps) {
    return steps >= PERIODIC_FROM ? steps / 10 : 0;
  }

  public TrainConfig withKeepBest(boolean on) {
    return new TrainConfig(steps, evalFreq, evalEpisodes, finalEvalEpisodes, checkpointFreq,
        returnWindow, stopAtReturn, on, npcs);
  }

  public TrainConfig withSteps(long newSteps) {
    return new TrainConfig(newSteps, evalFreq, evalEpisodes, finalEvalEpisodes, checkpointFreq,
        returnWindow, stopAtReturn, keepBest, npcs);
  }
}
