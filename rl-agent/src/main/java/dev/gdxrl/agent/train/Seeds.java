package dev.gdxrl.agent.train;

/**
 * Derived seeds: every random source of a run gets its own stream from the run's seed, so the
 * same seed gives the same run and changing one stream leaves the others alone.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * Evaluation stream of a run's final evaluation and of every evaluation of a checkpoint
   * ({@code Training.evaluate}, {@code gdx-rl eval}); periodic evaluations use 0, 1, 2, ...:
   * evaluating a checkpoint with the run's seed repeats the run's RESULT figures.
   */
  public static final long FINAL_EVAL_STREAM = 1_000_000;

  /** Seed of episode {@code k} of an evaluation with seed {@code seed} (the final-eval stream). */
  public static long finalEvaluation(long seed, long k) {
    return evaluation(seed, FINAL_EVAL_STREAM, k);
  }

  /** Seed of training episode {@code k}. */
  public static long episode(long seed, long k) {
    return mix(seed, 1, k);
  }

  /** Seed of evaluation episode {@code k} of the evaluation stream {@code stream}. */
  public static long evaluation(long seed, long stream, long k) {
    return mix(seed ^ 0x5DEECE66DL, 2 + stream, k);
  }

  /** Seed of the agent's generator (resumed runs pass the step they resume at). */
  public static long agent(long seed, long resumedAt) {
    return mix(seed, 0, resumedAt);
  }

  /** SplitMix64 finaliser of a combination of the inputs. */
  public static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
