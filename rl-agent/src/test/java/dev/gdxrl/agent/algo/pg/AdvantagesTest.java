package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdvantagesTest {
  // One env, three steps: r = 1, 2, 3; V(s_t) = 0.5, 1.0, 1.5; V(s_3) = 2.0; gamma 0.9, lambda 0.8.
  private static final float[] R = {1, 2, 3};
  private static final float[] V = {0.5f, 1.0f, 1.5f};
  private static final float[] LAST = {2.0f};

  private static float[][] gae(boolean[] term, boolean[] trunc, float[] truncV, double lambda) {
    float[] adv = new float[3];
    float[] ret = new float[3];
    Advantages.gae(3, 1, R, V, term, trunc, truncV, LAST, 0.9, lambda, adv, ret);
    return new float[][] {adv, ret};
  }

  @Test
  void gaeMatchesHandComputationWithoutEpisodeEnd() {
    float[][] r = gae(new boolean[3], new boolean[3], new float[3], 0.8);
    // delta2 = 3 + .9*2 - 1.5 = 3.3; delta1 = 2 + .9*1.5 - 1 = 2.35; delta0 = 1 + .9*1 - .5 = 1.4
    // A2 = 3.3; A1 = 2.35 + .72*3.3 = 4.726; A0 = 1.4 + .72*4.726 = 4.80272
    assertThat(r[0][2]).isCloseTo(3.3f, within(1e-5f));
    assertThat(r[0][1]).isCloseTo(4.726f, within(1e-5f));
    assertThat(r[0][0]).isCloseTo(4.80272f, within(1e-5f));
    assertThat(r[1][0]).isCloseTo(4.80272f + 0.5f, within(1e-5f));
    assertThat(r[1][2]).isCloseTo(3.3f + 1.5f, within(1e-5f));
  }

  @Test
  void lambdaOneGivesNStepReturns() {
    float[][] r = gae(new boolean[3], new boolean[3], new float[3], 1.0);
    // R0 = 1 + .9*2 + .81*3 + .729*2 = 6.688
    assertThat(r[1][0]).isCloseTo(6.688f, within(1e-5f));
    assertThat(r[1][1]).isCloseTo(2 + 0.9f * 3 + 0.81f * 2, within(1e-5f));
  }

  @Test
  void truncationBootstrapsFromFinalObservationAndTerminationDoesNot() {
    // The episode ends after step 1; step 2 belongs to the next episode.
    boolean[] end = {false, true, false};
    float[] truncV = {0, 4.0f, 0}; // V(final observation) of the truncated episode

    float[][] terminated = gae(end, new boolean[3], truncV, 0.8);
    // delta1 = 2 + 0 - 1 = 1.0 (no bootstrap), A0 = 1.4 + .72*1.0 = 2.12
    assertThat(terminated[0][1]).isCloseTo(1.0f, within(1e-5f));
    assertThat(terminated[0][0]).isCloseTo(2.12f, within(1e-5f));

    float[][] truncated = gae(new boolean[3], end, truncV, 0.8);
    // delta1 = 2 + .9*4 - 1 = 4.6, A0 = 1.4 + .72*4.6 = 4.712
    assertThat(truncated[0][1]).isCloseTo(4.6f, within(1e-5f));
    assertThat(truncated[0][0]).isCloseTo(4.712f, within(1e-5f));

    // Either way nothing flows back from the next episode's step 2.
    assertThat(terminated[0][2]).isCloseTo(3.3f, within(1e-5f));
    assertThat(truncated[0][2]).isCloseTo(3.3f, within(1e-5f));

    // Both flags: termination wins.
    float[][] both = gae(end, end, truncV, 0.8);
    assertThat(both[0][1]).isCloseTo(1.0f, within(1e-5f));
  }

  @Test
  void layoutIsTimeMajorAcrossEnvs() {
    // env 0 as above, env 1 terminates at step 0 with reward 5 and V 1.
    float[] r = {1, 5, 2, 0, 3, 0};
    float[] v = {0.5f, 1, 1.0f, 0, 1.5f, 0};
    boolean[] term = {false, true, false, false, false, false};
    float[] adv = new float[6];
    float[] ret = new float[6];
    Advantages.gae(3, 2, r, v, term, new boolean[6], new float[6], new float[] {2, 0}, 0.9, 0.8,
        adv, ret);
    assertThat(adv[0]).isCloseTo(4.80272f, within(1e-5f));
    assertThat(adv[1]).isCloseTo(4.0f, within(1e-6f));
    assertThat(ret[1]).isCloseTo(5.0f, within(1e-6f));
  }

  @Test
  void rewardToGoMatchesHandComputation() {
    float[] out = new float[3];
    // terminated at the last step: G2 = 3, G1 = 2 + .9*3 = 4.7, G0 = 1 + .9*4.7 = 5.23
    Advantages.rewardToGo(3, 1, R, new boolean[] {false, false, true}, new boolean[3],
        new float[3], new float[] {10}, 0.9, out);
    assertThat(out).containsExactly(new float[] {5.23f, 4.7f, 3f}, within(1e-5f));

    // truncated after step 1 (V(final) = 4); step 2 continues past the rollout (V = 10)
    Advantages.rewardToGo(3, 1, R, new boolean[3], new boolean[] {false, true, false},
        new float[] {0, 4, 0}, new float[] {10}, 0.9, out);
    // G2 = 3 + 9 = 12, G1 = 2 + .9*4 = 5.6, G0 = 1 + .9*5.6 = 6.04
    assertThat(out).containsExactly(new float[] {6.04f, 5.6f, 12f}, within(1e-5f));
  }

  @Test
  void bufferComputesAdvantagesAsReturnMinusValueForReinforce() {
    RolloutBuffer b = new RolloutBuffer(3, 1, 2, 1);
    for (int t = 0; t < 3; t++) {
      b.addPolicyStep(new float[] {t, t}, new float[] {0}, new float[] {V[t]}, new float[] {-1});
      b.addEnvStep(new double[] {R[t]}, new boolean[] {t == 2}, new boolean[1]);
    }
    b.computeRewardToGo(new float[] {10}, 0.9);
    assertThat(b.ret(0)).isCloseTo(5.23f, within(1e-5f));
    assertThat(b.advantage(0)).isCloseTo(5.23f - 0.5f, within(1e-5f));
    float[] packed = new float[b.packedWidth()];
    b.pack(new int[] {1}, 0, 1, packed);
    assertThat(packed).containsExactly(new float[] {1, 1, 0, -1, 4.7f - 1f, 4.7f, 1f},
        within(1e-5f));
  }

  @Test
  void normalizeGivesZeroMeanUnitStd() {
    float[] x = {1, 2, 3, 4};
    Advantages.normalize(x, 4);
    double std = Math.sqrt((1.5 * 1.5 + 0.5 * 0.5) * 2 / 3);
    assertThat(x[0]).isCloseTo((float) (-1.5 / std), within(1e-5f));
    assertThat(x[0] + x[1] + x[2] + x[3]).isCloseTo(0f, within(1e-5f));
  }
}
