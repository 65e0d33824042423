package dev.gdxrl.agent.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one spec of every network in the project: a flat-parameter MLP of dense layers with one
 * activation, one or two trunks of the same hidden widths, and named heads that each read one
 * trunk's last hidden layer (the input itself when there are no hidden layers).
 *
 * <p>A Q-network is one trunk and a {@link Kind#Q} or {@link Kind#DUELING} head; an actor-critic
 * is one trunk (shared) or two (actor, critic), a {@link Kind#LOGITS} or {@link Kind#GAUSSIAN}
 * head and a {@link Kind#VALUE} head. {@link #layout()} places the parameters; the host forward
 * ({@link HostNet}) and the hand-written backward ({@link DenseKernel}) read that layout.
 *
 * @param inputs observation size
 * @param hidden hidden widths of each trunk (may be empty)
 * @param activation the hidden layers' activation
 * @param trunks number of trunks (1 or 2)
 * @param heads the heads, in parameter order
 */
public record MlpSpec(int inputs, int[] hidden, Activation activation, int trunks,
    List<Head> heads) {

  /** The activation of the hidden layers. */
  public enum Activation {
    RELU, TANH
  }

  /** What a head computes. */
  public enum Kind {
    /** One dense layer: Q-values per action. */
    Q,
    /** Dueling Q: an advantage layer A (size) and a value layer V (1): Q = V + A - mean(A). */
    DUELING,
    /** One dense layer: a categorical policy's logits. */
    LOGITS,
    /** One dense layer (the means) and a free vector of log standard deviations (size). */
    GAUSSIAN,
    /** One dense layer of width 1: the state value V(s). */
    VALUE
  }

  /**
   * One head.
   *
   * @param kind what it computes
   * @param size its output width (actions, action dimensions, 1 for a value)
   * @param trunk the trunk it reads
   */
  public record Head(Kind kind, int size, int trunk) {
    public Head {
      if (size < 1 || (kind == Kind.VALUE && size != 1)) {
        throw new IllegalArgumentException("head " + kind + " cannot have size " + size);
      }
    }
  }

  public MlpSpec {
    if (inputs < 1) {
      throw new IllegalArgumentException("network needs inputs >= 1, got " + inputs);
    }
    hidden = hidden.clone();
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer width must be >= 1, got " + h);
      }
    }
    if (trunks < 1 || trunks > 2) {
      throw new IllegalArgumentException("a network has 1 or 2 trunks, got " + trunks);
    }
    heads = List.copyOf(heads);
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("a network needs a head");
    }
    for (Head h : heads) {
      if (h.trunk() < 0 || h.trunk() >= trunks) {
        throw new IllegalArgumentException("head " + h + " reads a trunk that does not exist");
      }
    }
  }

  /** A Q-network: {@code inputs -> hidden (ReLU) -> actions}, optionally with a dueling head. */
  public static MlpSpec q(int inputs, int[] hidden, int actions, boolean dueling) {
    return new MlpSpec(inputs, hidden, Activation.RELU, 1,
        List.of(new Head(dueling ? Kind.DUELING : Kind.Q, actions, 0)));
  }

  /**
   * An actor-critic: an actor head (logits, or Gaussian means and log-stds) and a value head, on
   * one shared trunk or on two separate ones (actor first).
   */
  public static MlpSpec actorCritic(int inputs, int[] hidden, Activation activation,
      boolean shared, boolean discrete, int actions) {
    return new MlpSpec(inputs, hidden, activation, shared ? 1 : 2,
        List.of(new Head(discrete ? Kind.LOGITS : Kind.GAUSSIAN, actions, 0),
            new Head(Kind.VALUE, 1, shared ? 0 : 1)));
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Number of hidden layers per trunk. */
  public int depth() {
    return hidden.length;
  }

  /** Output width of hidden layer {@code l}. */
  public int width(int l) {
    return hidden[l];
  }

  /** Width of a trunk's output (the heads' input). */
  public int featureDim() {
    return hidden.length == 0 ? inputs : hidden[hidden.length - 1];
  }

  public Head head(int h) {
    return heads.get(h);
  }

  /** Output width of head 0 (a Q-network's actions). */
  public int outputs() {
    return heads.get(0).size();
  }

  /** Number of floats in the flat parameter vector. */
  public int parameterCount() {
    return layout().size();
  }

  /** The parameter layout (computed on each call: keep it). */
  public Layout layout() {
    return new Layout(this);
  }

  /**
   * One dense layer's place in the flat vector: its weight ({@code out x in}, row-major: DJL's
   * and PyTorch's layout) at {@code weight}, its bias at {@code bias}; {@code part} is the index
   * of its weight among the vector's segments (the bias is {@code part + 1}).
   */
  public record Dense(int in, int out, int weight, int bias, int part) {}

  /**
   * Where every parameter sits: the dense layers of trunk 0, then of trunk 1, then each head's
   * layers in head order (a dueling head: A, then V), then each Gaussian head's log-std vector.
   * This is the order of the checkpoints' parameter files.
   */
  public static final class Layout {
    private final MlpSpec spec;
    private final Dense[][] trunk;
    private final Dense[][] head;
    private final int[] vector;
    private final List<Dense> all = new ArrayList<>();
    private final long[] splitPoints;
    private final int[] vectorPart;
    private final int size;

    private Layout(MlpSpec spec) {
      this.spec = spec;
      List<Long> points = new ArrayList<>();
      int[] pos = {0};
      trunk = new Dense[spec.trunks][spec.depth()];
      for (int t = 0; t < spec.trunks; t++) {
        int in = spec.inputs;
        for (int l = 0; l < spec.depth(); l++) {
          trunk[t][l] = add(in, spec.width(l), pos, points);
          in = spec.width(l);
        }
      }
      int feat = spec.featureDim();
      head = new Dense[spec.heads.size()][];
      for (int h = 0; h < head.length; h++) {
        Head hd = spec.heads.get(h);
        head[h] = hd.kind() == Kind.DUELING
            ? new Dense[] {add(feat, hd.size(), pos, points), add(feat, 1, pos, points)}
            : new Dense[] {add(feat, hd.size(), pos, points)};
      }
      vector = new int[head.length];
      vectorPart = new int[head.length];
      for (int h = 0; h < head.length; h++) {
        vector[h] = -1;
        vectorPart[h] = -1;
        if (spec.heads.get(h).kind() == Kind.GAUSSIAN) {
          vector[h] = pos[0];
          if (pos[0] > 0) {
            points.add((long) pos[0]);
          }
          vectorPart[h] = points.size();
          pos[0] += spec.heads.get(h).size();
        }
      }
      size = pos[0];
      splitPoints = points.stream().mapToLong(Long::longValue).toArray();
    }

    private Dense add(int in, int out, int[] pos, List<Long> points) {
      int w = pos[0];
      int b = w + in * out;
      if (w > 0) {
        points.add((long) w);
      }
      Dense d = new Dense(in, out, w, b, points.size());
      points.add((long) b);
      pos[0] = b + out;
      all.add(d);
      return d;
    }

    public MlpSpec spec() {
      return spec;
    }

    /** Number of floats in the vector. */
    public int size() {
      return size;
    }

    /** Hidden layer {@code l} of trunk {@code t}. */
    public Dense trunk(int t, int l) {
      return trunk[t][l];
    }

    /** Layer {@code part} of head {@code h} (0; a dueling head's value layer is 1). */
    public Dense head(int h, int part) {
      return head[h][part];
    }

    /** Offset of head {@code h}'s free vector (a Gaussian's log-std), or -1. */
    public int vector(int h) {
      return vector[h];
    }

    /** Index of head {@code h}'s free vector among the segments, or -1. */
    public int vectorPart(int h) {
      return vectorPart[h];
    }

    /** Every dense layer, in vector order. */
    public List<Dense> dense() {
      return java.util.Collections.unmodifiableList(all);
    }

    /** Where to split the vector into its segments (weights, biases, vectors), in order. */
    public long[] splitPoints() {
      return splitPoints.clone();
    }

    /** Number of segments. */
    public int parts() {
      return splitPoints.length + 1;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpSpec s && s.inputs == inputs && Arrays.equals(s.hidden, hidden)
        && s.activation == activation && s.trunks == trunks && s.heads.equals(heads);
  }

  @Override
  public int hashCode() {
    return ((inputs * 31 + Arrays.hashCode(hidden)) * 31 + heads.hashCode()) * 3 + trunks;
  }

  @Override
  public String toString() {
    return "Mlp[" + inputs + " -> " + Arrays.toString(hidden) + " " + activation.name()
        .toLowerCase(java.util.Locale.ROOT) + (trunks == 2 ? " x2" : "") + " -> " + heads + "]";
  }
}
