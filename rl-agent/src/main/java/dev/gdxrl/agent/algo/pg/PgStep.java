package dev.gdxrl.agent.algo.pg;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.gdxrl.agent.net.GradientPath;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * One gradient step of REINFORCE, A2C or PPO on a {@link Minibatch}: the loss of an {@link
 * Objective}, its gradient, gradient-norm clipping and the optimiser's update; it returns the
 * loss's batch sums. The gradient comes by hand on the CPU ({@link ManualActorCritic}, on the
 * host) and from DJL's autograd elsewhere (the loss below, from {@link PgLosses}); {@link
 * GradientPath} chooses.
 *
 * <p>Memory: everything an autograd step creates lives on a sub-manager of the network's
 * manager, closed at the end of the step.
 */
final class PgStep implements AutoCloseable {

  /**
   * The loss a step minimises, {@code -objective / B + vfCoef * valueError / B - entCoef *
   * entropy / B}.
   *
   * @param clipped PPO's clipped surrogate {@code min(r A, clip(r, 1 - clip, 1 + clip) A)}
   *     instead of the plain policy gradient {@code logp A}
   * @param clip the surrogate's clip range (PPO)
   * @param clipVf the value update's clip range; 0 = off (PPO)
   * @param vfCoef the value loss's weight
   * @param entCoef the entropy bonus's weight
   */
  record Objective(boolean clipped, double clip, double clipVf, double vfCoef, double entCoef) {
    static Objective ppo(double clip, double clipVf, double vfCoef, double entCoef) {
      return new Objective(true, clip, clipVf, vfCoef, entCoef);
    }

    static Objective policyGradient(double vfCoef, double entCoef) {
      return new Objective(false, 0, 0, vfCoef, entCoef);
    }
  }

  private final ActorCriticNet net;
  private final NDManager manager;
  private final List<Parameter> params;
  private final PgOptimizer optimizer;
  /** The CPU's hand-written gradient; null on a GPU or after {@link #useAutograd()}. */
  private ManualActorCritic manual;
  /** Host gradient of the manual path, in the spec's layout order. */
  private final float[] manualGrad;

  PgStep(ActorCriticNet net, NDManager manager, PgOptimizer optimizer, GradientPath path) {
    this.net = net;
    this.manager = manager;
    this.params = net.parameterList();
    this.optimizer = optimizer;
    if (path == GradientPath.HAND_WRITTEN) {
      manual = new ManualActorCritic(net);
      manualGrad = new float[net.layout().size()];
    } else {
      manualGrad = null;
    }
  }

  /** Whether gradients are computed by hand (the CPU path). */
  boolean handWritten() {
    return manual != null;
  }

  /** Computes gradients with autograd from now on (the GPU's path); for tests comparing them. */
  void useAutograd() {
    if (manual != null) {
      manual = null;
      net.requireGradients();
    }
  }

  /** Call after the network's parameters were loaded from a file. */
  void parametersLoaded() {
    if (manual == null) {
      net.requireGradients();
    }
  }

  /**
   * One step on {@code mb}; returns the loss's batch sums (before the step). The hand-written
   * gradient splits the minibatch over the lanes of {@code threads}; the result does not depend
   * on their number.
   */
  LossTerms.Sums step(Minibatch mb, Objective objective, double maxGradNorm,
      ShardThreads threads) {
    if (manual != null) {
      LossTerms.Sums sums = manual.gradient(mb, objective, threads, manualGrad);
      optimizer.step(net.theta(), manualGrad, maxGradNorm);
      return sums;
    }
    try (NDManager m = manager.newSubManager()) {
      return autogradStep(m, mb, objective, maxGradNorm);
    }
  }

  private LossTerms.Sums autogradStep(NDManager m, Minibatch mb, Objective objective,
      double maxGradNorm) {
    DeviceBatch b = upload(m, mb);
    NDArray logRatio = null;
    NDArray terms;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      Eval e = evaluate(net, b);
      NDArray policy;
      if (objective.clipped()) {
        logRatio = e.logp().sub(b.oldLogp());
        policy = PgLosses.clippedSurrogateSum(logRatio.exp(), b.adv(), objective.clip());
      } else {
        policy = PgLosses.policyGradientSum(e.logp(), b.adv());
      }
      NDArray valueErr = PgLosses.valueErrorSum(e.values(), b.oldValues(), b.returns(),
          objective.clipVf());
      terms = NDArrays.stack(new NDList(policy, valueErr, e.negEntropySum()));
      gc.backward(weightedLoss(m, terms, b.size(), objective.vfCoef(), objective.entCoef()));
    }
    optimizer.step(params, maxGradNorm, m);
    float[] t = terms.toFloatArray();
    double kl = 0;
    int clipped = 0;
    if (logRatio != null) {
      // on the host from the downloaded log ratios: one download instead of a dozen native calls
      for (float x : logRatio.toFloatArray()) {
        double r = Math.exp(x);
        kl += (r - 1) - x;
        if (Math.abs(r - 1) > objective.clip()) {
          clipped++;
        }
      }
    }
    return new LossTerms.Sums(t[0], t[1], t[2], kl, clipped);
  }

  /** A minibatch's columns on the device, as split from one upload; all (B, width). */
  record DeviceBatch(int size, NDArray obs, NDArray actions, NDArray oldLogp, NDArray adv,
      NDArray returns, NDArray oldValues) {}

  /** Uploads the rows of {@code mb} (one native copy) and splits them into columns. */
  static DeviceBatch upload(NDManager m, Minibatch mb) {
    int width = mb.width();
    int obsDim = mb.obsDim();
    int a = mb.oldLogpColumn();
    NDArray batch = m.create(FloatBuffer.wrap(mb.rows(), 0, mb.size() * width),
        new Shape(mb.size(), width));
    NDList c = batch.split(new long[] {obsDim, a, a + 1, a + 2, a + 3}, 1);
    return new DeviceBatch(mb.size(), c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
        c.get(5));
  }

  /**
   * The training forward pass on one minibatch.
   *
   * @param logp log-probabilities of the batch's actions (B, 1)
   * @param negEntropySum minus the summed entropy of the batch's distributions (scalar)
   * @param values V(s) (B, 1)
   */
  record Eval(NDArray logp, NDArray negEntropySum, NDArray values) {}

  /** Log-probabilities, entropy and values of a batch; must run inside a gradient collector. */
  static Eval evaluate(ActorCriticNet net, DeviceBatch b) {
    NDList out = net.forward(b.obs());
    NDArray head = out.get(0);
    NDArray values = out.get(1);
    if (net.spec().discrete()) {
      NDArray lsm = head.logSoftmax(1);
      return new Eval(Categorical.logProb(lsm, b.actions()), Categorical.negEntropySum(lsm),
          values);
    }
    NDArray logStd = out.get(2);
    // -B as an array of the batch's manager, not mul(-B): see DiagGaussian.logProb
    NDArray minusB = b.obs().getManager().create((float) -b.size());
    return new Eval(DiagGaussian.logProb(head, logStd, b.actions()),
        DiagGaussian.entropy(logStd).mul(minusB), values);
  }

  /**
   * The scalar loss {@code terms . weights} from stacked batch sums {@code [objective, valueError,
   * negEntropy]} with weights {@code [-1/B, vfCoef/B, entCoef/B]}.
   */
  static NDArray weightedLoss(NDManager m, NDArray terms, int b, double vfCoef, double entCoef) {
    NDArray w = m.create(new float[] {-1f / b, (float) (vfCoef / b), (float) (entCoef / b)});
    return terms.mul(w).sum();
  }

  @Override
  public void close() {
    manual = null;
  }
}
