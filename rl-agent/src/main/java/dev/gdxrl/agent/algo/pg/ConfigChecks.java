package dev.gdxrl.agent.algo.pg;

import java.util.List;

/** Validation of the policy-gradient config records; messages name the YAML key. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be a positive number, got " + v);
    }
  }

  static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be >= 0, got " + v);
    }
  }

  static void fraction(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
    }
  }

  static void oneOf(String key, String v, String... allowed) {
    if (v == null || !List.of(allowed).contains(v)) {
      throw new IllegalArgumentException(
          key + " must be one of " + String.join(", ", allowed) + ", got " + v);
    }
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
    positive("n_envs", nEnvs);
    positive("n_steps", nSteps);
    fraction("gamma", gamma);
    positive("learning_rate", learningRate);
    nonNegative("max_grad_norm", maxGradNorm);
    oneOf("optimizer", optimizer, PgOptimizer.ADAM, PgOptimizer.RMSPROP);
    oneOf("activation", activation, ActorCriticSpec.TANH, ActorCriticSpec.RELU);
    if (!Double.isFinite(logStdInit)) {
      throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
    }
    positive("threads", threads);
  }
}
