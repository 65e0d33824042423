package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gdxrl.agent.net.DenseKernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One policy-gradient step's gradient without autograd: the CPU fast path of REINFORCE, A2C and
 * PPO: the losses' gradients with respect to the heads, on the host, then the one hand-written
 * backward pass of the networks ({@link DenseKernel}), as DQN does.
 *
 * <p>Through DJL, every op that autograd records costs about 6 us and every node of the backward
 * pass about 5 us on the development machine, which is most of a step for the 64-64 networks of
 * these algorithms. Here the networks run forward with nothing recorded; the heads' outputs
 * (logits or means, and values: a few numbers per row) come to the host, where the loss and its
 * gradient with respect to them are computed exactly (log-softmax, ratio, clipped surrogate,
 * entropy, Gaussian log-density, clipped value error, with PyTorch's conventions for ties of
 * min/max and for clip boundaries); the gradient goes back up through {@link DenseKernel#backward}.
 * The gradient lands in a host array in {@link dev.gdxrl.agent.net.MlpSpec.Layout} order for the
 * host optimiser. A unit test checks it against autograd.
 */
final class ManualActorCritic implements AutoCloseable {
  private final ActorCriticNet net;
  private final ActorCriticSpec spec;
  private final dev.gdxrl.agent.net.MlpSpec.Layout layout;
  private final int obsDim;
  private final int k;
  private final int width;
  private final DenseKernel kernel;
  private final DenseKernel.Pass pass;

  private float[] obsHost = new float[0];
  private float[] dHead = new float[0];
  private float[] dValue = new float[0];
  // reused direct buffers for the uploads (DJL copies a heap buffer into a fresh direct one)
  private ByteBuffer obsBuf = ByteBuffer.allocateDirect(0);
  private ByteBuffer dHeadBuf = ByteBuffer.allocateDirect(0);
  private ByteBuffer dValueBuf = ByteBuffer.allocateDirect(0);

  /** @param width columns of a packed rollout row ({@link RolloutBuffer#packedWidth()}) */
  ManualActorCritic(ActorCriticNet net, int width) {
    this.net = net;
    this.spec = net.spec();
    this.layout = net.layout();
    this.obsDim = spec.obsDim();
    this.k = spec.actions();
    this.width = width;
    this.kernel = new DenseKernel(spec.mlp(), () -> net.theta().getArray());
    this.pass = kernel.pass();
  }

  /** (Re)creates the views of the parameter vector; call after its array was replaced. */
  void refresh() {
    kernel.refresh();
  }

  /** What kind of objective a step optimises. */
  record Loss(boolean ppo, double clip, double clipVf, double vfCoef, double entCoef) {}

  /**
   * Computes the gradient of the loss on {@code rows} packed rows into {@code grad} (every entry
   * written) and returns {@code {objective sum, value-error sum, minus-entropy sum, approx-KL sum,
   * clipped count}} (the first three as the autograd path reports them).
   */
  double[] gradient(NDManager m, float[] packed, int rows, Loss loss, float[] grad) {
    if (obsHost.length < rows * obsDim) {
      obsHost = new float[rows * obsDim];
      dHead = new float[rows * k];
      dValue = new float[rows];
      obsBuf = direct(rows * obsDim);
      dHeadBuf = direct(rows * k);
      dValueBuf = direct(rows);
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(packed, r * width, obsHost, r * obsDim, obsDim);
    }
    NDArray obs = upload(m, obsBuf, obsHost, rows * obsDim, new Shape(rows, obsDim));
    NDArray[] out = kernel.forward(obs, pass);
    NDArray head = out[0];
    NDArray value = out[1];
    float[] h = head.toFloatArray();
    float[] v = value.toFloatArray();
    double[] stats = spec.discrete() ? categorical(packed, rows, h, v, loss)
        : gaussian(packed, rows, h, v, loss, grad);
    valueGradient(packed, rows, v, loss, stats);

    NDArray dh = upload(m, dHeadBuf, dHead, rows * k, new Shape(rows, k));
    NDArray dv = upload(m, dValueBuf, dValue, rows, new Shape(rows, 1));
    kernel.backward(pass, new NDArray[] {dh, dv}, grad);
    return stats;
  }

  private static ByteBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  private static NDArray upload(NDManager m, ByteBuffer buf, float[] src, int n, Shape shape) {
    buf.clear();
    buf.asFloatBuffer().put(src, 0, n);
    buf.limit(n * Float.BYTES);
    return m.create(buf, shape, DataType.FLOAT32);
  }

  /**
   * dL/dlogp of row r for the policy term (L = -objective / B): PPO's clipped surrogate passes
   * the gradient when the unclipped term is the smaller one or the ratio is inside the clip range
   * (there both terms are equal and PyTorch splits the gradient of min between them, the clipped
   * one passing it through clamp); REINFORCE / A2C: -A / B.
   */
  private static double dLogp(double logp, double oldLogp, double adv, int rows, Loss loss,
      double[] stats) {
    if (!loss.ppo()) {
      stats[0] += logp * adv;
      return -adv / rows;
    }
    double logRatio = (float) logp - (float) oldLogp;
    double ratio = Math.exp(logRatio);
    double lo = 1 - loss.clip();
    double hi = 1 + loss.clip();
    double clipped = Math.min(Math.max(ratio, lo), hi);
    double u = ratio * adv;
    double c = clipped * adv;
    stats[0] += Math.min(u, c);
    stats[3] += (ratio - 1) - logRatio;
    if (Math.abs(ratio - 1) > loss.clip()) {
      stats[4]++;
    }
    boolean inside = ratio >= lo && ratio <= hi;
    return inside || u < c ? -adv * ratio / rows : 0;
  }

  private double[] categorical(float[] packed, int rows, float[] logits, float[] v, Loss loss) {
    double[] stats = new double[5];
    double entW = loss.entCoef() / rows;
    double[] lp = new double[k];
    int actCol = obsDim;
    int col = obsDim + k; // old logp, adv, return, old value follow the one-hot action
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double lse = Categorical.logSumExp(logits, o, k);
      int a = 0;
      double negEnt = 0;
      for (int j = 0; j < k; j++) {
        lp[j] = logits[o + j] - lse;
        negEnt += Math.exp(lp[j]) * lp[j];
        if (packed[r * width + actCol + j] > 0.5f) {
          a = j;
        }
      }
      stats[2] += negEnt;
      double g = dLogp(lp[a], packed[r * width + col], packed[r * width + col + 1], rows, loss,
          stats);
      for (int j = 0; j < k; j++) {
        double p = Math.exp(lp[j]);
        double dz = g * ((j == a ? 1 : 0) - p) + entW * p * (lp[j] - negEnt);
        dHead[o + j] = (float) dz;
      }
    }
    return stats;
  }

  private double[] gaussian(float[] packed, int rows, float[] mean, float[] v, Loss loss,
      float[] grad) {
    double[] stats = new double[5];
    float[] logStd = new float[k];
    int lo = layout.vector(0);
    // the current values (the optimiser writes the parameter's memory in place)
    net.theta().getArray().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
        .get(lo, logStd, 0, k);
    double[] gLogStd = new double[k];
    double entPerRow = 0;
    for (int j = 0; j < k; j++) {
      entPerRow += 0.5 + DiagGaussian.HALF_LOG_2PI + logStd[j];
    }
    stats[2] = -entPerRow * rows;
    int actCol = obsDim;
    int col = obsDim + k;
    double[] z = new double[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double logp = 0;
      for (int j = 0; j < k; j++) {
        double inv = Math.exp(-logStd[j]);
        z[j] = (packed[r * width + actCol + j] - mean[o + j]) * inv;
        logp += -0.5 * z[j] * z[j] - logStd[j] - DiagGaussian.HALF_LOG_2PI;
      }
      double g = dLogp(logp, packed[r * width + col], packed[r * width + col + 1], rows, loss,
          stats);
      for (int j = 0; j < k; j++) {
        dHead[o + j] = (float) (g * z[j] * Math.exp(-logStd[j]));
        gLogStd[j] += g * (z[j] * z[j] - 1);
      }
    }
    for (int j = 0; j < k; j++) {
      // entropy term: ent_coef / B times minus the batch's entropy, -B sum_j (logStd_j + c)
      grad[lo + j] = (float) (gLogStd[j] - loss.entCoef());
    }
    return stats;
  }

  /** Value term: vf_coef / B * sum (V - R)^2, optionally PPO's clipped form; fills dValue. */
  private void valueGradient(float[] packed, int rows, float[] v, Loss loss, double[] stats) {
    int col = obsDim + k + 2; // return, then old value
    double w = loss.vfCoef() / rows;
    double c = loss.clipVf();
    for (int r = 0; r < rows; r++) {
      double ret = packed[r * width + col];
      double old = packed[r * width + col + 1];
      double vi = v[r];
      double e1 = vi - ret;
      double err1 = e1 * e1;
      double d = 2 * e1;
      if (c > 0) {
        double delta = vi - old;
        double vc = old + Math.min(Math.max(delta, -c), c);
        double e2 = vc - ret;
        double err2 = e2 * e2;
        boolean passes = delta >= -c && delta <= c;
        double d2 = passes ? 2 * e2 : 0;
        if (err2 > err1) {
          d = d2;
          err1 = err2;
        } else if (err2 == err1) {
          d = 0.5 * (d + d2);
        }
      }
      stats[1] += err1;
      dValue[r] = (float) (w * d);
    }
  }

  @Override
  public void close() {
    kernel.close();
  }
}
