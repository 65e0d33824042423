package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;

/**
 * The loss terms of the policy-gradient learners on NDArrays (differentiable). Each returns a
 * batch <em>sum</em>; the learner stacks the terms and weights them with one small vector
 * ({@code [-1/B, vf_coef/B, ent_coef/B]}), which gives the usual means in three native calls.
 */
public final class PgLosses {
  private PgLosses() {}

  /**
   * PPO's clipped surrogate objective summed over the batch (to maximise): {@code sum(min(r A,
   * clip(r, 1-eps, 1+eps) A))} with {@code r = exp(logp - oldLogp)}.
   */
  public static NDArray clippedSurrogateSum(NDArray ratio, NDArray adv, double clip) {
    NDArray unclipped = ratio.mul(adv);
    NDArray clipped = ratio.clip(1 - clip, 1 + clip).mul(adv);
    return unclipped.minimum(clipped).sum();
  }

  /** The vanilla policy-gradient objective {@code sum(logp A)} (REINFORCE and A2C; maximise). */
  public static NDArray policyGradientSum(NDArray logp, NDArray adv) {
    return logp.mul(adv).sum();
  }

  /**
   * Squared value error summed over the batch, {@code sum((V - R)^2)}; with {@code clip > 0} the
   * clipped form of OpenAI's PPO, {@code sum(max((V - R)^2, (Vold + clip(V - Vold, -c, c) -
   * R)^2))}. Divided by B this is Stable-Baselines3's MSE (no factor 0.5), so RL-Zoo's value
   * coefficients carry over.
   */
  public static NDArray valueErrorSum(NDArray v, NDArray oldV, NDArray returns, double clip) {
    NDArray err = v.sub(returns).square();
    if (clip > 0) {
      NDArray vClipped = oldV.add(v.sub(oldV).clip(-clip, clip));
      err = err.maximum(vClipped.sub(returns).square());
    }
    return err.sum();
  }
}
