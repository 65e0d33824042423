package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.net.HostNet;
import java.nio.ByteOrder;
import java.util.function.IntConsumer;

/**
 * One policy-gradient step's gradient without autograd, all on the host: the CPU fast path of
 * REINFORCE, A2C and PPO. The networks run forward in plain Java ({@link HostNet}), the loss and
 * its gradient with respect to the heads' outputs are computed exactly (log-softmax, ratio,
 * clipped surrogate, entropy, Gaussian log-density, clipped value error, with PyTorch's
 * conventions for ties of min/max and for clip boundaries), and the gradient goes back up
 * through {@link HostNet#backward}. A unit test checks it against autograd.
 *
 * <p>Why on the host: through DJL every recorded op costs about 6 us and every node of the
 * backward pass about 5 us (most of a step for the 64-64 networks of these algorithms), and
 * that per-op cost does not shrink when a batch is split over threads. Here nothing is native.
 *
 * <p>Threads: every minibatch is split into {@link #CHUNKS} fixed chunks of rows; each chunk's
 * gradient and loss sums are computed on their own, and the chunks are added up in a fixed tree,
 * {@code (c0 + c1) + (c2 + c3)}. The lanes of a {@link ShardThreads} (the vector env's shard
 * threads) share the chunks out, each with its own host copy of the networks ({@link
 * HostNet#forTraining}: tanh in float), so the gradient is the same for any number of threads.
 */
final class ManualActorCritic {
  /** Chunks of every minibatch (up to this many threads help). */
  static final int CHUNKS = 4;

  private final ActorCriticNet net;
  private final ActorCriticSpec spec;
  private final int obsDim;
  private final int k;
  /** Offset of the Gaussian's log-std in the flat vector; -1 for a categorical policy. */
  private final int logStdAt;
  /** The current parameters, read from the parameter at the start of every call. */
  private final float[] theta;
  private final Chunk[] chunks = new Chunk[CHUNKS];
  private HostNet[] nets = new HostNet[0];
  private long[] netVersion = new long[0];
  private long version;
  private final IntConsumer laneTask = this::lane;
  /** Per pair of chunks (2p, 2p + 1): whether a lane already added it up. */
  private final boolean[] paired = new boolean[CHUNKS / 2];
  // this call's inputs, for the lanes
  private Minibatch mb;
  private PgStep.Objective loss;
  private int lanes;

  ManualActorCritic(ActorCriticNet net) {
    this.net = net;
    this.spec = net.spec();
    this.obsDim = spec.obsDim();
    this.k = spec.actions();
    this.logStdAt = spec.discrete() ? -1 : net.layout().vector(0);
    this.theta = new float[net.layout().size()];
  }

  /**
   * Computes the gradient of the loss on {@code mb} into {@code grad} (every entry written) and
   * returns the loss's batch sums; the chunks run on the lanes of {@code threads}.
   */
  LossTerms.Sums gradient(Minibatch mb, PgStep.Objective loss, ShardThreads threads,
      float[] grad) {
    // the current values (the optimiser writes the parameter's memory in place)
    net.theta().getArray().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
        .get(0, theta, 0, theta.length);
    version++;
    this.mb = mb;
    this.loss = loss;
    this.lanes = Math.max(1, Math.min(threads.count(), CHUNKS));
    if (nets.length < lanes) {
      nets = new HostNet[lanes];
      netVersion = new long[lanes];
    }
    java.util.Arrays.fill(paired, false);
    if (lanes == 1) {
      lane(0);
    } else {
      threads.run(laneTask);
    }
    // the fixed sum tree (c0 + c1) + (c2 + c3), whatever lane computed which chunk
    for (int p = 0; p < CHUNKS / 2; p++) {
      if (!paired[p]) {
        pair(2 * p);
      }
    }
    double[] stats = new double[5];
    double[] gLogStd = new double[logStdAt < 0 ? 0 : k];
    boolean first = true;
    for (int c = 0; c < CHUNKS; c += 2) {
      Chunk ch = chunks[c];
      if (ch.rows == 0) {
        continue;
      }
      if (first) {
        System.arraycopy(ch.grad, 0, grad, 0, grad.length);
        first = false;
      } else {
        float[] g = ch.grad;
        for (int i = 0; i < grad.length; i++) {
          grad[i] += g[i];
        }
      }
      for (int i = 0; i < 5; i++) {
        stats[i] += ch.stats[i];
      }
      for (int j = 0; j < gLogStd.length; j++) {
        gLogStd[j] += ch.gLogStd[j];
      }
    }
    if (logStdAt >= 0) {
      double entPerRow = 0;
      for (int j = 0; j < k; j++) {
        entPerRow += 0.5 + DiagGaussian.HALF_LOG_2PI + theta[logStdAt + j];
        // entropy term: ent_coef / B times minus the batch's entropy, -B sum_j (logStd_j + c)
        grad[logStdAt + j] = (float) (gLogStd[j] - loss.entCoef());
      }
      stats[2] = -entPerRow * mb.size();
    }
    this.mb = null;
    return new LossTerms.Sums(stats[0], stats[1], stats[2], stats[3], stats[4]);
  }

  /**
   * Lane s: its share of the chunks, on its own copy of the networks; a pair of chunks it
   * computed both of it adds up here too (on its own core, where their gradients are).
   */
  private void lane(int s) {
    if (s >= lanes) {
      return;
    }
    HostNet h = nets[s];
    if (h == null) {
      // made by the lane's own thread, like its chunks: what one lane writes per row must not
      // share a cache line with what another reads (that made two threads slower than one)
      h = nets[s] = HostNet.forTraining(spec.mlp());
      netVersion[s] = version - 1;
    }
    if (netVersion[s] != version) {
      h.set(theta);
      netVersion[s] = version;
    }
    int size = mb.size();
    int from = s * CHUNKS / lanes;
    int to = (s + 1) * CHUNKS / lanes;
    for (int c = from; c < to; c++) {
      if (chunks[c] == null) {
        chunks[c] = new Chunk();
      }
      chunks[c].compute(h, c * size / CHUNKS, (c + 1) * size / CHUNKS);
    }
    for (int c = from; c + 1 < to; c++) {
      if (c % 2 == 0) {
        pair(c);
      }
    }
  }

  /** Adds chunk c + 1's sums into chunk c's (c even): the first level of the fixed sum tree. */
  private void pair(int c) {
    Chunk a = chunks[c];
    Chunk b = chunks[c + 1];
    paired[c / 2] = true;
    if (b.rows == 0) {
      return;
    }
    if (a.rows == 0) {
      System.arraycopy(b.grad, 0, a.grad, 0, a.grad.length);
      System.arraycopy(b.stats, 0, a.stats, 0, a.stats.length);
      System.arraycopy(b.gLogStd, 0, a.gLogStd, 0, a.gLogStd.length);
      a.rows = b.rows;
      return;
    }
    float[] ga = a.grad;
    float[] gb = b.grad;
    for (int i = 0; i < ga.length; i++) {
      ga[i] += gb[i];
    }
    for (int i = 0; i < a.stats.length; i++) {
      a.stats[i] += b.stats[i];
    }
    for (int j = 0; j < a.gLogStd.length; j++) {
      a.gLogStd[j] += b.gLogStd[j];
    }
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

  /** One chunk's rows: their gradient (free vectors 0), loss sums and log-std gradient. */
  private final class Chunk {
    int rows;
    final float[] grad = new float[theta.length];
    /** Objective, value error, minus entropy (categorical), approx KL (sums), clipped count. */
    final double[] stats = new double[5];
    final double[] gLogStd = new double[k];
    private final float[][] dHeads = new float[2][];
    private float[] obs = new float[0];
    private float[] head = new float[0];
    private float[] value = new float[0];
    private float[] dHead = new float[0];
    private float[] dValue = new float[0];

    void compute(HostNet h, int from, int to) {
      rows = to - from;
      if (rows == 0) {
        return;
      }
      if (obs.length < rows * obsDim) {
        obs = new float[rows * obsDim];
        head = new float[rows * k];
        value = new float[rows];
        dHead = new float[rows * k];
        dValue = new float[rows];
      }
      mb.observations(from, to, obs);
      h.forward(obs, rows, head, value);
      java.util.Arrays.fill(stats, 0);
      java.util.Arrays.fill(gLogStd, 0);
      if (logStdAt < 0) {
        categorical(from, to);
      } else {
        gaussian(from, to, h.vector(0));
      }
      valueGradient(from, to);
      dHeads[0] = dHead;
      dHeads[1] = dValue;
      h.backward(obs, rows, dHeads, grad);
    }

    /** The categorical policy's terms of rows [from, to): dHead and the stats. */
    private void categorical(int from, int to) {
      int rows = mb.size();
      double entW = loss.entCoef() / rows;
      double[] lp = new double[k];
      for (int r = from; r < to; r++) {
        int o = (r - from) * k;
        double lse = Categorical.logSumExp(head, o, k);
        int a = 0;
        double negEnt = 0;
        for (int j = 0; j < k; j++) {
          lp[j] = head[o + j] - lse;
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
    }

    /** The Gaussian policy's terms of rows [from, to): dHead, the log-std's gradient, stats. */
    private void gaussian(int from, int to, float[] logStd) {
      int rows = mb.size();
      double[] z = new double[k];
      for (int r = from; r < to; r++) {
        int o = (r - from) * k;
        double logp = 0;
        for (int j = 0; j < k; j++) {
          double inv = Math.exp(-logStd[j]);
          z[j] = (mb.action(r, j) - head[o + j]) * inv;
          logp += -0.5 * z[j] * z[j] - logStd[j] - DiagGaussian.HALF_LOG_2PI;
        }
        double g = dLogp(logp, mb.oldLogp(r), mb.advantage(r), rows, loss, stats);
        for (int j = 0; j < k; j++) {
          dHead[o + j] = (float) (g * z[j] * Math.exp(-logStd[j]));
          gLogStd[j] += g * (z[j] * z[j] - 1);
        }
      }
    }

    /**
     * The value term of rows [from, to): vf_coef / B * sum (V - R)^2, optionally PPO's clipped
     * form; fills dValue.
     */
    private void valueGradient(int from, int to) {
      int rows = mb.size();
      double w = loss.vfCoef() / rows;
      double c = loss.clipVf();
      for (int r = from; r < to; r++) {
        double ret = mb.ret(r);
        double old = mb.oldValue(r);
        double vi = value[r - from];
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
        dValue[r - from] = (float) (w * d);
      }
    }
  }
}
