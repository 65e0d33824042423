package dev.gdxrl.agent.net;

import java.util.Arrays;

/**
 * Shape of an MLP Q-network: {@code inputs -> hidden[0] -> ... -> outputs}, Linear layers with
 * ReLU between them, and optionally a dueling head (Q = V + A - mean(A)).
 *
 * @param inputs observation size
 * @param hidden hidden layer widths (may be empty: a linear Q-function)
 * @param outputs number of actions
 * @param dueling split the last layer into a value and an advantage stream
 */
public record QNetSpec(int inputs, int[] hidden, int outputs, boolean dueling) {

  public QNetSpec {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException(
          "network needs inputs and outputs >= 1, got " + inputs + " and " + outputs);
    }
    hidden = hidden.clone();
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer width must be >= 1, got " + h);
      }
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** Number of Linear layers in the trunk plus the head (the dueling value layer not counted). */
  public int layers() {
    return hidden.length + 1;
  }

  /** Input width of layer {@code l} (0-based; {@code layers() - 1} is the head). */
  public int layerIn(int l) {
    return l == 0 ? inputs : hidden[l - 1];
  }

  /** Output width of layer {@code l}. */
  public int layerOut(int l) {
    return l < hidden.length ? hidden[l] : outputs;
  }

  /**
   * Offsets into the flat parameter vector: for each layer {@code l}, {@code [2l]} is where its
   * weight ([out, in], row-major) starts and {@code [2l+1]} where its bias starts; with a dueling
   * head two more entries locate the value layer's weight and bias; the last entry is the total
   * size.
   */
  public int[] offsets() {
    java.util.List<MlpSpec.Dense> dense = mlp().layout().dense();
    int[] off = new int[2 * dense.size() + 1];
    for (int l = 0; l < dense.size(); l++) {
      off[2 * l] = dense.get(l).weight();
      off[2 * l + 1] = dense.get(l).bias();
    }
    MlpSpec.Dense last = dense.get(dense.size() - 1);
    off[2 * dense.size()] = last.bias() + last.out();
    return off;
  }

  /** Total number of parameters. */
  public int parameterCount() {
    int[] off = offsets();
    return off[off.length - 1];
  }

  /** The network in the one spec of the kernel, whose layout {@link #offsets()} reads. */
  public MlpSpec mlp() {
    return MlpSpec.q(inputs, hidden, outputs, dueling);
  }

  /** A new, uninitialised DJL block of this shape. */
  public FlatMlp build() {
    return new FlatMlp(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QNetSpec s && s.inputs == inputs && s.outputs == outputs
        && s.dueling == dueling && Arrays.equals(s.hidden, hidden);
  }

  @Override
  public int hashCode() {
    return ((inputs * 31 + outputs) * 31 + Arrays.hashCode(hidden)) * 2 + (dueling ? 1 : 0);
  }

  @Override
  public String toString() {
    return "QNetSpec[" + inputs + " -> " + Arrays.toString(hidden) + " -> " + outputs
        + (dueling ? ", dueling" : "") + "]";
  }
}
