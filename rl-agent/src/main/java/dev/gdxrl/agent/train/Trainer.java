package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.Step;
import java.util.List;

/**
 * The training loop shared by every algorithm, in the collect / learn split: the agent picks an
 * action, the env steps, the agent is told the transition (and decides itself when to update),
 * listeners see the step. Episode ends reset the env with the next seed of the run's own
 * sequence. An update whose loss is not finite stops the run with a {@link NonFiniteException}.
 *
 * <p>Truncation: when the time limit ends an episode, the step's observation is the real final
 * observation and is handed to the agent as the next observation with {@code terminated =
 * false}; the agent bootstraps from it. Termination passes {@code terminated = true}.
 *
 * @param <A> action type
 */
public final class Trainer<A> {
  private final Env<float[], A> env;
  private final Agent<A> agent;
  private final TrainConfig config;
  private final long seed;
  private final List<TrainListener> listeners;

  /**
   * @param env the training env (with its default wrappers); not closed here
   * @param seed the run's seed; episode k resets with {@link Seeds#episode}(seed, k)
   */
  public Trainer(Env<float[], A> env, Agent<A> agent, TrainConfig config, long seed,
      List<TrainListener> listeners) {
    this.env = env;
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
    float[] obs = env.reset(Seeds.episode(seed, s.episodes));
    boolean running = s.envSteps < config.steps();
    while (running) {
      A action = agent.act(obs, s.envSteps);
      Step<float[]> step = env.step(action);
      s.envSteps++;
      int updates = agent.observe(obs, action, step.reward(), step.observation(),
          step.terminated(), step.truncated(), s.envSteps);
      if (updates > 0) {
        NonFiniteException.checkLoss(agent, s.envSteps);
        s.gradientSteps += updates;
      }
      if (step.done()) {
        s.episodes++;
        EpisodeStats ep = (EpisodeStats) step.info().get(dev.gdxrl.env.Info.EPISODE);
        if (ep != null) {
          s.addReturn(ep.episodeReturn());
          for (TrainListener l : listeners) {
            l.onEpisodeEnd(s, ep);
          }
        }
        obs = env.reset(Seeds.episode(seed, s.episodes));
      } else {
        obs = step.observation();
      }
      running = s.envSteps < config.steps();
      for (TrainListener l : listeners) {
        running &= l.onStep(s);
      }
    }
    for (TrainListener l : listeners) {
      l.onEnd(s);
    }
    return s;
  }
}
