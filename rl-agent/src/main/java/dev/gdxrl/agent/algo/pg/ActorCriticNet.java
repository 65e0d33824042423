package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import dev.gdxrl.agent.net.DenseKernel;
import dev.gdxrl.agent.net.MlpSpec;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The actor-critic network as one DJL block holding all its parameters in one flat vector {@code
 * theta} (DJL's parameter format saves and loads it). The spec's {@link MlpSpec.Layout} says
 * where each dense layer's weight {@code (out, in)} and bias, and the Gaussian's state-independent
 * {@code log_std}, sit in it. The forward pass splits {@code theta} into views (one native call),
 * so the optimiser updates, clips and zeroes one tensor per step instead of one per layer: with
 * DJL's per-call overhead this is the difference that matters for small RL networks.
 *
 * <p>{@link #forward(NDArray)} maps observations (B, obsDim) to the actor output (B, k), values
 * (B) and, for a Gaussian, log-std (k).
 *
 * <p>Initialisation is orthogonal with the gains of OpenAI baselines and Stable-Baselines3
 * (sqrt(2) in the trunk, 0.01 for the actor head, 1 for the critic head, zero biases, log-std
 * {@code logStdInit}), every number drawn on the host from the caller's generator: the same seed
 * gives the same network on every device.
 */
public final class ActorCriticNet extends AbstractBlock {
  private final ActorCriticSpec spec;
  private final MlpSpec.Layout layout;
  private final Parameter theta;

  /** Builds the block; {@code rng} draws the initial values, set at {@link #initialize}. */
  public ActorCriticNet(ActorCriticSpec spec, RandomGenerator rng) {
    this.spec = spec;
    this.layout = spec.mlp().layout();
    float[] init = initialValues(layout, spec.logStdInit(), rng);
    theta = addParameter(Parameter.builder().setName("theta").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(layout.size()))
        .optInitializer((m, shape, type) -> m.create(init, shape)).build());
  }

  /** Creates the parameter vector on {@code manager}'s device. */
  public ActorCriticNet initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, spec.obsDim()));
    return this;
  }

  public ActorCriticSpec spec() {
    return spec;
  }

  public MlpSpec.Layout layout() {
    return layout;
  }

  /**
   * Orthogonal weights with OpenAI baselines' gains (sqrt(2) in the trunks, 0.01 for the actor
   * head, 1 for the value head), drawn layer by layer in vector order; zero biases; log-std at
   * {@code logStdInit}.
   */
  static float[] initialValues(MlpSpec.Layout layout, double logStdInit, RandomGenerator rng) {
    float[] v = new float[layout.size()];
    MlpSpec spec = layout.spec();
    java.util.Map<MlpSpec.Dense, Double> gains = new java.util.HashMap<>();
    for (int h = 0; h < spec.heads().size(); h++) {
      gains.put(layout.head(h, 0), spec.head(h).kind() == MlpSpec.Kind.VALUE ? 1.0 : 0.01);
    }
    for (MlpSpec.Dense d : layout.dense()) {
      float[] w = Orthogonal.matrix(d.out(), d.in(), gains.getOrDefault(d, Math.sqrt(2)), rng);
      System.arraycopy(w, 0, v, d.weight(), w.length);
    }
    for (int h = 0; h < spec.heads().size(); h++) {
      for (int j = 0; layout.vector(h) >= 0 && j < spec.head(h).size(); j++) {
        v[layout.vector(h) + j] = (float) logStdInit;
      }
    }
    return v;
  }

  /** The flat parameter vector. */
  public Parameter theta() {
    return theta;
  }

  /** Every parameter (just {@link #theta()}). */
  public List<Parameter> parameterList() {
    return new ArrayList<>(getParameters().values());
  }

  /** A copy of the parameters on the host, in {@link MlpSpec.Layout} order. */
  public float[] hostParameters() {
    return theta.getArray().toFloatArray();
  }

  /**
   * The differentiable forward pass: {@code [actorOut (B, k), values (B, 1)]}, plus {@code log_std
   * (k)} for a Gaussian.
   */
  public NDList forward(NDArray obs) {
    NDArray[][] parts = new NDArray[1][];
    NDArray[] out = DenseKernel.autograd(layout, theta.getArray(), obs, parts);
    return spec.discrete() ? new NDList(out[0], out[1])
        : new NDList(out[0], out[1], parts[0][layout.vectorPart(0)]);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return forward(inputs.singletonOrThrow());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    Shape out = new Shape(b, spec.actions());
    Shape v = new Shape(b, 1);
    return spec.discrete() ? new Shape[] {out, v}
        : new Shape[] {out, v, new Shape(spec.actions())};
  }

  /** Marks the parameters as requiring gradients (after loading saved values). */
  public void requireGradients() {
    theta.getArray().setRequiresGradient(true);
  }
}
