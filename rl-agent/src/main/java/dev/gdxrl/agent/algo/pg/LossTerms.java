package dev.gdxrl.agent.algo.pg;

/**
 * What one gradient step's loss was made of, as means over its minibatch (floats, as the
 * learners have always reported them).
 *
 * @param policy the policy loss: minus the mean surrogate (PPO) or minus mean(logp A)
 * @param value the critic's loss, mean squared error (before the value coefficient)
 * @param entropy the mean entropy of the policy's distributions
 * @param approxKl the mean approximate KL divergence {@code (r - 1) - log r} between the
 *     collecting and the current policy (PPO; 0 otherwise)
 * @param clipFraction the share of rows whose ratio left the clip range (PPO; 0 otherwise)
 */
public record LossTerms(float policy, float value, float entropy, float approxKl,
    float clipFraction) {

  /**
   * The batch sums a gradient step computes, before dividing by the batch size.
   *
   * @param objective the summed objective to maximise (surrogate or {@code logp A})
   * @param valueError the summed squared value error
   * @param negEntropy minus the summed entropy
   * @param approxKl the summed approximate KL (PPO; 0 otherwise)
   * @param clipped rows whose ratio left the clip range (PPO; 0 otherwise)
   */
  public record Sums(double objective, double valueError, double negEntropy, double approxKl,
      double clipped) {

    /** The sums rounded to float, as autograd gives them (REINFORCE and A2C report these). */
    public Sums inFloat() {
      return new Sums((float) objective, (float) valueError, (float) negEntropy,
          (float) approxKl, (float) clipped);
    }
  }

  /** The means of {@code sums} over a batch of {@code rows}. */
  public static LossTerms mean(Sums sums, int rows) {
    return new LossTerms((float) (-sums.objective() / rows), (float) (sums.valueError() / rows),
        (float) (-sums.negEntropy() / rows), (float) (sums.approxKl() / rows),
        (float) (sums.clipped() / rows));
  }
}
