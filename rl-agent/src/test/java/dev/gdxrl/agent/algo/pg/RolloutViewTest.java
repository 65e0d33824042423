package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The updates' typed view of a rollout: minibatch columns, advantage normalisation. */
class RolloutViewTest {

  /** A full rollout of 3 steps x 2 envs, obs 2 wide, discrete actions of 3 (one-hot). */
  private static RolloutBuffer filled() {
    RolloutBuffer b = new RolloutBuffer(3, 2, 2, 1, 3);
    for (int t = 0; t < 3; t++) {
      b.addPolicyStep(new float[] {t, 10 + t, t + 0.5f, 20 + t}, new float[] {t % 3, 2},
          new float[] {0.1f * t, -0.1f * t}, new float[] {-1 - t, -2 - t});
      b.addEnvStep(new double[] {1, 2}, new boolean[] {false, t == 1},
          new boolean[] {false, false});
    }
    return b;
  }

  @Test
  void minibatchColumnsAreTheBuffersEntries() {
    RolloutBuffer b = filled();
    Rollout rollout = new Rollout(b);
    rollout.computeGae(new float[] {0.5f, 0.5f}, 0.9, 0.95);
    int[] order = {5, 0, 3};
    Minibatch mb = rollout.minibatch(order, 1, 2, rollout.newBlock(2)); // entries 0 and 3
    assertThat(mb.size()).isEqualTo(2);
    assertThat(mb.width()).isEqualTo(2 + 3 + 4);
    float[] obs = new float[4];
    mb.observations(obs);
    assertThat(obs).containsExactly(0f, 10f, 1.5f, 21f); // entry 3: step 1, env 1
    for (int r = 0; r < 2; r++) {
      int k = order[1 + r];
      for (int j = 0; j < 3; j++) {
        assertThat(mb.action(r, j)).isEqualTo(j == (int) b.actions[k] ? 1f : 0f);
      }
      assertThat(mb.oldLogp(r)).isEqualTo(b.logProbs[k]);
      assertThat(mb.advantage(r)).isEqualTo(b.advantages[k]);
      assertThat(mb.ret(r)).isEqualTo(b.returns[k]);
      assertThat(mb.oldValue(r)).isEqualTo(b.values[k]);
    }
  }

  @Test
  void minibatchNormalisesItsAdvantagesOnly() {
    RolloutBuffer b = filled();
    Rollout rollout = new Rollout(b);
    rollout.computeRewardToGo(new float[] {0, 0}, 0.9);
    Minibatch mb = rollout.minibatch(rollout.identityOrder(), 0, 6, rollout.newBlock(6));
    float[] before = mb.rows().clone();
    mb.normalizeAdvantages();
    double s = 0;
    double ss = 0;
    for (int r = 0; r < 6; r++) {
      s += mb.advantage(r);
      ss += mb.advantage(r) * mb.advantage(r);
      assertThat(mb.ret(r)).isEqualTo(b.returns[r]);
    }
    assertThat(s / 6).isCloseTo(0, within(1e-6));
    assertThat(Math.sqrt(ss / 5)).isCloseTo(1, within(1e-6));
    assertThat(b.advantages[0]).as("the rollout keeps its advantages")
        .isEqualTo(before[2 + 3 + 1]);
  }

  @Test
  void minibatchChecksItsSize() {
    assertThatThrownBy(() -> new Minibatch(new float[10], 2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lossTermsAreMeansWithTheObjectiveAndEntropyNegated() {
    LossTerms t = LossTerms.mean(new LossTerms.Sums(4, 2, -6, 0.5, 1), 4);
    assertThat(t).isEqualTo(new LossTerms(-1f, 0.5f, 1.5f, 0.125f, 0.25f));
  }
}
