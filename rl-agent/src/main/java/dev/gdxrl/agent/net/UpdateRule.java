package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;

/**
 * An optimiser's update rule (PyTorch's formulas, as Stable-Baselines3 uses them), in its two
 * forms: on a host copy of a parameter (one fused Java loop) and as NDArray operations on the
 * parameter's device. Which form runs is {@link GradientPath#hostOptimiser}'s choice, made by the
 * optimiser that drives the rule; the rule itself only knows its formulas. Each parameter has
 * two state arrays of its size (Adam: first and second moments; RMSprop: its running mean of
 * squares in the second).
 */
public interface UpdateRule {
  /** Config names of the rules. */
  String ADAM = "adam";
  String RMSPROP = "rmsprop";

  /**
   * Updates {@code w[0..n)} in place with the gradient {@code g} times {@code scale} (the
   * gradient-norm clip), state {@code s1} and {@code s2}, step size {@code lr}; {@code t} is the
   * number of this step, from 1.
   */
  void host(float[] w, float[] g, float[] s1, float[] s2, int n, float scale, float lr, long t);

  /**
   * The same update on the device, in place on {@code weight} and the state arrays; {@code grad}
   * is already scaled. Temporaries belong to {@code grad}'s manager.
   */
  void device(NDArray weight, NDArray grad, NDArray s1, NDArray s2, float lr, long t);

  /** {@link #ADAM} or {@link #RMSPROP} with epsilon {@code eps} (outside the square root). */
  static UpdateRule named(String kind, double eps, double rmspropAlpha) {
    if (ADAM.equals(kind)) {
      return new Adam((float) eps);
    }
    if (RMSPROP.equals(kind)) {
      return new RmsProp((float) rmspropAlpha, (float) eps);
    }
    throw new IllegalArgumentException("optimizer must be adam or rmsprop, got " + kind);
  }

  /**
   * Adam, betas {@link AdamStep#BETA1} / {@link AdamStep#BETA2}, bias-corrected: {@link
   * AdamStep#adamUpdate} on the host, {@link AdamStep#deviceAdamUpdate} (the one device Adam) on
   * the device.
   */
  record Adam(float eps) implements UpdateRule {
    @Override
    public void host(float[] w, float[] g, float[] m, float[] v, int n, float scale, float lr,
        long t) {
      AdamStep.adamUpdate(w, g, m, v, n, scale, lr, eps, t);
    }

    @Override
    public void device(NDArray weight, NDArray grad, NDArray m, NDArray v, float lr, long t) {
      AdamStep.deviceAdamUpdate(weight, grad, m, v, lr, eps, t);
    }
  }

  /**
   * RMSprop as PyTorch's (no momentum, not centred): {@code v = alpha v + (1 - alpha) g^2, w -=
   * lr g / (sqrt(v) + eps)}.
   */
  record RmsProp(float alpha, float eps) implements UpdateRule {
    @Override
    public void host(float[] w, float[] g, float[] unused, float[] v, int n, float scale,
        float lr, long t) {
      float a = alpha;
      float e = eps;
      for (int k = 0; k < n; k++) {
        float gk = g[k] * scale;
        float vk = a * v[k] + (1 - a) * gk * gk;
        v[k] = vk;
        w[k] -= lr * gk / ((float) Math.sqrt(vk) + e);
      }
      if (t % AdamStep.FLUSH_EVERY == 0) {
        AdamStep.flushTiny(v, n); // see AdamStep.adamUpdate: subnormals stall the loop
      }
    }

    @Override
    public void device(NDArray weight, NDArray grad, NDArray unused, NDArray v, float lr,
        long t) {
      v.muli(alpha).addi(grad.square().muli(1 - alpha));
      NDArray denom = v.sqrt(); // v lives on the parameters' manager: keep the temporary scoped
      denom.attach(grad.getManager());
      weight.subi(grad.div(denom.addi(eps)).muli(lr));
    }
  }
}
