package dev.gdxrl.agent.algo.pg;

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
    double clipFraction, double explainedVariance, double learningRate, int gradientSteps) {}
