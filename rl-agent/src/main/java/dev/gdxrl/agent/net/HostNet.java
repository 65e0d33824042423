package dev.gdxrl.agent.net;

import dev.gdxrl.agent.net.MlpSpec.Dense;
import dev.gdxrl.agent.net.MlpSpec.Kind;

/**
 * The one host (plain Java) forward pass of every {@link MlpSpec} network, batched over rows: the
 * acting of every learner, evaluation, and every NPC of a loaded checkpoint. A small MLP costs
 * microseconds here and no native call, where a DJL forward costs several native round trips;
 * training code refreshes the copy (one download of the flat vector) after each update.
 *
 * <p>Each dense layer keeps its weights transposed (one row per input), so that the innermost loop
 * runs over contiguous outputs (the JIT vectorises it) while every output still gets exactly the
 * sum {@code bias + x0 w0 + x1 w1 + ...} in that order: the values do not depend on the number of
 * rows, and keep that order when changing this class (checkpoints' evaluations are compared
 * bitwise before and after changes).
 *
 * <p>Not thread-safe: it owns its activation buffers. Use one per thread.
 */
public final class HostNet {
  private final MlpSpec spec;
  private final MlpSpec.Layout layout;
  private final float[] theta;
  /** Per dense layer (by segment index of its weight): its weights as [in][out]. */
  private final float[][][] transposed;
  private final boolean tanh;
  /** Per trunk and hidden layer: the layer's outputs for the rows of the current call. */
  private final float[][][] acts;
  private final float[][] vectors;
  private final float[][] features;
  private float[] advantages = new float[0];
  /** One row's outputs of a dense layer, for rows after the first ({@link #dense}). */
  private float[] row = new float[0];
  private float[] duelValues = new float[0];

  /** A zero network of the given shape; call {@link #set} before use. */
  public HostNet(MlpSpec spec) {
    this.spec = spec;
    this.layout = spec.layout();
    this.theta = new float[layout.size()];
    this.transposed = new float[layout.parts()][][];
    for (Dense d : layout.dense()) {
      transposed[d.part()] = new float[d.in()][d.out()];
    }
    this.tanh = spec.activation() == MlpSpec.Activation.TANH;
    this.acts = new float[spec.trunks()][spec.depth()][0];
    this.vectors = new float[spec.heads().size()][];
    for (int h = 0; h < vectors.length; h++) {
      if (layout.vector(h) >= 0) {
        vectors[h] = new float[spec.head(h).size()];
      }
    }
    this.features = new float[spec.trunks()][];
  }

  /** A host network with the given flat parameters. */
  public HostNet(MlpSpec spec, float[] parameters) {
    this(spec);
    set(parameters);
  }

  public MlpSpec spec() {
    return spec;
  }

  /** Copies the current parameters of {@code net} from its device. */
  public HostNet copyFrom(FlatMlp net) {
    set(net.flatParameter().getArray().toFloatArray());
    return this;
  }

  /** Sets the flat parameter vector ({@link MlpSpec#layout()} order). */
  public void set(float[] parameters) {
    if (parameters.length != theta.length) {
      throw new IllegalArgumentException("expected " + theta.length + " parameters for " + spec
          + ", got " + parameters.length);
    }
    System.arraycopy(parameters, 0, theta, 0, theta.length);
    for (Dense d : layout.dense()) {
      float[][] t = transposed[d.part()];
      int in = d.in();
      int out = d.out();
      for (int j = 0; j < out; j++) {
        int row = d.weight() + j * in;
        for (int i = 0; i < in; i++) {
          t[i][j] = theta[row + i];
        }
      }
    }
    for (int h = 0; h < vectors.length; h++) {
      if (vectors[h] != null) {
        System.arraycopy(theta, layout.vector(h), vectors[h], 0, vectors[h].length);
      }
    }
  }

  /** A copy of the flat parameter vector. */
  public float[] get() {
    return theta.clone();
  }

  /** Whether every parameter is finite (no NaN, no infinity). */
  public boolean finite() {
    return HostDense.finite(theta);
  }

  /** Head {@code h}'s free vector (a Gaussian's log-stds; owned by this), or null. */
  public float[] vector(int h) {
    return vectors[h];
  }

  /** Q-values (or head 0's outputs) of one observation into {@code out}; returns {@code out}. */
  public float[] forward(float[] obs, float[] out) {
    forward(obs, 1, out, null);
    return out;
  }

  /**
   * Forward pass for {@code rows} observations ({@code obs}, row-major): head 0's outputs into
   * {@code out0} (rows x its size) and head 1's into {@code out1}; a null array skips its head
   * (and a trunk that no requested head reads).
   */
  public void forward(float[] obs, int rows, float[] out0, float[] out1) {
    java.util.Arrays.fill(features, null);
    if (out0 != null) {
      head(0, obs, rows, out0);
    }
    if (out1 != null) {
      head(1, obs, rows, out1);
    }
  }

  /** Head {@code h}'s outputs for {@code rows} observations into {@code out}. */
  public void forward(float[] obs, int rows, int h, float[] out) {
    java.util.Arrays.fill(features, null);
    head(h, obs, rows, out);
  }

  private void head(int h, float[] obs, int rows, float[] out) {
    MlpSpec.Head hd = spec.head(h);
    float[] x = features(hd.trunk(), obs, rows);
    Dense first = layout.head(h, 0);
    if (hd.kind() != Kind.DUELING) {
      dense(x, rows, first, out, false);
      return;
    }
    int n = hd.size();
    if (advantages.length < rows * n) {
      advantages = new float[rows * n];
      duelValues = new float[rows];
    }
    float[] a = advantages;
    dense(x, rows, first, a, false);
    dense(x, rows, layout.head(h, 1), duelValues, false);
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      float mean = 0;
      for (int k = 0; k < n; k++) {
        mean += a[o + k];
      }
      mean /= n;
      float v = duelValues[r];
      for (int k = 0; k < n; k++) {
        out[o + k] = v + a[o + k] - mean;
      }
    }
  }

  /** Trunk {@code t}'s output for the rows (computed once per call). */
  private float[] features(int t, float[] obs, int rows) {
    if (features[t] != null) {
      return features[t];
    }
    float[] x = obs;
    for (int l = 0; l < spec.depth(); l++) {
      int need = rows * spec.width(l);
      if (acts[t][l].length < need) {
        acts[t][l] = new float[need];
      }
      dense(x, rows, layout.trunk(t, l), acts[t][l], true);
      x = acts[t][l];
    }
    features[t] = x;
    return x;
  }

  /**
   * {@code y[r][j] = act(bias[j] + sum_i x[r][i] w[j][i])}, each sum from the bias in input order.
   */
  private void dense(float[] x, int rows, Dense d, float[] y, boolean activate) {
    int in = d.in();
    int out = d.out();
    float[][] t = transposed[d.part()];
    if (rows > 1 && row.length < out) {
      row = new float[out];
    }
    for (int r = 0; r < rows; r++) {
      int yo = r * out;
      // row 0 straight into y; the others through a buffer that starts at 0 (see affine)
      float[] acc = r == 0 ? y : row;
      affine(x, r * in, t, theta, d.bias(), acc);
      if (r > 0) {
        System.arraycopy(row, 0, y, yo, out);
      }
      if (activate) {
        for (int j = yo; j < yo + out; j++) {
          float s = y[j];
          y[j] = tanh ? tanh(s) : s < 0 ? 0 : s;
        }
      }
    }
  }

  /**
   * {@code acc[j] = bias[bo + j] + x[xo] t[0][j] + x[xo + 1] t[1][j] + ...} for j below {@code
   * t[0].length}. The inner loop reads {@code acc} and the weight row from index 0: the JIT
   * vectorises it only so (an offset into {@code acc} made the whole forward pass about 2x
   * slower, measured against the loop it replaced).
   */
  private static void affine(float[] x, int xo, float[][] t, float[] bias, int bo, float[] acc) {
    int out = t[0].length;
    System.arraycopy(bias, bo, acc, 0, out);
    for (int i = 0; i < t.length; i++) {
      float xi = x[xo + i];
      float[] w = t[i];
      for (int j = 0; j < out; j++) {
        acc[j] += xi * w[j];
      }
    }
  }

  /**
   * tanh in float precision from the JIT's exp intrinsic (Math.tanh is not an intrinsic and costs
   * about 45 ns here, this about 8): (e - 1) / (e + 1) with e = exp(2x) in double, x itself below
   * 1e-8 (where tanh x = x in float) and +-1 beyond 20.
   */
  public static float tanh(float x) {
    if (x > 20f) {
      return 1f;
    }
    if (x < -20f) {
      return -1f;
    }
    if (Math.abs(x) < 1e-8f) {
      return x;
    }
    double e = Math.exp(2.0 * x);
    return (float) ((e - 1) / (e + 1));
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
