package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host Adam's state survives a checkpoint: a resumed optimiser takes the same steps. */
class AdamStateTest {
  @TempDir
  Path tmp;

  private static float[] grad(SplittableRandom rng, int n) {
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) rng.nextGaussian();
    }
    return g;
  }

  @Test
  void aResumedOptimiserContinuesExactlyAndAFreshOneDoesNot() throws IOException {
    MlpSpec spec = MlpSpec.q(3, new int[] {8}, 2, false);
    int n = spec.parameterCount();
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp a = Networks.initialize(new FlatMlp(spec), m, new SplittableRandom(1));
      FlatMlp b = Networks.initialize(new FlatMlp(spec), m, new SplittableRandom(2));
      FlatMlp c = Networks.initialize(new FlatMlp(spec), m, new SplittableRandom(3));
      AdamStep adamA = AdamStep.host(a, 1e-2, 10);
      SplittableRandom rng = new SplittableRandom(7);
      for (int i = 0; i < 5; i++) {
        adamA.step(grad(rng, n));
      }
      Networks.save(a, tmp.resolve("p.params"));
      adamA.writeState(tmp.resolve("adam.bin"));
      Networks.load(b, m, tmp.resolve("p.params"));
      Networks.load(c, m, tmp.resolve("p.params"));
      AdamStep adamB = AdamStep.host(b, 1e-2, 10);
      AdamStep adamC = AdamStep.host(c, 1e-2, 10); // parameters only, fresh moments
      assertThat(adamB.readState(tmp.resolve("adam.bin"))).isTrue();
      assertThat(adamB.steps()).isEqualTo(5);
      for (int i = 0; i < 3; i++) {
        float[] g = grad(rng, n);
        adamA.step(g);
        adamB.step(g);
        adamC.step(g);
      }
      float[] pa = a.flatParameter().getArray().toFloatArray();
      assertThat(b.flatParameter().getArray().toFloatArray()).isEqualTo(pa);
      assertThat(c.flatParameter().getArray().toFloatArray()).isNotEqualTo(pa);

      MlpSpec other = MlpSpec.q(3, new int[] {9}, 2, false);
      FlatMlp d = Networks.initialize(new FlatMlp(other), m, new SplittableRandom(4));
      assertThatThrownBy(() -> AdamStep.host(d, 1e-2, 10).readState(tmp.resolve("adam.bin")))
          .isInstanceOf(IOException.class).hasMessageContaining("the network has");
    }
  }
}
