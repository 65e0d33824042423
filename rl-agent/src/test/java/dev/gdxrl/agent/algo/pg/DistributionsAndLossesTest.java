package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistributionsAndLossesTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager(Device.cpu());
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static NDArray arr(float... x) {
    return manager.create(x);
  }

  @Test
  void categoricalLogProbAndEntropyMatchHandComputation() {
    float[] logits = {9, 1, 2, 3}; // row at offset 1
    // softmax(1,2,3) = .0900306, .2447285, .6652410
    assertThat(Categorical.logProb(logits, 1, 3, 2)).isCloseTo(-0.4076060, within(1e-6));
    assertThat(Categorical.entropy(logits, 1, 3)).isCloseTo(0.8323956, within(1e-6));
    assertThat(Categorical.entropy(new float[] {0, 0, 0, 0}, 0, 4)).isCloseTo(Math.log(4),
        within(1e-9));
    assertThat(Categorical.argmax(logits, 1, 3)).isEqualTo(2);

    NDArray lsm = manager.create(new float[] {1, 2, 3, 0, 0, 0}).reshape(2, 3).logSoftmax(1);
    NDArray oneHot = manager.create(new float[] {0, 0, 1, 0, 1, 0}).reshape(2, 3);
    NDArray lp = Categorical.logProb(lsm, oneHot);
    assertThat(lp.getShape().dimension()).isEqualTo(2);
    assertThat(lp.toFloatArray()).containsExactly(
        new float[] {-0.4076060f, (float) -Math.log(3)}, within(1e-6f));
    // minus the summed entropies of both rows
    assertThat(Categorical.negEntropySum(lsm).getFloat()).isCloseTo(
        (float) -(0.8323956 + Math.log(3)), within(1e-6f));
  }

  @Test
  void categoricalSamplesFollowTheProbabilities() {
    float[] logits = {1, 2, 3};
    SplittableRandom rng = new SplittableRandom(7);
    int[] counts = new int[3];
    for (int i = 0; i < 20000; i++) {
      counts[Categorical.sample(logits, 0, 3, rng)]++;
    }
    assertThat(counts[0] / 20000.0).isCloseTo(0.0900, within(0.01));
    assertThat(counts[2] / 20000.0).isCloseTo(0.6652, within(0.01));
  }

  @Test
  void gaussianLogProbAndEntropyMatchHandComputation() {
    float[] mean = {0.5f, -1f};
    float[] logStd = {(float) Math.log(2), 0f};
    float[] x = {1.5f, 0f};
    // z = (0.5, 1): -0.125 - log 2 - 0.5 - 2 * 0.5 log(2 pi) = -3.1560242
    assertThat(DiagGaussian.logProb(mean, 0, logStd, x, 0, 2)).isCloseTo(-3.1560242,
        within(1e-6));
    // 2 * (0.5 + 0.5 log(2 pi)) + log 2 = 3.5310242
    assertThat(DiagGaussian.entropy(logStd)).isCloseTo(3.5310242, within(1e-6));

    NDArray m = manager.create(mean).reshape(1, 2);
    NDArray a = manager.create(x).reshape(1, 2);
    NDArray ls = manager.create(logStd);
    NDArray lp = DiagGaussian.logProb(m, ls, a);
    assertThat(lp.getShape().dimension()).isEqualTo(2);
    assertThat(lp.toFloatArray()[0]).isCloseTo(-3.1560242f, within(1e-5f));
    assertThat(DiagGaussian.entropy(ls).getFloat()).isCloseTo(3.5310242f, within(1e-5f));
  }

  @Test
  void gaussianSamplesHaveTheRightMoments() {
    float[] mean = {1f};
    float[] logStd = {(float) Math.log(0.5)};
    float[] out = new float[1];
    SplittableRandom rng = new SplittableRandom(3);
    double s = 0;
    double ss = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      DiagGaussian.sample(mean, 0, logStd, 1, rng, out, 0);
      s += out[0];
      ss += out[0] * out[0];
    }
    double mu = s / n;
    assertThat(mu).isCloseTo(1.0, within(0.02));
    assertThat(Math.sqrt(ss / n - mu * mu)).isCloseTo(0.5, within(0.02));
  }

  @Test
  void clippedSurrogateMatchesHandComputation() {
    NDArray ratio = arr(0.5f, 1.0f, 1.5f, 1.5f, 0.7f);
    NDArray adv = arr(1, 2, 1, -1, -2);
    // r A = .5, 2, 1.5, -1.5, -1.4; clip(r) A = .8, 2, 1.2, -1.2, -1.6
    // min = .5, 2, 1.2, -1.5, -1.6; sum = 0.6 (mean 0.12, loss -0.12)
    assertThat(PgLosses.clippedSurrogateSum(ratio, adv, 0.2).getFloat()).isCloseTo(0.6f,
        within(1e-6f));
    // without clipping it would be .5 + 2 + 1.5 - 1.5 - 1.4 = 1.1
    assertThat(PgLosses.clippedSurrogateSum(ratio, adv, 10).getFloat()).isCloseTo(1.1f,
        within(1e-6f));
    assertThat(PgLosses.policyGradientSum(arr(-1, -2), arr(1, 3)).getFloat()).isCloseTo(-7f,
        within(1e-6f));
  }

  @Test
  void valueLossMatchesHandComputationClippedAndNot() {
    NDArray v = arr(1, 3);
    NDArray old = arr(2, 2);
    NDArray ret = arr(0, 2.5f);
    // unclipped: 1 + .25 = 1.25
    assertThat(PgLosses.valueErrorSum(v, old, ret, 0).getFloat()).isCloseTo(1.25f, within(1e-6f));
    // clipped (0.5): V' = 1.5, 2.5 -> errors 2.25, 0; max with 1, .25 -> 2.25, .25; sum 2.5
    assertThat(PgLosses.valueErrorSum(v, old, ret, 0.5).getFloat()).isCloseTo(2.5f,
        within(1e-6f));
  }
}
