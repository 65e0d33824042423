package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The host-side copy computes what the DJL block computes, plain and dueling. */
class HostMlpTest {

  @Test
  void hostForwardMatchesDjlForward() {
    for (boolean dueling : new boolean[] {false, true}) {
      QNetSpec spec = new QNetSpec(5, new int[] {7, 6}, 3, dueling);
      try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
        FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(4));
        HostMlp host = new HostMlp(spec);
        host.copyFrom(net);
        SplittableRandom rng = new SplittableRandom(8);
        float[] x = new float[4 * 5];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rng.nextGaussian();
        }
        float[] djl = net.forward(new ParameterStore(m, false),
            new NDList(m.create(x, new Shape(4, 5))), false).singletonOrThrow().toFloatArray();
        for (int r = 0; r < 4; r++) {
          float[] q = host.forward(java.util.Arrays.copyOfRange(x, 5 * r, 5 * r + 5),
              new float[3]);
          for (int a = 0; a < 3; a++) {
            assertThat(q[a]).isCloseTo(djl[3 * r + a], within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void initialisationIsSeededAndPyTorchLike() {
    QNetSpec spec = new QNetSpec(4, new int[] {100}, 2, false);
    float[] a = Networks.initialValues(spec, new SplittableRandom(1));
    float[] b = Networks.initialValues(spec, new SplittableRandom(1));
    assertThat(a).containsExactly(b);
    int[] off = spec.offsets();
    for (int i = off[0]; i < off[2]; i++) {
      assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.5f); // 1/sqrt(4)
    }
    for (int i = off[2]; i < off[4]; i++) {
      assertThat(Math.abs(a[i])).isLessThanOrEqualTo(0.1f); // 1/sqrt(100)
    }
    assertThat(spec.parameterCount()).isEqualTo(4 * 100 + 100 + 100 * 2 + 2);
  }
}
