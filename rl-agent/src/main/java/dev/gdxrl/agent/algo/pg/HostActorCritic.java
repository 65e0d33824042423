package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.net.HostDense;

/**
 * A host-side (plain Java) copy of an {@link ActorCriticNet}'s parameters, for acting: a batched
 * forward pass over all N envs of a vector step costs a few microseconds per env and no native
 * call, where a DJL forward costs a dozen JNI round trips. The learner refreshes the copy with
 * {@link #copyFrom} after each update (one download of the flat parameter vector); a loaded
 * checkpoint needs no DJL at all to act.
 *
 * <p>Not thread-safe: it owns its activation buffers. Use one per thread.
 */
public final class HostActorCritic {
  private final ActorCriticSpec spec;
  private final ParamLayout layout;
  private final float[] theta;
  private final float[] logStd;
  private float[] bufA = new float[0];
  private float[] bufB = new float[0];
  /** Per layer (indexed by its weight part): row i = the weights from input i to every output. */
  private final float[][][] transposed;
  private float[] acc = new float[0];

  public HostActorCritic(ActorCriticSpec spec) {
    this.spec = spec;
    this.layout = new ParamLayout(spec);
    this.theta = new float[layout.size()];
    this.logStd = spec.discrete() ? null : new float[spec.actions()];
    this.transposed = new float[layout.splitPoints().length + 1][][];
    for (ParamLayout.Layer layer : layout.layers()) { // the zero network until set
      transposed[layer.weightPart()] = new float[layer.in()][layer.out()];
    }
  }

  /** A host network with the given flat parameters (e.g. read from a checkpoint). */
  public HostActorCritic(ActorCriticSpec spec, float[] parameters) {
    this(spec);
    setParameters(parameters);
  }

  public ActorCriticSpec spec() {
    return spec;
  }

  /** Copies the current parameters of {@code net} (same spec) from its device. */
  public HostActorCritic copyFrom(ActorCriticNet net) {
    if (!net.spec().equals(spec)) {
      throw new IllegalArgumentException("network " + net.spec() + " does not match " + spec);
    }
    setParameters(net.hostParameters());
    return this;
  }

  /** Whether every parameter is finite (no NaN, no infinity). */
  public boolean finite() {
    return dev.gdxrl.agent.net.HostDense.finite(theta);
  }

  /** Sets the flat parameter vector ({@link ParamLayout} order). */
  public void setParameters(float[] parameters) {
    if (parameters.length != theta.length) {
      throw new IllegalArgumentException("expected " + theta.length + " parameters for " + spec
          + ", got " + parameters.length);
    }
    System.arraycopy(parameters, 0, theta, 0, theta.length);
    for (ParamLayout.Layer layer : layout.layers()) {
      transposed[layer.weightPart()] =
          HostDense.transposedRows(theta, layer.weightOffset(), layer.out(), layer.in());
    }
    if (logStd != null) {
      System.arraycopy(theta, layout.logStdOffset(), logStd, 0, logStd.length);
    }
  }

  /** The Gaussian's log standard deviations (owned by this; null for a categorical policy). */
  public float[] logStd() {
    return logStd;
  }

  /**
   * Forward pass for {@code rows} observations ({@code obs}, row-major): actor outputs (logits or
   * means) into {@code actorOut} (rows x actions) and, if {@code values} is not null, V(s) into
   * {@code values} (rows).
   */
  public void forward(float[] obs, int rows, float[] actorOut, float[] values) {
    int h = spec.hiddenCount();
    float[] feat = actorTrunk(obs, rows);
    dense(feat, rows, layout.actorLayer(h), actorOut, false);
    if (values == null) {
      return;
    }
    if (spec.sharedTrunk()) {
      dense(feat, rows, layout.criticLayer(0), values, false);
    } else {
      values(obs, rows, values);
    }
  }

  /** V(s) of {@code rows} observations into {@code values}. */
  public void values(float[] obs, int rows, float[] values) {
    int h = spec.hiddenCount();
    if (spec.sharedTrunk()) {
      dense(actorTrunk(obs, rows), rows, layout.criticLayer(0), values, false);
      return;
    }
    float[] x = obs;
    for (int l = 0; l < h; l++) {
      x = hidden(x, rows, layout.criticLayer(l));
    }
    dense(x, rows, layout.criticLayer(h), values, false);
  }

  private float[] actorTrunk(float[] obs, int rows) {
    float[] x = obs;
    for (int l = 0; l < spec.hiddenCount(); l++) {
      x = hidden(x, rows, layout.actorLayer(l));
    }
    return x;
  }

  /** One hidden layer into whichever work buffer does not hold its input. */
  private float[] hidden(float[] x, int rows, ParamLayout.Layer layer) {
    int need = rows * layer.out();
    float[] y;
    if (x == bufA) {
      if (bufB.length < need) {
        bufB = new float[need];
      }
      y = bufB;
    } else {
      if (bufA.length < need) {
        bufA = new float[need];
      }
      y = bufA;
    }
    dense(x, rows, layer, y, true);
    return y;
  }

  private void dense(float[] x, int rows, ParamLayout.Layer layer, float[] y, boolean act) {
    int in = layer.in();
    int out = layer.out();
    float[][] wt = transposed[layer.weightPart()];
    if (acc.length < out) {
      acc = new float[out];
    }
    float[] a = acc;
    int bo = layer.biasOffset();
    boolean tanh = spec.tanh();
    for (int r = 0; r < rows; r++) {
      HostDense.affine(x, r * in, wt, theta, bo, a);
      int yo = r * out;
      for (int j = 0; j < out; j++) {
        float s = a[j];
        if (act) {
          s = tanh ? tanh(s) : Math.max(0f, s);
        }
        y[yo + j] = s;
      }
    }
  }

  /**
   * tanh in float precision from the JIT's exp intrinsic (Math.tanh is not an intrinsic and costs
   * about 45 ns here, this about 8): (e - 1) / (e + 1) with e = exp(2x) in double, x itself below
   * 1e-8 (where tanh x = x in float) and +-1 beyond 20.
   */
  static float tanh(float x) {
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
}
