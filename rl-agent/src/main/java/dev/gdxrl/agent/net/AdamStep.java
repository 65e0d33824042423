package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Adam (PyTorch's formulation: bias-corrected moments, epsilon outside the square root) with
 * global gradient-norm clipping, for the single flat parameter of a {@link FlatMlp}. After an
 * update the parameter's gradient is zero again.
 *
 * <p>Two implementations of one contract: {@link #host} for the CPU, where the gradient and the
 * weights are read and written through zero-copy views of the tensors' memory and the whole
 * update is one fused Java loop (PyTorch's unfused Adam makes about eleven passes over the
 * parameters); and {@link #device} for a GPU, the same update as NDArray ops ({@link
 * #deviceAdamUpdate}, which the policy-gradient optimiser's GPU path uses too), so the parameters
 * never leave the device. A unit test checks that both give the same parameters.
 */
public abstract class AdamStep {
  /** Adam's moment decay rates (PyTorch's defaults), for every Adam in the project. */
  public static final float BETA1 = 0.9f;
  public static final float BETA2 = 0.999f;

  protected float lr;
  protected final float eps = 1e-8f;
  /** The update itself, host or device form: the one Adam of {@link UpdateRule}. */
  protected final UpdateRule rule = new UpdateRule.Adam(eps);
  protected final float maxGradNorm;
  protected long t;

  AdamStep(double lr, double maxGradNorm) {
    this.lr = (float) lr;
    this.maxGradNorm = (float) maxGradNorm;
  }

  /** The fused host implementation; {@code net} must live on the CPU. */
  public static AdamStep host(FlatMlp net, double lr, double maxGradNorm) {
    return new Host(net, lr, maxGradNorm);
  }

  /** Adam as NDArray ops ({@link #deviceAdamUpdate}) on the parameter's device. */
  public static AdamStep device(FlatMlp net, double lr, double maxGradNorm) {
    return new Device(net, lr, maxGradNorm);
  }

  /**
   * Clips the gradient accumulated in the parameter, applies one Adam step, zeroes the gradient.
   *
   * @return the gradient norm before clipping
   */
  public abstract float step();

  /**
   * Like {@link #step()}, with the gradient given as a host array in the parameter's flat layout
   * (computed by hand, e.g. by {@link DenseKernel#backward}) instead of read from the parameter.
   * Host only.
   */
  public float step(float[] grad) {
    throw new UnsupportedOperationException("a host gradient needs the host optimiser");
  }

  /** Sets the step size of the following updates (learning-rate schedules). */
  public void setLearningRate(double lr) {
    this.lr = (float) lr;
  }

  /** The current step size. */
  public double learningRate() {
    return lr;
  }

  /** Updates taken. */
  public long steps() {
    return t;
  }

  /**
   * Call after the parameter's array was replaced (parameters loaded from a file). The host
   * optimiser then starts its moments afresh.
   */
  public void parametersReplaced() {}

  /**
   * Writes the optimiser's state (step count and moments) to {@code file}, for a resumed run;
   * the host optimiser only (the device one keeps DJL's state on the device and writes nothing).
   */
  public void writeState(Path file) throws IOException {}

  /**
   * Reads what {@link #writeState} wrote.
   *
   * @return whether a state was read (false for the device optimiser)
   * @throws IOException if the file is not such a state or is for another parameter count
   */
  public boolean readState(Path file) throws IOException {
    return false;
  }

  /** Moments below this are zeroed every {@link #FLUSH_EVERY} steps (see {@link #adamUpdate}). */
  public static final float FLUSH_BELOW = 1e-30f;

  public static final int FLUSH_EVERY = 16;

  /**
   * Adam's update of {@code w[0..n)} in place (PyTorch's formulation: bias-corrected moments,
   * epsilon {@code eps} outside the square root, betas 0.9 / 0.999), gradient {@code g} scaled
   * by {@code scale}, first and second moments {@code m} and {@code v}, {@code t} the number of
   * this step (from 1). One fused loop the JIT vectorises; the host optimisers of DQN and of the
   * policy-gradient learners share it.
   *
   * <p>Every {@link #FLUSH_EVERY} steps, moments below {@link #FLUSH_BELOW} in magnitude are set to
   * zero. A parameter whose gradient is exactly zero for a while (a dead ReLU unit) has a first
   * moment that shrinks by 0.9 per step into the subnormal range and then stays there for good
   * (0.9 times a few ulps rounds back to the same few ulps); on Intel cores every arithmetic op on
   * a subnormal takes a microcode assist, and a network with some dead units made this loop about
   * 15 times slower (measured: 550 against 37 us for 68,000 parameters). With the usual step
   * sizes (lr well below 1) and epsilon 1e-8 or more, the step such a moment contributes is below
   * 1e-22, far under a float ulp of any weight that is not itself near zero, so the flush changes
   * nothing else.
   */
  public static void adamUpdate(float[] w, float[] g, float[] m, float[] v, int n, float scale,
      float lr, float eps, long t) {
    float b1 = BETA1;
    float b2 = BETA2;
    float c1 = 1 - b1;
    float c2 = 1 - b2;
    float e = eps;
    float bc1 = (float) (1 - Math.pow(b1, t));
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(b2, t));
    float stepSize = lr / bc1;
    for (int k = 0; k < n; k++) {
      float gk = g[k] * scale;
      float mk = b1 * m[k] + c1 * gk;
      float vk = b2 * v[k] + c2 * gk * gk;
      m[k] = mk;
      v[k] = vk;
      w[k] -= stepSize * mk / ((float) Math.sqrt(vk) / bc2Sqrt + e);
    }
    if (t % FLUSH_EVERY == 0) {
      flushTiny(m, n);
      flushTiny(v, n);
    }
  }

  /**
   * The device form of {@link #adamUpdate}: the same formulas as NDArray ops on {@code weight}'s
   * device, in place on {@code weight} and the moments {@code m} and {@code v}; {@code grad} is
   * the gradient already scaled (clipped); {@code t} the number of this step (from 1).
   * Temporaries belong to {@code grad}'s manager. The one device Adam of the project.
   */
  public static void deviceAdamUpdate(NDArray weight, NDArray grad, NDArray m, NDArray v,
      float lr, float eps, long t) {
    m.muli(BETA1).addi(grad.mul(1 - BETA1));
    v.muli(BETA2).addi(grad.square().muli(1 - BETA2));
    double bc1 = 1 - Math.pow(BETA1, t);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
    NDArray denom = v.sqrt();
    denom.attach(grad.getManager());
    NDArray update = m.div(denom.divi(bc2Sqrt).addi(eps)); // m's manager: scope it
    update.attach(grad.getManager());
    weight.subi(update.muli(lr / bc1));
  }

  /** Sets entries of {@code a[0..n)} below {@link #FLUSH_BELOW} in magnitude to zero. */
  public static void flushTiny(float[] a, int n) {
    for (int k = 0; k < n; k++) {
      if (Math.abs(a[k]) < FLUSH_BELOW) {
        a[k] = 0f;
      }
    }
  }

  private static final int STATE_MAGIC = 0x47444144; // "GDAD"

  private static final class Host extends AdamStep {
    private final FlatMlp net;
    private final float[] w;
    private final float[] g;
    private final float[] m;
    private final float[] v;
    private final float[] zeros;
    private FloatBuffer weightView;

    Host(FlatMlp net, double lr, double maxGradNorm) {
      super(lr, maxGradNorm);
      this.net = net;
      int n = net.spec().parameterCount();
      w = new float[n];
      g = new float[n];
      m = new float[n];
      v = new float[n];
      zeros = new float[n];
      parametersReplaced();
    }

    @Override
    public void parametersReplaced() {
      NDArray p = net.flatParameter().getArray();
      if (p.getDevice().isGpu()) {
        throw new IllegalStateException("host Adam needs the parameters on the CPU");
      }
      weightView = p.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
      weightView.get(0, w);
      // moments belong to the parameters they were built on: new parameters start afresh
      // (a resumed run reads its moments after this, see readState)
      java.util.Arrays.fill(m, 0f);
      java.util.Arrays.fill(v, 0f);
      t = 0;
    }

    @Override
    public void writeState(Path file) throws IOException {
      int n = w.length;
      ByteBuffer buf = ByteBuffer.allocate(4 + 8 + 4 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
      buf.putInt(STATE_MAGIC).putLong(t).putInt(n);
      buf.asFloatBuffer().put(m).put(v);
      Files.write(file, buf.array(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public boolean readState(Path file) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      String name = file.getFileName().toString();
      if (buf.remaining() < 16 || buf.getInt() != STATE_MAGIC) {
        throw new IOException(name + " is not an optimiser state file");
      }
      long steps = buf.getLong();
      int n = buf.getInt();
      if (steps < 0) {
        throw new IOException(name + " has a negative step count");
      }
      if (n != w.length) {
        throw new IOException(name + " holds moments of " + n + " parameters, the network has "
            + w.length);
      }
      if (buf.remaining() != 8L * n) {
        throw new IOException(name + " is truncated: " + buf.remaining() + " bytes of moments,"
            + " expected " + 8L * n);
      }
      FloatBuffer f = buf.asFloatBuffer();
      f.get(m).get(v);
      t = steps;
      return true;
    }

    @Override
    public float step() {
      NDArray p = net.flatParameter().getArray();
      try (NDArray grad = p.getGradient()) {
        FloatBuffer gv = grad.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        gv.get(0, g);
        gv.put(0, zeros);
      }
      return step(g);
    }

    @Override
    public float step(float[] g) {
      if (g.length != w.length) {
        throw new IllegalArgumentException(
            "gradient has " + g.length + " entries, parameters " + w.length);
      }
      int n = g.length;
      double norm = GradClip.norm(g, n);
      float scale = GradClip.scale(norm, maxGradNorm);
      t++;
      rule.host(w, g, m, v, n, scale, lr, t);
      weightView.put(0, w);
      return (float) norm;
    }
  }

  private static final class Device extends AdamStep {
    private final FlatMlp net;
    private NDArray m;
    private NDArray v;

    Device(FlatMlp net, double lr, double maxGradNorm) {
      super(lr, maxGradNorm);
      this.net = net;
    }

    @Override
    public void parametersReplaced() {
      // as the host optimiser: new parameters start with fresh moments
      if (m != null) {
        m.close();
        v.close();
        m = null;
        v = null;
      }
      t = 0;
    }

    @Override
    public float step() {
      NDArray p = net.flatParameter().getArray();
      try (ai.djl.ndarray.NDManager scope = p.getManager().newSubManager()) {
        NDArray grad = p.getGradient();
        grad.attach(scope); // the handle and every temporary below go with the scope
        double norm = GradClip.norm(java.util.List.of(grad));
        float scale = GradClip.scale(norm, maxGradNorm);
        if (scale < 1f) {
          grad.muli(scale);
        }
        if (m == null) {
          m = p.zerosLike();
          v = p.zerosLike();
          m.attach(p.getManager());
          v.attach(p.getManager());
        }
        t++;
        rule.device(p, grad, m, v, lr, t);
        grad.subi(grad);
        return (float) norm;
      }
    }
  }
}
