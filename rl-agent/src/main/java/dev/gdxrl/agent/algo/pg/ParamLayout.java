package dev.gdxrl.agent.algo.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where each piece of an {@link ActorCriticNet} sits in its flat parameter vector: for each linear
 * layer (actor trunk, critic trunk unless shared, actor head, critic head) its weight, {@code out
 * x in} row-major (DJL's and PyTorch's layout), then its bias; then the Gaussian's {@code log_std}.
 */
public final class ParamLayout {

  /**
   * One linear layer.
   *
   * @param weightOffset start of the weight in the flat vector
   * @param biasOffset start of the bias
   * @param weightPart index of the weight among the split parts
   * @param biasPart index of the bias among the split parts
   */
  public record Layer(int in, int out, int weightOffset, int biasOffset, int weightPart,
      int biasPart, double gain) {}

  private final List<Layer> actor = new ArrayList<>();
  private final List<Layer> critic = new ArrayList<>();
  private final List<Layer> all = new ArrayList<>(); // in vector order
  private final List<Long> points = new ArrayList<>();
  private final int logStdOffset;
  private final int logStdPart;
  private final int size;
  private final int actions;
  private final double logStdInit;

  ParamLayout(ActorCriticSpec spec) {
    int[] off = {0};
    double sqrt2 = Math.sqrt(2);
    int in = spec.obsDim();
    for (int l = 0; l < spec.hiddenCount(); l++) {
      actor.add(add(in, spec.width(l), sqrt2, off));
      in = spec.width(l);
    }
    if (!spec.sharedTrunk()) {
      int cin = spec.obsDim();
      for (int l = 0; l < spec.hiddenCount(); l++) {
        critic.add(add(cin, spec.width(l), sqrt2, off));
        cin = spec.width(l);
      }
    }
    actor.add(add(spec.featureDim(), spec.actions(), 0.01, off));
    critic.add(add(spec.featureDim(), 1, 1.0, off));
    actions = spec.actions();
    logStdInit = spec.logStdInit();
    if (spec.discrete()) {
      logStdOffset = -1;
      logStdPart = -1;
    } else {
      logStdOffset = off[0];
      points.add((long) off[0]);
      logStdPart = points.size();
      off[0] += spec.actions();
    }
    size = off[0];
  }

  private Layer add(int in, int out, double gain, int[] off) {
    int w = off[0];
    int b = w + in * out;
    if (w > 0) {
      points.add((long) w);
    }
    int wp = points.size();
    points.add((long) b);
    Layer layer = new Layer(in, out, w, b, wp, wp + 1, gain);
    off[0] = b + out;
    all.add(layer);
    return layer;
  }

  /** Number of floats in the vector. */
  public int size() {
    return size;
  }

  /** Actor layer {@code l}: the trunk's hidden layers, then the head. */
  Layer actorLayer(int l) {
    return actor.get(l);
  }

  /** Critic layer {@code l} (shared trunk: only the head, index 0). */
  Layer criticLayer(int l) {
    return critic.get(l);
  }

  /** Every linear layer, in vector order. */
  List<Layer> layers() {
    return java.util.Collections.unmodifiableList(all);
  }

  /** Offset of {@code log_std}, or -1 for a categorical policy. */
  int logStdOffset() {
    return logStdOffset;
  }

  int logStdPart() {
    return logStdPart;
  }

  /** Indices at which to split the vector into weights, biases and log-std. */
  long[] splitPoints() {
    long[] p = new long[points.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = points.get(i);
    }
    return p;
  }

  /** Orthogonal weights with each layer's gain, zero biases, log-std at its initial value. */
  float[] initialValues(RandomGenerator rng) {
    float[] v = new float[size];
    for (Layer l : all) {
      float[] w = Orthogonal.matrix(l.out(), l.in(), l.gain(), rng);
      System.arraycopy(w, 0, v, l.weightOffset(), w.length);
    }
    for (int j = 0; j < actions && logStdOffset >= 0; j++) {
      v[logStdOffset + j] = (float) logStdInit;
    }
    return v;
  }
}
