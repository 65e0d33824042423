package dev.gdxrl.agent.algo.pg;

import java.util.List;

/**
 * What one policy-gradient update did, averaged over its gradient steps.
 *
 * @param policyLoss surrogate or policy-gradient loss
 * @param valueLoss critic loss (before the value coefficient)
 * @param entropy mean policy entropy
 * @param approxKl approximate KL divergence between the old and new policy (PPO; 0 otherwise)
 * @param clipFraction share of samples whose ratio was clipped (PPO; 0 otherwise)
 * @param explainedVariance 1 - Var(returns - V) / Var(returns) of the rollout's values
 * @param learningRate the learning rate used
 * @param gradientSteps gradient steps taken
 */
public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl,
    double clipFraction, double explainedVariance, double learningRate, int gradientSteps) {

  /** An update of one gradient step with loss {@code loss}. */
  public static UpdateStats ofStep(LossTerms loss, double explainedVariance,
      double learningRate) {
    return new UpdateStats(loss.policy(), loss.value(), loss.entropy(), loss.approxKl(),
        loss.clipFraction(), explainedVariance, learningRate, 1);
  }

  /** An update of {@code steps.size()} gradient steps: their losses' means. */
  public static UpdateStats mean(List<LossTerms> steps, double explainedVariance,
      double learningRate) {
    double policy = 0;
    double value = 0;
    double entropy = 0;
    double kl = 0;
    double clipFraction = 0;
    for (LossTerms s : steps) {
      policy += s.policy();
      value += s.value();
      entropy += s.entropy();
      kl += s.approxKl();
      clipFraction += s.clipFraction();
    }
    int n = steps.size();
    return new UpdateStats(policy / n, value / n, entropy / n, kl / n, clipFraction / n,
        explainedVariance, learningRate, n);
  }
}
