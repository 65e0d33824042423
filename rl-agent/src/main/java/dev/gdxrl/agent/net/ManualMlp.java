package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.nio.ByteOrder;

/**
 * The forward pass and a hand-written backward pass of a {@link FlatMlp} (plain or with a dueling
 * head), without autograd: the CPU fast path of DQN.
 *
 * <p>Why: through DJL, libtorch's autograd costs about 6 us per recorded op and 5 us per node of
 * the backward pass on this kind of machine, against under 3 us for the same op with nothing
 * recorded (measured on the 2-core development VM: a 4-64-64-2 DQN step spent about 300 of its
 * 330 us in forward-with-recording and backward). Here nothing is recorded; the caller computes
 * the loss's gradient with respect to the network's output (a few numbers per row, on the host),
 * and the backward pass is the chain rule written out, per layer from the head down:
 *
 * <pre>
 *   dW = dY^T X      db = column sums of dY      dX = (dY W) * relu'(X)
 * </pre>
 *
 * <p>With a dueling head, {@code Q = V + A - mean(A)} where {@code A} is the head layer's output
 * and {@code V} the value layer's (both read the last hidden layer {@code H}); from {@code dQ}:
 *
 * <pre>
 *   dV = row sums of dQ      dA = dQ - row means of dQ      dH = dA W_A + dV W_V
 * </pre>
 *
 * and the trunk below as above.
 *
 * <p>The weights are used through views of the flat parameter that live as long as this object,
 * so an optimiser that writes the parameter's memory in place (the host {@link AdamStep}) is seen
 * by the next forward pass without any copy. The gradient lands in a host array in the flat
 * layout of {@link QNetSpec#offsets()}. A unit test checks it against autograd's.
 */
public final class ManualMlp implements AutoCloseable {
  private final FlatMlp net;
  private final QNetSpec spec;
  private final int[] off;
  private final long[] splitPoints;
  private final int layers;
  private final NDArray[] w;
  private final NDArray[] b;
  /** The dueling value layer's weight (1 x last hidden) and bias, or null. */
  private NDArray vw;
  private NDArray vb;
  private NDManager views;

  /** Views on {@code net}'s flat parameter (plain or dueling); close to free them. */
  public ManualMlp(FlatMlp net) {
    this.net = net;
    this.spec = net.spec();
    this.off = spec.offsets();
    this.layers = spec.layers();
    this.splitPoints = new long[off.length - 2];
    for (int i = 1; i < off.length - 1; i++) {
      splitPoints[i - 1] = off[i];
    }
    this.w = new NDArray[layers];
    this.b = new NDArray[layers];
    refresh();
  }

  public QNetSpec spec() {
    return spec;
  }

  /**
   * (Re)creates the weight views on the network's current parameter array; call after the array
   * was replaced (parameters loaded from a file). Turns gradient recording off for the parameter.
   */
  public void refresh() {
    if (views != null) {
      views.close();
    }
    NDArray flat = net.flatParameter().getArray();
    flat.setRequiresGradient(false);
    views = flat.getManager().newSubManager();
    NDList parts = flat.split(splitPoints);
    parts.attach(views);
    for (int l = 0; l < layers; l++) {
      w[l] = parts.get(2 * l).reshape(spec.layerOut(l), spec.layerIn(l));
      b[l] = parts.get(2 * l + 1);
    }
    if (spec.dueling()) {
      vw = parts.get(2 * layers).reshape(1, spec.layerIn(layers - 1));
      vb = parts.get(2 * layers + 1);
    }
  }

  /**
   * Output of the network for {@code x} (rows x inputs): the Q-values, with a dueling head {@code
   * V + A - mean(A)} as {@link FlatMlp} computes them. If {@code acts} is not null (length {@link
   * QNetSpec#layers()}), {@code acts[l]} receives the input of layer {@code l} for {@link
   * #backward}. Results belong to {@code x}'s manager.
   */
  public NDArray forward(NDArray x, NDArray[] acts) {
    NDArray a = x;
    NDArray hidden = x;
    for (int l = 0; l < layers; l++) {
      if (acts != null) {
        acts[l] = a;
      }
      hidden = a;
      NDArray z = Linear.linear(a, w[l], b[l]).singletonOrThrow();
      a = l < layers - 1 ? Activation.relu(z) : z;
    }
    if (!spec.dueling()) {
      return a;
    }
    // the same operations in the same order as FlatMlp's dueling head
    NDArray v = Linear.linear(hidden, vw, vb).singletonOrThrow();
    return a.sub(a.mean(new int[] {1}, true)).addi(v);
  }

  /**
   * Writes into {@code grad} (flat layout, every entry overwritten) the gradient of a loss whose
   * gradient with respect to the output of the {@link #forward} that filled {@code acts} is
   * {@code dOut} (rows x outputs).
   */
  public void backward(NDArray dOut, NDArray[] acts, float[] grad) {
    if (grad.length != off[off.length - 1]) {
      throw new IllegalArgumentException(
          "gradient array has " + grad.length + " entries, expected " + off[off.length - 1]);
    }
    NDArray d = dOut;
    int top = layers - 1;
    NDArray dValue = null;
    if (spec.dueling()) {
      // Q_k = V + A_k - mean(A): dV = sum_k dQ_k, dA_j = dQ_j - mean_k dQ_k
      dValue = dOut.sum(new int[] {1}, true);
      d = dOut.sub(dOut.mean(new int[] {1}, true));
      layerGradients(dValue, acts[top], grad, off[2 * layers], off[2 * layers + 1]);
    }
    for (int l = top; l >= 0; l--) {
      NDArray x = acts[l];
      layerGradients(d, x, grad, off[2 * l], off[2 * l + 1]);
      if (l > 0) {
        NDArray dx = d.matMul(w[l]);
        if (l == top && dValue != null) {
          dx.addi(dValue.matMul(vw)); // the last hidden layer also feeds the value layer
        }
        // x = relu(z) >= 0, so sign(x) is relu'(z) (taking relu'(0) = 0, as PyTorch does)
        d = dx.muli(x.sign());
      }
    }
  }

  /**
   * One linear layer's share of the backward pass: with {@code dz} the gradient at its output
   * (rows x out) and {@code in} its input (rows x in), writes {@code dW = dz^T in} (out x in,
   * row-major) at {@code weightOffset} and {@code db = column sums of dz} at {@code biasOffset}
   * of the host array {@code grad}.
   */
  public static void layerGradients(NDArray dz, NDArray in, float[] grad, int weightOffset,
      int biasOffset) {
    fetch(dz.transpose().matMul(in), grad, weightOffset);
    fetch(dz.sum(new int[] {0}), grad, biasOffset);
  }

  private static void fetch(NDArray a, float[] grad, int offset) {
    a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
        .get(grad, offset, (int) a.size());
  }

  @Override
  public void close() {
    if (views != null) {
      views.close();
      views = null;
    }
  }
}
