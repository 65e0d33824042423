package dev.gdxrl.agent.train;

/**
 * A hyperparameter annealed linearly over the run (Stable-Baselines3's {@code
 * get_linear_fn}/{@code progress_remaining}): the learning rate of every learner that anneals it,
 * and PPO's clip range. {@code progressRemaining} goes from 1 at the start of the run to 0 at its
 * end; {@link #progressRemaining(long, long)} computes it from the env step.
 *
 * @param initial the value at the start of the run
 * @param anneal whether the value falls linearly to {@code initial * floor} (false: constant)
 * @param floor the smallest share of {@code initial} it falls to (0 for the learning rate; PPO
 *     keeps its clip range positive with 1e-8)
 */
public record LinearSchedule(double initial, boolean anneal, double floor) {

  public LinearSchedule {
    if (!(floor >= 0 && floor <= 1)) {
      throw new IllegalArgumentException("floor must be in [0, 1], got " + floor);
    }
  }

  /** {@code initial}, falling to 0 over the run when {@code anneal}. */
  public static LinearSchedule linear(double initial, boolean anneal) {
    return new LinearSchedule(initial, anneal, 0);
  }

  /** The share of the run still ahead at {@code envStep}: 1 at step 0, 0 from {@code total} on. */
  public static double progressRemaining(long envStep, long total) {
    return Math.max(0.0, 1.0 - (double) envStep / total);
  }

  /** The value with {@code progressRemaining} of the run ahead. */
  public double at(double progressRemaining) {
    return anneal ? initial * Math.max(progressRemaining, floor) : initial;
  }
}
