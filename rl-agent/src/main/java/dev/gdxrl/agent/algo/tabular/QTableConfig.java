package dev.gdxrl.agent.algo.tabular;

import static dev.gdxrl.agent.config.Check.atLeast;
import static dev.gdxrl.agent.config.Check.fraction;
import static dev.gdxrl.agent.config.Check.oneOf;
import static dev.gdxrl.agent.config.Check.positive;

import dev.gdxrl.agent.config.Check;
import java.util.List;

/**
 * Tabular Q-learning hyperparameters (YAML keys: snake_case of the fields).
 *
 * @param learningRate step size alpha at the start (default 0.1)
 * @param learningRateFinal floor (visits) or end value (linear) of alpha (default 0.01)
 * @param lrSchedule {@code constant}, {@code linear} (alpha falls to the final value over the run)
 *     or {@code visits} (alpha = learning_rate / n(s,a)^lr_power, floored) (default visits)
 * @param lrPower exponent of the visit-count schedule, in (0.5, 1] for Robbins-Monro (default 0.8)
 * @param gamma discount factor (default 0.99)
 * @param explorationFraction share of the run over which epsilon falls linearly (default 0.5)
 * @param explorationInitialEps epsilon at step 0 (default 1.0)
 * @param explorationFinalEps epsilon after the decay (default 0.01)
 * @param initialQ initial value of every table entry (default 0)
 * @param bins bins per observation dimension; empty = 10 per dimension (default empty)
 * @param low finite lower bounds per dimension; empty = the observation space's (default empty)
 * @param high finite upper bounds per dimension; empty = the observation space's (default empty)
 * @param nEnvs envs stepped together; each vector step's transitions update the table one after
 *     the other, env 0 first, each counted as one env step by the schedules (default 1)
 * @param threads worker threads stepping the envs; results do not depend on it (default 1)
 */
public record QTableConfig(
    double learningRate,
    double learningRateFinal,
    String lrSchedule,
    double lrPower,
    double gamma,
    double explorationFraction,
    double explorationInitialEps,
    double explorationFinalEps,
    double initialQ,
    List<Integer> bins,
    List<Double> low,
    List<Double> high,
    int nEnvs,
    int threads) {

  public static final String CONSTANT = "constant";
  public static final String LINEAR = "linear";
  public static final String VISITS = "visits";

  public QTableConfig {
    positive("learning_rate", learningRate);
    fraction("learning_rate", learningRate);
    atLeast("learning_rate_final", learningRateFinal, 0);
    fraction("learning_rate_final", learningRateFinal);
    oneOf("lr_schedule", lrSchedule, CONSTANT, LINEAR, VISITS);
    positive("lr_power", lrPower);
    fraction("gamma", gamma);
    fraction("exploration_fraction", explorationFraction);
    fraction("exploration_initial_eps", explorationInitialEps);
    fraction("exploration_final_eps", explorationFinalEps);
    if (!Double.isFinite(initialQ)) {
      throw new IllegalArgumentException("initial_q must be finite, got " + initialQ);
    }
    bins = List.copyOf(bins);
    for (int b : bins) {
      atLeast("bins", b, 1);
    }
    Check.finite("low", low);
    Check.finite("high", high);
    low = List.copyOf(low);
    high = List.copyOf(high);
    atLeast("n_envs", nEnvs, 1);
    atLeast("threads", threads, 1);
  }

  public static QTableConfig defaults() {
    return new QTableConfig(0.1, 0.01, VISITS, 0.8, 0.99, 0.5, 1.0, 0.01, 0.0, List.of(),
        List.of(), List.of(), 1, 1);
  }

  /** Epsilon after {@code step} of {@code total} steps. */
  public double epsilon(long step, long total) {
    double span = explorationFraction * total;
    double progress = span <= 0 ? 1 : Math.min(1, step / span);
    return explorationInitialEps + progress * (explorationFinalEps - explorationInitialEps);
  }

  /** Step size for an entry visited {@code visits} times (this visit included) at {@code step}. */
  public double alpha(long visits, long step, long total) {
    return switch (lrSchedule) {
      case CONSTANT -> learningRate;
      case LINEAR -> learningRate
          + Math.min(1.0, (double) step / total) * (learningRateFinal - learningRate);
      default -> Math.max(learningRateFinal, learningRate / Math.pow(visits, lrPower));
    };
  }
}
