package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.gdxrl.agent.net.GradClip;
import dev.gdxrl.agent.net.UpdateRule;
import dev.gdxrl.agent.net.GradientPath;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step after a backward pass: global gradient-norm clipping ({@link GradClip}),
 * then an {@link
 * UpdateRule} (Adam or RMSprop with PyTorch's formulas, as Stable-Baselines3 uses them), then
 * zeroing the gradients. The learning rate can change between steps (annealing).
 *
 * <p>Where the rule runs is {@link GradientPath#hostOptimiser}'s choice. On the CPU the weights and gradients are read and written through zero-copy views of the
 * tensors' memory and the whole step is one fused Java loop (the approach of the DQN's {@code
 * AdamStep}): PyTorch's unfused optimisers make a dozen native calls and passes over the
 * parameters. On a GPU the rule's device form runs (NDArray ops), so parameters never leave
 * the device.
 */
public final class PgOptimizer {
  /** Optimiser names as config values. */
  public static final String ADAM = UpdateRule.ADAM;
  public static final String RMSPROP = UpdateRule.RMSPROP;

  private final UpdateRule rule;
  private final Map<String, float[][]> hostState = new HashMap<>(); // id -> {m, v}
  private final Map<String, NDArray[]> deviceState = new HashMap<>();
  private float[] w = new float[0];
  private float[] g = new float[0];
  private float lr;
  private long t;
  private boolean forceDevicePath;

  /**
   * @param kind {@link #ADAM} or {@link #RMSPROP}
   * @param lr initial learning rate
   * @param eps Adam's or RMSprop's epsilon (added outside the square root, as PyTorch)
   * @param alpha RMSprop's smoothing constant (ignored by Adam)
   */
  public PgOptimizer(String kind, double lr, double eps, double alpha) {
    this.rule = UpdateRule.named(kind, eps, alpha);
    this.lr = (float) lr;
  }

  public void setLearningRate(double lr) {
    this.lr = (float) lr;
  }

  public double learningRate() {
    return lr;
  }

  /** Uses the NDArray (GPU) path on the CPU too; for tests comparing the two paths. */
  PgOptimizer forceDevicePath() {
    forceDevicePath = true;
    return this;
  }

  /** Steps taken. */
  public long steps() {
    return t;
  }

  /**
   * Clips the gradients of {@code params} to global norm {@code maxGradNorm} (0: no clipping),
   * applies the update and zeroes the gradients. Device temporaries live on {@code scratch}.
   *
   * @return the gradient norm before clipping
   */
  public double step(List<Parameter> params, double maxGradNorm, NDManager scratch) {
    t++;
    boolean host = !forceDevicePath
        && GradientPath.hostOptimiser(params.get(0).getArray().getDevice());
    NDArray[] grads = new NDArray[params.size()];
    FloatBuffer[] gradViews = host ? new FloatBuffer[params.size()] : null;
    double sumSq = 0;
    for (int i = 0; i < grads.length; i++) {
      NDArray gr = params.get(i).getArray().getGradient();
      gr.attach(scratch);
      grads[i] = gr;
      if (host) {
        gradViews[i] = view(gr);
        int n = gradViews[i].capacity();
        ensure(n);
        gradViews[i].get(0, g, 0, n);
        sumSq += GradClip.sumOfSquares(g, n);
      }
    }
    double norm = host ? Math.sqrt(sumSq) : GradClip.norm(java.util.Arrays.asList(grads));
    float scale = GradClip.scale(norm, maxGradNorm);
    for (int i = 0; i < grads.length; i++) {
      Parameter p = params.get(i);
      if (host) {
        hostUpdate(p, gradViews[i], scale);
      } else {
        deviceUpdate(p, grads[i], scale);
      }
    }
    return norm;
  }

  /**
   * The host step with the gradient given as a host array (computed by hand: {@code
   * ManualActorCritic} and {@link dev.gdxrl.agent.net.HostNet#backward}) for the single
   * parameter {@code p}; CPU only. Same update as {@link #step(List, double, NDManager)}.
   *
   * @return the gradient norm before clipping
   */
  public double step(Parameter p, float[] grad, double maxGradNorm) {
    t++;
    int n = grad.length;
    double norm = GradClip.norm(grad, n);
    float scale = GradClip.scale(norm, maxGradNorm);
    FloatBuffer weightView = view(p.getArray());
    if (weightView.capacity() != n) {
      throw new IllegalArgumentException(
          "gradient has " + n + " entries, the parameter " + weightView.capacity());
    }
    ensure(n);
    weightView.get(0, w, 0, n);
    update(p.getId(), grad, n, scale);
    weightView.put(0, w, 0, n);
    return norm;
  }

  private void ensure(int n) {
    if (g.length < n) {
      g = new float[n];
      w = new float[n];
    }
  }

  private static FloatBuffer view(NDArray a) {
    return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private void hostUpdate(Parameter p, FloatBuffer gradView, float scale) {
    FloatBuffer weightView = view(p.getArray());
    int n = weightView.capacity();
    gradView.get(0, g, 0, n);
    weightView.get(0, w, 0, n);
    update(p.getId(), g, n, scale);
    weightView.put(0, w, 0, n);
    Arrays.fill(g, 0, n, 0f);
    gradView.put(0, g, 0, n);
  }

  /** The rule on the host copy {@code w} of parameter {@code id} with gradient {@code g}. */
  private void update(String id, float[] g, int n, float scale) {
    float[][] st = hostState.computeIfAbsent(id, k -> new float[][] {new float[n],
        new float[n]});
    rule.host(w, g, st[0], st[1], n, scale, lr, t);
  }

  private void deviceUpdate(Parameter p, NDArray grad, float scale) {
    NDArray weight = p.getArray();
    NDArray[] st = deviceState.computeIfAbsent(p.getId(), k -> {
      NDArray m = weight.zerosLike();
      NDArray v = weight.zerosLike();
      m.attach(weight.getManager());
      v.attach(weight.getManager());
      return new NDArray[] {m, v};
    });
    NDArray gs = scale < 1f ? grad.mul(scale) : grad;
    rule.device(weight, gs, st[0], st[1], lr, t);
    grad.subi(grad);
  }
}
