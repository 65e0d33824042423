package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.config.Check;
import java.util.List;

/**
 * Validation shared by the policy-gradient config records (on top of the project's {@link
 * Check}); messages name the YAML key.
 */
final class ConfigChecks {
  private ConfigChecks() {}

  static void positive(String key, double v) {
    Check.positive(key, v);
  }

  static void nonNegative(String key, double v) {
    Check.atLeast(key, v, 0);
  }

  static void fraction(String key, double v) {
    Check.fraction(key, v);
  }

  static List<Integer> hidden(List<Integer> hidden) {
    if (hidden == null) {
      throw new IllegalArgumentException("hidden must be a list of layer widths");
    }
    for (Integer h : hidden) {
      if (h == null || h < 1) {
        throw new IllegalArgumentException("hidden layer widths must be >= 1, got " + hidden);
      }
    }
    return List.copyOf(hidden);
  }

  /** The checks every on-policy config shares (called from the records' compact constructors). */
  static void common(int nEnvs, int nSteps, double gamma, double learningRate, double maxGradNorm,
      String optimizer, String activation, double logStdInit, int threads) {
    Check.atLeast("n_envs", nEnvs, 1);
    Check.atLeast("n_steps", nSteps, 1);
    Check.fraction("gamma", gamma);
    Check.positive("learning_rate", learningRate);
    Check.atLeast("max_grad_norm", maxGradNorm, 0);
    Check.oneOf("optimizer", optimizer, PgOptimizer.ADAM, PgOptimizer.RMSPROP);
    Check.oneOf("activation", activation, ActorCriticSpec.TANH, ActorCriticSpec.RELU);
    if (!Double.isFinite(logStdInit)) {
      throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
    }
    Check.atLeast("threads", threads, 1);
  }
}
