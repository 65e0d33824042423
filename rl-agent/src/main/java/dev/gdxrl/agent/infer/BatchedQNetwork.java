package dev.gdxrl.agent.infer;

import ai.djl.ndarray.NDManager;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.net.FlatMlp;
import dev.gdxrl.agent.net.HostMlp;
import dev.gdxrl.agent.net.Networks;
import dev.gdxrl.agent.net.QNetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Q-network of a DQN checkpoint evaluated for many NPCs in one call on the host, with each
 * layer's weights transposed so that the innermost loop runs over a layer's outputs (contiguous
 * and long: the JIT vectorises it) instead of a dot product (which it cannot reorder). Every
 * output's sum is still added in exactly the order {@link HostMlp} adds it, so the values (and
 * the greedy actions) are bitwise those of the single-observation path that {@code eval} uses.
 *
 * <p>Not thread-safe (scratch buffers).
 */
final class BatchedQNetwork {
  private final QNetSpec spec;
  private final int[] off;
  private final float[] p;
  /** Per layer: its weights transposed to [input][output], so the inner loop runs over outputs. */
  private final float[][] wt;
  private float[][] act = new float[0][];
  private int capacity;

  BatchedQNetwork(QNetSpec spec, float[] flat) {
    if (flat.length != spec.parameterCount()) {
      throw new IllegalArgumentException("expected " + spec.parameterCount() + " parameters, got "
          + flat.length);
    }
    this.spec = spec;
    this.off = spec.offsets();
    this.p = flat.clone();
    int layers = spec.layers();
    wt = new float[layers][];
    for (int l = 0; l < layers; l++) {
      int in = spec.layerIn(l);
      int out = spec.layerOut(l);
      float[] t = new float[in * out];
      int w = off[2 * l];
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          t[i * out + j] = p[w + j * in + i];
        }
      }
      wt[l] = t;
    }
  }

  /**
   * The online Q-network of a {@code dqn} / {@code double-dqn} checkpoint, or null when the
   * checkpoint holds another kind of agent (its policy then acts one NPC at a time).
   */
  static BatchedQNetwork load(Path dir, CheckpointMeta meta) throws Exception {
    Path file = dir.resolve("q_network.params");
    if (!meta.algo().contains("dqn") || !Files.isRegularFile(file)
        || !(meta.config().get("hidden") instanceof List<?> hidden)) {
      return null;
    }
    int[] widths = new int[hidden.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = ((Number) hidden.get(i)).intValue();
    }
    boolean dueling = Boolean.TRUE.equals(meta.config().get("dueling"));
    int actions = ((dev.gdxrl.env.Discrete) meta.actionSpace()).n();
    QNetSpec spec = new QNetSpec(meta.observationSpace().dim(), widths, actions, dueling);
    try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      FlatMlp net = Networks.initialize(spec.build(), manager, new SplittableRandom(0));
      Networks.load(net, manager, file);
      HostMlp host = new HostMlp(spec);
      host.copyFrom(net);
      return new BatchedQNetwork(spec, host.get());
    }
  }

  int actions() {
    return spec.outputs();
  }

  private void ensure(int n) {
    if (n <= capacity) {
      return;
    }
    int layers = spec.layers();
    act = new float[layers + 1][];
    for (int l = 0; l < layers; l++) {
      act[l] = new float[spec.layerIn(l) * n];
    }
    act[layers] = new float[spec.outputs() * n];
    capacity = n;
  }

  /**
   * Q-values of {@code n} observations into {@code q[k][a]} and the greedy action of each into
   * {@code greedy} (lowest index on ties, as {@link HostMlp#argmax}). Each output starts from its
   * bias and adds the inputs' products in input order, as {@link HostMlp} does: bitwise the same
   * values, but the inner loop runs over a layer's outputs (contiguous, vectorised by the JIT).
   */
  void forward(float[][] obs, int n, float[][] q, int[] greedy) {
    ensure(n);
    int inputs = spec.inputs();
    float[] x0 = act[0];
    for (int k = 0; k < n; k++) {
      System.arraycopy(obs[k], 0, x0, k * inputs, inputs);
    }
    int layers = spec.layers();
    for (int l = 0; l < layers; l++) {
      float[] x = act[l];
      float[] y = act[l + 1];
      float[] t = wt[l];
      int in = spec.layerIn(l);
      int out = spec.layerOut(l);
      int b = off[2 * l + 1];
      boolean relu = l < layers - 1;
      for (int k = 0; k < n; k++) {
        System.arraycopy(p, b, y, k * out, out);
      }
      // Input-major: one row of the transposed weights serves every NPC while it is in cache.
      for (int i = 0; i < in; i++) {
        int ti = i * out;
        for (int k = 0; k < n; k++) {
          axpy(x[k * in + i], t, ti, y, k * out, out);
        }
      }
      if (relu) {
        for (int j = 0, m = n * out; j < m; j++) {
          float s = y[j];
          y[j] = s < 0 ? 0 : s;
        }
      }
    }
    float[] a = act[layers];
    int outputs = spec.outputs();
    for (int k = 0; k < n; k++) {
      float[] qk = q[k];
      int ak = k * outputs;
      if (spec.dueling()) {
        float[] h = act[layers - 1];
        int hn = spec.layerIn(layers - 1);
        int w = off[2 * layers];
        float v = p[off[2 * layers + 1]];
        for (int i = 0; i < hn; i++) {
          v += p[w + i] * h[k * hn + i];
        }
        float mean = 0;
        for (int m = 0; m < outputs; m++) {
          mean += a[ak + m];
        }
        mean /= outputs;
        for (int m = 0; m < outputs; m++) {
          qk[m] = v + a[ak + m] - mean;
        }
      } else {
        System.arraycopy(a, ak, qk, 0, outputs);
      }
      int best = 0;
      for (int m = 1; m < outputs; m++) {
        if (qk[m] > qk[best]) {
          best = m;
        }
      }
      greedy[k] = best;
    }
  }

  /** {@code y[yo + j] += a * x[xo + j]} for j in [0, n): a loop the JIT vectorises. */
  private static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    for (int j = 0; j < n; j++) {
      y[yo + j] += a * x[xo + j];
    }
  }
}
