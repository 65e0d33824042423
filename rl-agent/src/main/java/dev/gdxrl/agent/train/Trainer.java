package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.Collector;
import dev.gdxrl.env.EpisodeSeeds;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.VectorEnv;
import java.util.List;

/**
 * The training loop of every algorithm, over a {@link VectorEnv} of the agent's {@link
 * Agent#envs()} envs (one for DQN and Q-learning unless {@code n_envs} says more), in the
 * collect / train split of Stable-Baselines3. One iteration:
 *
 * <ol>
 *   <li>collect: the agent's {@link Collector} takes a block of vector steps: by default one (the
 *       agent picks an action for each of the N envs with {@link Agent#actBatch}, the vector env
 *       steps all N, auto-resetting ended episodes); the actor-critics take their whole rollout
 *       at once, each vector env thread acting and stepping its own shard of envs, and the
 *       block's steps are then told below one by one as if each had just happened;
 *   <li>train: the agent is handed the vector step ({@link Agent#observeBatch}) and decides itself
 *       whether to update ({@link Collector.Block#finish}, before the block's last step is told to
 *       the listeners): DQN stores the N transitions and runs its training round when {@code
 *       train_freq} env steps have passed, the actor-critics update when their rollout is full,
 *       Q-learning updates on each transition; an update whose loss is not finite stops the run
 *       with a {@link NonFiniteException};
 *   <li>listeners: the vector step is told as N env steps, env 0's first: for env i, the
 *       episode its step ended, if any ({@link TrainListener#onEpisodeEnd}, with the env step
 *       count that includes that step), then {@link TrainListener#onStep}; so their "every k env
 *       steps" checks mean the same whatever N is. A listener returning false stops the run at
 *       the end of the vector step (every listener still sees that env step; later envs'
 *       episodes are counted, their onStep not called); in a block, the agent then forgets the
 *       block's later steps ({@link Collector.Block#stoppedAfter}).
 * </ol>
 *
 * <p>Steps are env steps (transitions): one iteration adds N, so a run may end up to N - 1 steps
 * past {@link TrainConfig#steps()}.
 *
 * <p>Truncation: an episode cut by the time limit hands the agent its real final observation
 * ({@link VectorEnv.Result#finalObservations()}) with {@code terminated = false}, so its target
 * bootstraps; a terminated one does not.
 *
 * <p>Seeding ({@link Agent#episodeSeeding()}): with {@code RUN_SEQUENCE}, episode j of env k of N
 * is seeded with {@link Seeds#episode}{@code (seed, e0 + k + j N)}, e0 the episodes before this
 * run, which for one env is the run's own sequence of episode seeds; with {@code
 * PER_ENV_GENERATOR} the vector env is reset with {@code Seeds.episode(seed, e0)} and env k draws
 * its later seeds from its own generator ({@link VectorEnv#reset(long)}). Both are independent of
 * the vector env's thread count.
 *
 * @param <A> action type
 */
public final class Trainer<A> {
  private final VectorEnv<A> venv;
  private final Agent<A> agent;
  private final TrainConfig config;
  private final long seed;
  private final List<TrainListener> listeners;

  /**
   * @param venv the agent's {@link Agent#envs()} training envs; not closed here
   * @param seed the run's seed
   */
  public Trainer(VectorEnv<A> venv, Agent<A> agent, TrainConfig config, long seed,
      List<TrainListener> listeners) {
    if (venv.size() != agent.envs()) {
      throw new IllegalArgumentException(
          "agent wants " + agent.envs() + " envs, the vector env has " + venv.size());
    }
    this.venv = venv;
    this.agent = agent;
    this.config = config;
    this.seed = seed;
    this.listeners = List.copyOf(listeners);
  }

  /** Trains from scratch. */
  public TrainState run() {
    return run(0, 0);
  }

  /** Trains from {@code startSteps} env steps and {@code startEpisodes} episodes (resume). */
  public TrainState run(long startSteps, long startEpisodes) {
    TrainState s =
        TrainState.begin(config, agent.gradientSteps(), startSteps, startEpisodes, listeners);
    float[][] obs = reset(startEpisodes);
    int n = venv.size();
    Collector<A> collector = agent.collector(venv);
    boolean running = s.envSteps < config.steps();
    while (running) {
      // collect: one block of vector steps (one step, or the agent's whole rollout), no further
      // than the run's end
      int maxSteps = (int) Math.min(Integer.MAX_VALUE, (config.steps() - s.envSteps + n - 1) / n);
      Collector.Block b = collector.collect(obs, s.envSteps, maxSteps);
      int k = b.steps();
      for (int t = 0; t < k; t++) {
        long before = s.envSteps;
        if (t == k - 1) {
          // train, when the agent says it is time
          int updates = b.finish(before + n);
          if (updates > 0) {
            NonFiniteException.checkLoss(agent, before + n);
            s.gradientSteps += updates;
          }
        }
        // vector step t as n env steps, env 0 first: an episode ended by env i's step is told
        // with the env step count that includes it, then that step's onStep
        EpisodeStats[] eps = b.episodes(t);
        for (int i = 0; i < n; i++) {
          s.envSteps++;
          if (eps[i] != null) {
            s.episodes++;
            s.addReturn(eps[i].episodeReturn());
            for (TrainListener l : listeners) {
              l.onEpisodeEnd(s, eps[i]);
            }
          }
          if (running) {
            for (TrainListener l : listeners) {
              running &= l.onStep(s);
            }
          }
        }
        running &= s.envSteps < config.steps();
        if (!running && t < k - 1) {
          b.stoppedAfter(t);
          break;
        }
      }
      obs = b.observations();
    }
    for (TrainListener l : listeners) {
      l.onEnd(s);
    }
    return s;
  }

  private float[][] reset(long startEpisodes) {
    if (agent.episodeSeeding() == Agent.EpisodeSeeding.PER_ENV_GENERATOR) {
      return venv.reset(Seeds.episode(seed, startEpisodes));
    }
    int units = venv.size() / venv.agentsPerScene();
    EpisodeSeeds runSequence = (k, j) -> Seeds.episode(seed, startEpisodes + k + j * units);
    return venv.reset(runSequence);
  }
}
