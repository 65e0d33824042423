package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import dev.gdxrl.agent.net.MlpSpec.Dense;
import dev.gdxrl.agent.net.MlpSpec.Kind;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/**
 * The one device forward pass (NDArray operations, on any DJL device) of every {@link MlpSpec}
 * network, and its one hand-written backward pass: the CPU fast path of every learner.
 *
 * <p>Two ways to run the forward pass. {@link #autograd} is what the DJL blocks ({@link FlatMlp},
 * the actor-critic's block) call: it splits the flat parameter into views on every call, so that
 * autograd's gradient flows back into it, and uses only operations autograd can differentiate.
 * An instance bound to a parameter ({@link #DenseKernel(MlpSpec, Supplier)}) keeps its views for
 * as long as the parameter's array lives (an optimiser that writes that memory in place is seen
 * without a copy), records nothing, and can run {@link #backward}.
 *
 * <p>Why by hand: through DJL, libtorch's autograd costs about 6 us per recorded op and 5 us per
 * node of the backward pass on the development machine, most of a training step for these small
 * networks. Here the caller computes the loss's gradient with respect to the heads' outputs (a
 * few numbers per row, on the host) and the chain rule is written out, per dense layer:
 *
 * <pre>
 *   dW = dY^T X      db = column sums of dY      dX = dY W      then times act'(X)
 * </pre>
 *
 * <p>and per head kind (its backward rule): a plain head passes {@code dY}; a dueling head
 * {@code Q = V + A - mean(A)} passes {@code dA = dQ - row means of dQ} and {@code dV = row sums
 * of dQ}. A trunk read by several heads (a shared actor-critic trunk, a dueling head's two
 * layers) gets the sum of their {@code dX}, in head order. A Gaussian's log-std does not pass
 * through the layers: its gradient is the loss's own business. A new layer type or head is one
 * case in {@link #run} plus its rule in {@link #backward}.
 */
public final class DenseKernel implements AutoCloseable {
  private final MlpSpec spec;
  private final MlpSpec.Layout layout;
  private final Supplier<NDArray> flat;
  private NDManager views;
  private NDArray[] parts;
  private NDArray[] weights;

  /**
   * A kernel on the parameter that {@code flat} returns (its current array: called again by
   * {@link #refresh}); turns gradient recording off for it. Close to free the views.
   */
  public DenseKernel(MlpSpec spec, Supplier<NDArray> flat) {
    this.spec = spec;
    this.layout = spec.layout();
    this.flat = flat;
    refresh();
  }

  public MlpSpec spec() {
    return spec;
  }

  /**
   * (Re)creates the views on the parameter's current array; call after the array was replaced
   * (parameters loaded from a file). Turns gradient recording off for the parameter.
   */
  public void refresh() {
    if (views != null) {
      views.close();
    }
    NDArray theta = flat.get();
    theta.setRequiresGradient(false);
    views = theta.getManager().newSubManager();
    NDList split = theta.split(layout.splitPoints());
    split.attach(views);
    parts = split.toArray(new NDArray[0]);
    // reshape here, once: a reshaped view belongs to its source's manager, so reshaping per step
    // would pile up handles on a long-lived one
    weights = reshaped(parts, layout);
  }

  private static NDArray[] reshaped(NDArray[] parts, MlpSpec.Layout layout) {
    NDArray[] w = new NDArray[parts.length];
    for (Dense d : layout.dense()) {
      w[d.part()] = parts[d.part()].reshape(d.out(), d.in());
    }
    return w;
  }

  /** Segment {@code i} of the parameter ({@link MlpSpec.Layout#splitPoints()} order). */
  public NDArray part(int i) {
    return parts[i];
  }

  /** What {@link #backward} needs of a forward pass: every trunk's activations. */
  public static final class Pass {
    /** acts[t][0] = the input, acts[t][l + 1] = the output of trunk t's hidden layer l. */
    final NDArray[][] acts;

    private Pass(MlpSpec spec) {
      acts = new NDArray[spec.trunks()][spec.depth() + 1];
    }
  }

  /** A record of one forward pass, for {@link #backward}. */
  public Pass pass() {
    return new Pass(spec);
  }

  /**
   * The heads' outputs for {@code x} (rows x inputs), nothing recorded; {@code pass} (or null)
   * keeps the activations for {@link #backward}. Results belong to {@code x}'s manager.
   */
  public NDArray[] forward(NDArray x, Pass pass) {
    return run(layout, parts, weights, x, false, pass == null ? new Pass(spec) : pass);
  }

  /**
   * The differentiable forward pass of the DJL blocks: the heads' outputs for {@code x}, from
   * views of {@code flat} made for this call and given to {@code x}'s manager; also returns the
   * segments in {@code partsOut[0]} when it is not null (a Gaussian's log-std is one).
   */
  public static NDArray[] autograd(MlpSpec.Layout layout, NDArray flat, NDArray x,
      NDArray[][] partsOut) {
    NDList split = flat.split(layout.splitPoints());
    // the views would otherwise belong to the parameter's (long-lived) manager
    split.attach(x.getManager());
    NDArray[] parts = split.toArray(new NDArray[0]);
    if (partsOut != null) {
      partsOut[0] = parts;
    }
    return run(layout, parts, reshaped(parts, layout), x, true, new Pass(layout.spec()));
  }

  private static NDArray[] run(MlpSpec.Layout layout, NDArray[] parts, NDArray[] weights,
      NDArray x, boolean autograd, Pass pass) {
    MlpSpec spec = layout.spec();
    boolean tanh = spec.activation() == MlpSpec.Activation.TANH;
    NDArray[] feat = new NDArray[spec.trunks()];
    for (int t = 0; t < spec.trunks(); t++) {
      NDArray a = x;
      pass.acts[t][0] = a;
      for (int l = 0; l < spec.depth(); l++) {
        NDArray z = linear(a, layout.trunk(t, l), parts, weights);
        if (!tanh) {
          a = Activation.relu(z);
        } else if (autograd) {
          a = z.tanh();
        } else {
          // tanh z = 2 sigmoid(2z) - 1: libtorch's CPU tanh costs about 3.5 ns per element
          // here, its sigmoid under 1 (measured on 256 x 64), which pays for the extra calls
          a = Activation.sigmoid(z.muli(2f)).muli(2f).subi(1f);
        }
        pass.acts[t][l + 1] = a;
      }
      feat[t] = a;
    }
    NDArray[] out = new NDArray[spec.heads().size()];
    for (int h = 0; h < out.length; h++) {
      MlpSpec.Head head = spec.head(h);
      NDArray f = feat[head.trunk()];
      NDArray y = linear(f, layout.head(h, 0), parts, weights);
      if (head.kind() == Kind.DUELING) {
        NDArray v = linear(f, layout.head(h, 1), parts, weights);
        y = y.sub(y.mean(new int[] {1}, true)).addi(v);
      }
      out[h] = y;
    }
    return out;
  }

  private static NDArray linear(NDArray x, Dense d, NDArray[] parts, NDArray[] weights) {
    return Linear.linear(x, weights[d.part()], parts[d.part() + 1]).singletonOrThrow();
  }

  /**
   * Writes into {@code grad} (flat layout) the gradient of every dense layer's weights and biases
   * for a loss whose gradient with respect to head h's output of the forward pass {@code pass}
   * is {@code dHeads[h]} (rows x size, one for every head). Entries of free vectors (log-std)
   * are left as they are; every other entry is overwritten.
   */
  public void backward(Pass pass, NDArray[] dHeads, float[] grad) {
    if (grad.length != layout.size()) {
      throw new IllegalArgumentException(
          "gradient array has " + grad.length + " entries, expected " + layout.size());
    }
    if (dHeads.length != spec.heads().size()) {
      throw new IllegalArgumentException("need the gradient of each of the " + spec.heads().size()
          + " heads, got " + dHeads.length);
    }
    int depth = spec.depth();
    NDArray[] dFeat = new NDArray[spec.trunks()];
    for (int h = 0; h < dHeads.length; h++) {
      MlpSpec.Head head = spec.head(h);
      NDArray dOut = dHeads[h];
      NDArray[] d = head.kind() == Kind.DUELING
          // Q_k = V + A_k - mean(A): dA_j = dQ_j - mean_k dQ_k, dV = sum_k dQ_k
          ? new NDArray[] {dOut.sub(dOut.mean(new int[] {1}, true)),
              dOut.sum(new int[] {1}, true)}
          : new NDArray[] {dOut};
      NDArray in = pass.acts[head.trunk()][depth];
      for (int p = 0; p < d.length; p++) {
        Dense layer = layout.head(h, p);
        layerGradients(d[p], in, grad, layer);
        if (depth > 0) {
          NDArray dx = d[p].matMul(weights[layer.part()]);
          int t = head.trunk();
          dFeat[t] = dFeat[t] == null ? dx : dFeat[t].addi(dx);
        }
      }
    }
    boolean tanh = spec.activation() == MlpSpec.Activation.TANH;
    for (int t = 0; t < spec.trunks(); t++) {
      NDArray d = dFeat[t];
      if (d == null) {
        continue; // no hidden layers, or no head reads this trunk
      }
      NDArray[] acts = pass.acts[t];
      for (int l = depth - 1; l >= 0; l--) {
        NDArray out = acts[l + 1];
        // relu: out >= 0, so sign(out) is relu'(z) (taking relu'(0) = 0, as PyTorch does);
        // tanh: 1 - out^2
        NDArray dz = tanh ? d.muli(out.square().negi().addi(1f)) : d.muli(out.sign());
        Dense layer = layout.trunk(t, l);
        layerGradients(dz, acts[l], grad, layer);
        if (l > 0) {
          d = dz.matMul(weights[layer.part()]);
        }
      }
    }
  }

  /**
   * One dense layer's share: with {@code dz} the gradient at its output (rows x out) and {@code
   * in} its input (rows x in), {@code dW = dz^T in} (out x in, row-major) and {@code db = column
   * sums of dz} into the host array {@code grad} at the layer's offsets.
   */
  private static void layerGradients(NDArray dz, NDArray in, float[] grad, Dense layer) {
    fetch(dz.transpose().matMul(in), grad, layer.weight());
    fetch(dz.sum(new int[] {0}), grad, layer.bias());
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
