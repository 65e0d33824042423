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
  private final DenseKernel kernel;
  private final DenseKernel.Pass pass;

  private float[] obsHost = new float[0];
  private float[] dHead = new float[0];
  private float[] dValue = new float[0];
  // reused direct buffers for the uploads (DJL copies a heap buffer into a fresh direct one)
  private ByteBuffer obsBuf = ByteBuffer.allocateDirect(0);
  private ByteBuffer dHeadBuf = ByteBuffer.allocateDirect(0);
  private ByteBuffer dValueBuf = ByteBuffer.allocateDirect(0);

  ManualActorCritic(ActorCriticNet net) {
    this.net = net;
    this.spec = net.spec();
    this.layout = net.layout();
    this.obsDim = spec.obsDim();
    this.k = spec.actions();
    this.kernel = new DenseKernel(spec.mlp(), () -> net.theta().getArray());
    this.pass = kernel.pass();
  }

  /** (Re)creates the views of the parameter vector; call after its array was replaced. */
  void refresh() {
    kernel.refresh();
  }

  /**
   * Computes the gradient of the loss on {@code mb} into {@code grad} (every entry written) and
   * returns the loss's batch sums.
   */
  LossTerms.Sums gradient(NDManager m, Minibatch mb, PgStep.Objective loss, float[] grad) {
    int rows = mb.size();
    if (obsHost.length < rows * obsDim) {
      obsHost = new float[rows * obsDim];
      dHead = new float[rows * k];
      dValue = new float[rows];
      obsBuf = direct(rows * obsDim);
      dHeadBuf = direct(rows * k);
      dValueBuf = direct(rows);
    }
    mb.observations(obsHost);
    NDArray obs = upload(m, obsBuf, obsHost, rows * obsDim, new Shape(rows, obsDim));
    NDArray[] out = kernel.forward(obs, pass);
    NDArray head = out[0];
    NDArray value = out[1];
    float[] h = head.toFloatArray();
    float[] v = value.toFloatArray();
    double[] stats = spec.discrete() ? categorical(mb, h, loss) : gaussian(mb, h, loss, grad);
    valueGradient(mb, v, loss, stats);

    NDArray dh = upload(m, dHeadBuf, dHead, rows * k, new Shape(rows, k));
    NDArray dv = upload(m, dValueBuf, dValue, rows, new Shape(rows, 1));
    kernel.backward(pass, new NDArray[] {dh, dv}, grad);
    return new LossTerms.Sums(stats[0], stats[1], stats[2], stats[3], stats[4]);
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
  private static double dLogp(double logp, double oldLogp, double adv, int rows,
      PgStep.Objective loss, double[] stats) {
    if (!loss.clipped()) {
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

  /** Stats: objective, value error, minus entropy, approx KL (sums), clipped count. */
  private double[] categorical(Minibatch mb, float[] logits, PgStep.Objective loss) {
    int rows = mb.size();
    double[] stats = new double[5];
    double entW = loss.entCoef() / rows;
    double[] lp = new double[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double lse = Categorical.logSumExp(logits, o, k);
      int a = 0;
      double negEnt = 0;
      for (int j = 0; j < k; j++) {
        lp[j] = logits[o + j] - lse;
        negEnt += Math.exp(lp[j]) * lp[j];
        if (mb.action(r, j) > 0.5f) { // one-hot
          a = j;
        }
      }
      stats[2] += negEnt;
      double g = dLogp(lp[a], mb.oldLogp(r), mb.advantage(r), rows, loss, stats);
      for (int j = 0; j < k; j++) {
        double p = Math.exp(lp[j]);
        double dz = g * ((j == a ? 1 : 0) - p) + entW * p * (lp[j] - negEnt);
        dHead[o + j] = (float) dz;
      }
    }
    return stats;
  }

  private double[] gaussian(Minibatch mb, float[] mean, PgStep.Objective loss, float[] grad) {
    int rows = mb.size();
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
    double[] z = new double[k];
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double logp = 0;
      for (int j = 0; j < k; j++) {
        double inv = Math.exp(-logStd[j]);
        z[j] = (mb.action(r, j) - mean[o + j]) * inv;
        logp += -0.5 * z[j] * z[j] - logStd[j] - DiagGaussian.HALF_LOG_2PI;
      }
      double g = dLogp(logp, mb.oldLogp(r), mb.advantage(r), rows, loss, stats);
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
  private void valueGradient(Minibatch mb, float[] v, PgStep.Objective loss, double[] stats) {
    int rows = mb.size();
    double w = loss.vfCoef() / rows;
    double c = loss.clipVf();
    for (int r = 0; r < rows; r++) {
      double ret = mb.ret(r);
      double old = mb.oldValue(r);
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
