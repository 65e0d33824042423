package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An MLP (Linear + ReLU layers, optional dueling head) as one DJL block whose weights and biases
 * all live in a single flat parameter vector. Each forward pass splits the vector into views (one
 * native call) and applies {@link Linear#linear} and ReLU per layer.
 *
 * <p>Why flat: for the small networks of RL, the cost of a training step is mostly per-call
 * overhead, not arithmetic. With one parameter, the Adam update, the gradient-norm computation,
 * the target-network copy and the host-side weight copy are each one native call instead of one
 * per layer tensor. Gradients flow back through the views into the flat vector as usual.
 */
public final class FlatMlp extends AbstractBlock {
  private static final byte VERSION = 1;

  private final QNetSpec spec;
  private final long[] splitPoints;
  private final Parameter params;

  FlatMlp(QNetSpec spec) {
    super(VERSION);
    this.spec = spec;
    int[] off = spec.offsets();
    splitPoints = new long[off.length - 2];
    for (int i = 1; i < off.length - 1; i++) {
      splitPoints[i - 1] = off[i];
    }
    params = addParameter(Parameter.builder()
        .setName("params")
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(spec.parameterCount()))
        .build());
  }

  public QNetSpec spec() {
    return spec;
  }

  /** The flat parameter (layout: {@link QNetSpec#offsets()}). */
  public Parameter flatParameter() {
    return params;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> extra) {
    NDArray x = inputs.singletonOrThrow();
    NDArray flat = store.getValue(params, x.getDevice(), training);
    NDList parts = flat.split(splitPoints);
    // the views would otherwise belong to the parameter's (long-lived) manager: give them to
    // the caller's scope so they are freed with it
    parts.attach(x.getManager());
    int layers = spec.layers();
    NDArray hiddenOut = x;
    for (int l = 0; l < layers; l++) {
      NDArray w = parts.get(2 * l).reshape(spec.layerOut(l), spec.layerIn(l));
      NDArray y = Linear.linear(x, w, parts.get(2 * l + 1)).singletonOrThrow();
      if (l < layers - 1) {
        x = Activation.relu(y);
        hiddenOut = x;
      } else {
        x = y;
      }
    }
    if (!spec.dueling()) {
      return new NDList(x);
    }
    NDArray vw = parts.get(2 * layers).reshape(1, spec.layerIn(layers - 1));
    NDArray v = Linear.linear(hiddenOut, vw, parts.get(2 * layers + 1)).singletonOrThrow();
    return new NDList(x.sub(x.mean(new int[] {1}, true)).addi(v));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.outputs())};
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long in = inputShapes[0].get(inputShapes[0].dimension() - 1);
    if (in != spec.inputs()) {
      throw new IllegalArgumentException(
          "network expects " + spec.inputs() + " inputs, got shape " + inputShapes[0]);
    }
  }
}
