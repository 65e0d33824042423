package dev.gdxrl.agent.train;

import dev.gdxrl.agent.RolloutAgent;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.VectorEnv;
import java.util.List;

/**
 * The training loop of {@link Trainer} for agents that learn from a {@link VectorEnv}: one vector
 * step of N envs per iteration, with the same {@link TrainState}, the same listeners and the same
 * meaning of their counters. After each vector step the listeners see every finished episode and
 * then one {@code onStep} per env step (so their "every k steps" checks behave exactly as in the
 * single-env loop).
 *
 * <p>Seeding: the vector env is reset once with {@link Seeds#episode}(seed, first episode); env i
 * then draws its episodes' seeds from its own generator ({@link VectorEnv}), whatever the number
 * of threads.
 *
 * @param <A> action type
 */
public final class VectorTrainer<A> {
  private final VectorEnv<A> venv;
  private final RolloutAgent<A> agent;
  private final TrainConfig config;
  private final long seed;
  private final List<TrainListener> listeners;

  public VectorTrainer(VectorEnv<A> venv, RolloutAgent<A> agent, TrainConfig config, long seed,
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

  /** Trains from {@code startSteps} env steps and {@code startEpisodes} episodes (0, 0: fresh). */
  public TrainState run(long startSteps, long startEpisodes) {
    TrainState s =
        TrainState.begin(config, agent.gradientSteps(), startSteps, startEpisodes, listeners);
    float[][] obs = venv.reset(Seeds.episode(seed, s.episodes));
    int n = venv.size();
    boolean running = s.envSteps < config.steps();
    while (running) {
      A[] actions = agent.actBatch(obs, s.envSteps);
      VectorEnv.Result r = venv.step(actions);
      long before = s.envSteps;
      int updates = agent.observeBatch(r, before + n);
      if (updates > 0) {
        NonFiniteException.checkLoss(agent, before + n);
        s.gradientSteps += updates;
      }
      EpisodeStats[] eps = r.episodes();
      for (int i = 0; i < n; i++) {
        if (eps[i] != null) {
          s.episodes++;
          s.addReturn(eps[i].episodeReturn());
          for (TrainListener l : listeners) {
            l.onEpisodeEnd(s, eps[i]);
          }
        }
      }
      obs = r.observations();
      for (int i = 0; i < n && running; i++) {
        s.envSteps++;
        for (TrainListener l : listeners) {
          running &= l.onStep(s);
        }
      }
      s.envSteps = before + n;
      running &= s.envSteps < config.steps();
    }
    for (TrainListener l : listeners) {
      l.onEnd(s);
    }
    return s;
  }
}
