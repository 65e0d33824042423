package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;

/** The loss terms of the policy-gradient learners, on NDArrays (differentiable). */
public final class PgLosses {
  private PgLosses() {}

  /**
   * PPO's clipped surrogate as a loss to minimise: {@code -mean(min(r A, clip(r, 1-eps, 1+eps)
   * A))} with {@code r = exp(logp - oldLogp)}.
   */
  public static NDArray clippedSurrogate(NDArray ratio, NDArray adv, double clip) {
    NDArray unclipped = ratio.mul(adv);
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(adv);
    return unclipped.minimum(clipped).mean().neg();
  }

  /** The vanilla policy-gradient loss {@code -mean(logp A)} (REINFORCE and A2C). */
  public static NDArray policyGradient(NDArray logp, NDArray adv) {
    return logp.mul(adv).mean().neg();
  }

  /**
   * Value loss {@code mean((V - R)^2)}; with {@code clip > 0} the clipped form of OpenAI's PPO
   * {@code mean(max((V - R)^2, (Vold + clip(V - Vold, -c, c) - R)^2))}. No factor 0.5, as in
   * Stable-Baselines3, so RL-Zoo's value coefficients carry over.
   */
  public static NDArray valueLoss(NDArray v, NDArray oldV, NDArray returns, double clip) {
    NDArray err = v.sub(returns).square();
    if (clip > 0) {
      NDArray vClipped = oldV.add(v.sub(oldV).clip(-clip, clip));
      err = err.maximum(vClipped.sub(returns).square());
    }
    return err.mean();
  }
}
