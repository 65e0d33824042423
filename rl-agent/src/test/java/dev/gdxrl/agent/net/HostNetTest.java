package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.gdxrl.agent.algo.pg.ActorCriticNet;
import dev.gdxrl.agent.algo.pg.ActorCriticSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The one host forward pass computes what the DJL blocks compute, for every head (Q, dueling,
 * logits, Gaussian mean and log-std, V), and its values do not depend on the number of rows.
 */
class HostNetTest {

  private static float[] gaussian(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest(name = "dueling={0}")
  @ValueSource(booleans = {false, true})
  void qHeadsMatchTheDjlBlock(boolean dueling) {
    MlpSpec spec = MlpSpec.q(5, new int[] {7, 6}, 3, dueling);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(new FlatMlp(spec), m, new SplittableRandom(4));
      HostNet host = new HostNet(spec).copyFrom(net);
      float[] x = gaussian(4 * 5, 8);
      float[] djl = net.forward(new ParameterStore(m, false),
          new NDList(m.create(x, new Shape(4, 5))), false).singletonOrThrow().toFloatArray();
      float[] q = new float[4 * 3];
      host.forward(x, 4, q, null);
      for (int i = 0; i < q.length; i++) {
        assertThat(q[i]).as("q[%d]", i).isCloseTo(djl[i], within(1e-5f));
      }
      float[] one = host.forward(Arrays.copyOfRange(x, 5, 10), new float[3]);
      assertThat(one).containsExactly(Arrays.copyOfRange(q, 3, 6));
    }
  }

  @ParameterizedTest(name = "discrete={0} shared={1} {2} hidden={3}")
  @CsvSource({
      "true, false, tanh, 2", "true, true, relu, 2", "false, false, relu, 1",
      "false, true, tanh, 2", "true, false, tanh, 0", "false, false, tanh, 0"})
  void actorCriticHeadsMatchTheDjlBlock(boolean discrete, boolean shared, String activation,
      int depth) {
    int[] hidden = Arrays.copyOf(new int[] {6, 5}, depth);
    int k = discrete ? 3 : 2;
    ActorCriticSpec spec = new ActorCriticSpec(4, hidden, discrete, k, shared, activation, -0.4);
    int rows = 9;
    float[] x = gaussian(rows * 4, 3);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(5)).initialize(m);
      // bigger than the orthogonal init's 0.01 head gain, so that the heads' values matter
      float[] theta = net.hostParameters();
      for (int i = 0; i < theta.length; i++) {
        theta[i] += 0.3f * (float) Math.sin(i);
      }
      net.theta().getArray().set(theta);
      NDList djl = net.forward(m.create(x, new Shape(rows, 4)));
      HostNet host = new HostNet(spec.mlp(), theta);
      float[] head = new float[rows * k];
      float[] values = new float[rows];
      host.forward(x, rows, head, values);
      float[] dh = djl.get(0).toFloatArray();
      float[] dv = djl.get(1).toFloatArray();
      for (int i = 0; i < head.length; i++) {
        assertThat(head[i]).as("head[%d]", i).isCloseTo(dh[i], within(1e-5f));
      }
      for (int i = 0; i < rows; i++) {
        assertThat(values[i]).as("V[%d]", i).isCloseTo(dv[i], within(1e-5f));
      }
      if (!discrete) {
        assertThat(host.vector(0)).containsExactly(djl.get(2).toFloatArray());
      } else {
        assertThat(host.vector(0)).isNull();
      }
      // the values alone, and row by row: bitwise the same numbers
      float[] v2 = new float[rows];
      host.forward(x, rows, 1, v2);
      assertThat(v2).containsExactly(values);
      for (int r = 0; r < rows; r++) {
        float[] h1 = new float[k];
        float[] v1 = new float[1];
        host.forward(Arrays.copyOfRange(x, 4 * r, 4 * r + 4), 1, h1, v1);
        assertThat(h1).containsExactly(Arrays.copyOfRange(head, r * k, r * k + k));
        assertThat(v1[0]).isEqualTo(values[r]);
      }
    }
  }

  /** Each dense layer's weight and bias offsets, then the size. */
  private static int[] offsets(MlpSpec spec) {
    MlpSpec.Layout layout = spec.layout();
    return java.util.stream.IntStream.concat(layout.dense().stream()
            .flatMapToInt(d -> java.util.stream.IntStream.of(d.weight(), d.bias())),
        java.util.stream.IntStream.of(layout.size())).toArray();
  }

  /** The checkpoints' parameter files are in this order: a change of layout breaks them all. */
  @Test
  void layoutIsTheCheckpointLayout() {
    assertThat(offsets(MlpSpec.q(4, new int[] {8, 6}, 3, false)))
        .containsExactly(0, 32, 40, 88, 94, 112, 115);
    assertThat(offsets(MlpSpec.q(4, new int[] {8, 6}, 3, true)))
        .containsExactly(0, 32, 40, 88, 94, 112, 115, 121, 122);
    // actor trunk, critic trunk, actor head, value head, log-std
    MlpSpec.Layout separate = new ActorCriticSpec(3, new int[] {4}, false, 2, false, "tanh", 0)
        .mlp().layout();
    assertThat(separate.dense().stream().mapToInt(MlpSpec.Dense::weight).toArray())
        .containsExactly(0, 16, 32, 42);
    assertThat(separate.vector(0)).isEqualTo(47);
    assertThat(separate.size()).isEqualTo(49);
    assertThat(separate.splitPoints())
        .containsExactly(12, 16, 28, 32, 40, 42, 46, 47);
    assertThat(separate.vectorPart(0)).isEqualTo(8);
    MlpSpec.Layout shared = new ActorCriticSpec(3, new int[] {4}, true, 2, true, "relu", 0)
        .mlp().layout();
    assertThat(shared.dense().stream().mapToInt(MlpSpec.Dense::bias).toArray())
        .containsExactly(12, 24, 30);
    assertThat(shared.size()).isEqualTo(31);
    assertThat(shared.vector(0)).isEqualTo(-1);
  }

  @Test
  void specRefusesHeadsOnMissingTrunksAndOddValueWidths() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MlpSpec(3, new int[] {4},
        MlpSpec.Activation.RELU, 1, java.util.List.of(new MlpSpec.Head(MlpSpec.Kind.Q, 2, 1))))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new MlpSpec.Head(MlpSpec.Kind.VALUE, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void initialisationIsSeededAndPyTorchLike() {
    MlpSpec spec = MlpSpec.q(4, new int[] {100}, 2, false);
    float[] a = Networks.initialValues(spec, new SplittableRandom(1));
    float[] b = Networks.initialValues(spec, new SplittableRandom(1));
    assertThat(a).containsExactly(b);
    int[] off = offsets(spec);
    for (int i = off[0]; i < off[2]; i++) {
      assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.5f); // 1/sqrt(4)
    }
    for (int i = off[2]; i < off[4]; i++) {
      assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.1f); // 1/sqrt(100)
    }
    assertThat(spec.parameterCount()).isEqualTo(4 * 100 + 100 + 100 * 2 + 2);
  }
}
