package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one gradient-norm clipper: the norm of every length, and PyTorch's clip coefficient. */
class GradClipTest {

  @Test
  void normIsTheEuclideanNormForEveryLength() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int n = 0; n <= 37; n++) {
      float[] g = new float[n + 3];
      double exact = 0;
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) rng.nextGaussian();
        if (i < n) {
          exact += (double) g[i] * g[i];
        }
      }
      // entries past n are not read
      assertThat(GradClip.norm(g, n)).as("n=%d", n).isCloseTo(Math.sqrt(exact), within(1e-12));
    }
  }

  @Test
  void scaleIsPyTorchsClipCoefficient() {
    assertThat(GradClip.scale(123.0, 0)).as("off").isEqualTo(1f);
    assertThat(GradClip.scale(0.3, 0.5)).as("below the limit").isEqualTo(1f);
    assertThat(GradClip.scale(2.0, 0.5)).isEqualTo((float) (0.5 / (2.0 + 1e-6)));
    // PyTorch's min(1, max / (norm + 1e-6)): just below the limit it already scales a little
    assertThat(GradClip.scale(0.5 - 5e-7, 0.5)).isEqualTo((float) (0.5 / (0.5 + 5e-7)))
        .isLessThan(1f);
  }
}
