package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EpisodeStats;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The standard listeners of a training run. */
public final class Listeners {
  private Listeners() {}

  /**
   * A console progress bar (steps, episodes, recent mean return, steps/s, ETA) on {@code out},
   * usually stderr so that stdout keeps only the RESULT line.
   */
  public static TrainListener progressBar(PrintStream out, String task) {
    return new TrainListener() {
      private ProgressBar bar;

      @Override
      public void onStart(TrainState s) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(s.totalSteps())
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
            .setUnit(" steps", 1).setConsumer(new ConsoleProgressBarConsumer(out, 160))
            .build();
        bar.stepTo(s.envSteps());
      }

      @Override
      public boolean onStep(TrainState s) {
        if ((s.envSteps() & 255) == 0) {
          bar.stepTo(s.envSteps());
          bar.setExtraMessage(String.format(Locale.ROOT, " | ep %d | ret %.1f | grad %d",
              s.episodes(), s.recentMeanReturn(), s.gradientSteps()));
        }
        return true;
      }

      @Override
      public void onEnd(TrainState s) {
        bar.stepTo(s.envSteps());
        bar.close();
      }
    };
  }

  /** One metrics row per finished episode, with the agent's epsilon and last loss. */
  public static TrainListener episodeMetrics(Metrics metrics, Agent<?> agent) {
    return new TrainListener() {
      @Override
      public void onEpisodeEnd(TrainState s, EpisodeStats e) {
        Map<String, Double> d = agent.diagnostics(s.envSteps());
        metrics.add(new Metrics.Row("episode", s.envSteps(), s.episodes(), s.gradientSteps(),
            e.episodeReturn(), Double.NaN, d.getOrDefault("epsilon", Double.NaN),
            d.getOrDefault("loss", Double.NaN), s.elapsedSeconds()));
      }
    };
  }

  /**
   * Every {@code freq} env steps, {@code episodes} greedy episodes on a separate env instance
   * with its own seeds; adds an {@code eval} metrics row, logs one line, and stops the run if the
   * mean reaches {@code stopAt} (0 = never); tells {@code observer} (may be null) the mean. Parameters
   * that are not finite stop the run first ({@link NonFiniteException}).
   */
  public static <A> TrainListener evaluation(Env<float[], A> evalEnv, Agent<A> agent, long freq,
      int episodes, long seed, Metrics metrics, PrintStream log, double stopAt,
      EvalObserver observer) {
    Policy<float[], A> greedy = agent::actGreedy;
    return new TrainListener() {
      private long round;

      @Override
      public boolean onStep(TrainState s) {
        if (freq <= 0 || s.envSteps() % freq != 0) {
          return true;
        }
        NonFiniteException.checkParameters(agent, s.envSteps());
        Evaluator.Returns r = Evaluator.run(evalEnv, greedy, episodes, seed, round++);
        Map<String, Double> d = agent.diagnostics(s.envSteps());
        metrics.add(new Metrics.Row("eval", s.envSteps(), s.episodes(), s.gradientSteps(),
            r.mean(), r.std(), d.getOrDefault("epsilon", Double.NaN),
            d.getOrDefault("loss", Double.NaN), s.elapsedSeconds()));
        if (log != null) {
          log.printf(Locale.ROOT, "eval step=%d episodes=%d mean=%.1f std=%.1f%n",
              s.envSteps(), r.episodes(), r.mean(), r.std());
        }
        if (observer != null) {
          observer.evaluated(s, r.mean());
        }
        return !(stopAt != 0 && r.mean() >= stopAt);
      }
    };
  }

  /** Calls {@code save} every {@code freq} env steps (0 = never; the final save is separate). */
  public static TrainListener checkpoints(long freq, Saver save) {
    return new TrainListener() {
      @Override
      public boolean onStep(TrainState s) {
        if (freq > 0 && s.envSteps() % freq == 0 && s.envSteps() < s.totalSteps()) {
          save.save(s);
        }
        return true;
      }
    };
  }

  /** Told the mean return of each periodic evaluation (e.g. to keep the best parameters). */
  @FunctionalInterface
  public interface EvalObserver {
    void evaluated(TrainState state, double mean);
  }

  /** Writes a checkpoint of the run as it stands. */
  @FunctionalInterface
  public interface Saver {
    void save(TrainState state);
  }
}
