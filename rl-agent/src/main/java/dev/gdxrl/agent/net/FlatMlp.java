package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An MLP (Linear + ReLU layers, optional dueling head) as one DJL block whose weights and biases
 * all live in a single flat parameter vector. Its forward pass is {@link DenseKernel#autograd}:
 * it splits the vector into views (one native call) and runs the layers.
 *
 * <p>Why flat: for the small networks of RL, the cost of a training step is mostly per-call
 * overhead, not arithmetic. With one parameter, the Adam update, the gradient-norm computation,
 * the target-network copy and the host-side weight copy are each one native call instead of one
 * per layer tensor. Gradients flow back through the views into the flat vector as usual.
 */
public final class FlatMlp extends AbstractBlock {
  private static final byte VERSION = 1;

  private final MlpSpec spec;
  private final MlpSpec.Layout layout;
  private final Parameter params;

  /** A new, uninitialised block of a Q-network spec ({@link MlpSpec#q}). */
  public FlatMlp(MlpSpec spec) {
    super(VERSION);
    if (spec.heads().size() != 1 || spec.trunks() != 1) {
      throw new IllegalArgumentException("a Q-network has one trunk and one head, not " + spec);
    }
    this.spec = spec;
    layout = spec.layout();
    params = addParameter(Parameter.builder()
        .setName("params")
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(spec.parameterCount()))
        .build());
  }

  public MlpSpec spec() {
    return spec;
  }

  /** The flat parameter (layout: {@link MlpSpec#layout()}). */
  public Parameter flatParameter() {
    return params;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> extra) {
    NDArray x = inputs.singletonOrThrow();
    NDArray flat = store.getValue(params, x.getDevice(), training);
    return new NDList(DenseKernel.autograd(layout, flat, x, null)[0]);
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
