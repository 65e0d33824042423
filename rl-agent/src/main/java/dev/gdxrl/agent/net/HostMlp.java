package dev.gdxrl.agent.net;

/**
 * A host-side (plain Java) copy of a {@link FlatMlp}'s weights, for acting. A forward pass of a
 * small MLP in Java costs microseconds and no native call, where a DJL forward costs several
 * native round trips; training code refreshes the copy (one native call) after each training
 * round.
 *
 * <p>Not thread-safe: it owns its activation buffers. Use one per thread.
 */
public final class HostMlp {
  private final QNetSpec spec;
  private final int[] off;
  private final float[] params;
  private final float[][] act; // act[l] = input of layer l; act[layers] = head output
  /** Per layer l and input i: row {@code wt[l][i]} = the weights from input i to every output. */
  private final float[][][] wt;

  /** A zero network of the given shape; call {@link #copyFrom} or {@link #set} before use. */
  public HostMlp(QNetSpec spec) {
    this.spec = spec;
    this.off = spec.offsets();
    this.params = new float[spec.parameterCount()];
    int layers = spec.layers();
    act = new float[layers + 1][];
    for (int l = 0; l < layers; l++) {
      act[l] = new float[spec.layerIn(l)];
    }
    act[layers] = new float[spec.outputs()];
    wt = new float[layers][][];
    for (int l = 0; l < layers; l++) {
      wt[l] = new float[spec.layerIn(l)][spec.layerOut(l)]; // the zero network until set
    }
  }

  public QNetSpec spec() {
    return spec;
  }

  /** Copies the current parameters of {@code net} (same spec) from its device. */
  public void copyFrom(FlatMlp net) {
    if (!net.spec().equals(spec)) {
      throw new IllegalArgumentException("network " + net.spec() + " does not match " + spec);
    }
    set(net.flatParameter().getArray().toFloatArray());
  }

  /** Sets the flat parameter vector (layout {@link QNetSpec#offsets()}). */
  public void set(float[] flat) {
    if (flat.length != params.length) {
      throw new IllegalArgumentException(
          "expected " + params.length + " parameters, got " + flat.length);
    }
    System.arraycopy(flat, 0, params, 0, params.length);
    for (int l = 0; l < spec.layers(); l++) {
      wt[l] = HostDense.transposedRows(flat, off[2 * l], spec.layerOut(l), spec.layerIn(l));
    }
  }

  /** Whether every parameter is finite (no NaN, no infinity). */
  public boolean finite() {
    return HostDense.finite(params);
  }

  /** A copy of the flat parameter vector. */
  public float[] get() {
    return params.clone();
  }

  /**
   * Q-values of {@code obs}, written into {@code q} (length {@link QNetSpec#outputs()}).
   *
   * @return {@code q}
   */
  public float[] forward(float[] obs, float[] q) {
    System.arraycopy(obs, 0, act[0], 0, spec.inputs());
    int layers = spec.layers();
    float[] p = params;
    for (int l = 0; l < layers; l++) {
      float[] x = act[l];
      float[] y = act[l + 1];
      // bias, then the products in input order: play.BatchedQNetwork reproduces these values
      // bitwise, so keep the order (HostDense keeps it)
      HostDense.affine(x, 0, wt[l], p, off[2 * l + 1], y);
      if (l < layers - 1) {
        for (int j = 0; j < y.length; j++) {
          if (y[j] < 0) {
            y[j] = 0;
          }
        }
      }
    }
    float[] a = act[layers];
    if (!spec.dueling()) {
      System.arraycopy(a, 0, q, 0, a.length);
      return q;
    }
    float[] h = act[layers - 1];
    int w = off[2 * layers];
    float v = p[off[2 * layers + 1]];
    for (int i = 0; i < h.length; i++) {
      v += p[w + i] * h[i];
    }
    float mean = 0;
    for (float ai : a) {
      mean += ai;
    }
    mean /= a.length;
    for (int k = 0; k < a.length; k++) {
      q[k] = v + a[k] - mean;
    }
    return q;
  }

  /** Index of the largest entry, lowest on ties. */
  public static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
