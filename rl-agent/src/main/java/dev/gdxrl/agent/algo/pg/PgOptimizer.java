package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step over a list of parameters after a backward pass: global gradient-norm
 * clipping (the norm is read back to the host: one sync per step), then Adam (DJL's fused update) or RMSprop (PyTorch's
 * semantics, which DJL's PyTorch engine lacks), then zeroing the gradients. The learning rate can
 * change between steps (annealing).
 */
public final class PgOptimizer {
  /** Optimiser names as config values. */
  public static final String ADAM = "adam";
  public static final String RMSPROP = "rmsprop";

  private final String kind;
  private final double eps;
  private final double alpha;
  private final Optimizer adam;
  private final Map<String, NDArray> squareAvg = new HashMap<>();
  private float lr;

  /**
   * @param kind {@link #ADAM} or {@link #RMSPROP}
   * @param lr initial learning rate
   * @param eps Adam's or RMSprop's epsilon
   * @param alpha RMSprop's smoothing constant (ignored by Adam)
   */
  public PgOptimizer(String kind, double lr, double eps, double alpha) {
    if (!ADAM.equals(kind) && !RMSPROP.equals(kind)) {
      throw new IllegalArgumentException("optimizer must be adam or rmsprop, got " + kind);
    }
    this.kind = kind;
    this.eps = eps;
    this.alpha = alpha;
    this.lr = (float) lr;
    this.adam = ADAM.equals(kind)
        ? Adam.builder().optLearningRateTracker((String id, int numUpdate) -> this.lr).optEpsilon((float) eps)
            .build()
        : null;
  }

  public void setLearningRate(double lr) {
    this.lr = (float) lr;
  }

  public double learningRate() {
    return lr;
  }

  /**
   * Clips the gradients of {@code params} to global norm {@code maxGradNorm} (0: no clipping),
   * applies the update and zeroes the gradients. Temporaries live on {@code scratch}. Returns the
   * gradient norm before clipping. With {@link ActorCriticNet}'s single flat parameter this costs
   * a handful of native calls.
   */
  public double step(List<Parameter> params, double maxGradNorm, NDManager scratch) {
    List<NDArray> grads = new ArrayList<>(params.size());
    double sumSq = 0;
    for (Parameter p : params) {
      NDArray g = p.getArray().getGradient();
      g.attach(scratch);
      grads.add(g);
      float norm = g.norm().getFloat();
      sumSq += (double) norm * norm;
    }
    double norm = Math.sqrt(sumSq);
    if (maxGradNorm > 0 && norm > maxGradNorm) {
      float coef = (float) (maxGradNorm / (norm + 1e-6));
      for (NDArray g : grads) {
        g.muli(coef);
      }
    }
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      NDArray w = p.getArray();
      NDArray g = grads.get(i);
      if (adam != null) {
        adam.update(p.getId(), w, g);
      } else {
        rmsprop(p.getId(), w, g, scratch);
      }
      g.subi(g);
    }
    return norm;
  }

  /** PyTorch's RMSprop: {@code v = a v + (1 - a) g^2; w -= lr g / (sqrt(v) + eps)}. */
  private void rmsprop(String id, NDArray w, NDArray g, NDManager scratch) {
    NDArray v = squareAvg.computeIfAbsent(id, k -> {
      NDArray z = w.zerosLike();
      z.attach(w.getManager());
      return z;
    });
    v.muli((float) alpha).addi(g.square().muli((float) (1 - alpha)));
    NDArray denom = v.sqrt(); // v lives on the parameters' manager: keep the temporary scoped
    denom.attach(scratch);
    w.subi(g.div(denom.addi((float) eps)).muli(lr));
  }

  public String kind() {
    return kind;
  }
}
