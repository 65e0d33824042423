package dev.gdxrl.agent.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** n-step transitions on hand-made episodes: rewards, horizons, next observations, flags. */
class NStepWriterTest {

  /** Observation of step t: {t}. */
  private static float[] o(int t) {
    return new float[] {t};
  }

  /** All stored transitions, in slot order, as {obs, action, reward, next, terminated, h}. */
  private static double[][] stored(ReplayBuffer b) {
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(1, 1);
    double[][] rows = new double[b.size()][];
    // sample each slot: a generator whose nextInt(size) walks 0, 1, 2, ...
    for (int i = 0; i < b.size(); i++) {
      int slot = i;
      b.sample(new java.util.Random() {
        @Override
        public int nextInt(int bound) {
          return slot;
        }
      }, batch);
      rows[i] = new double[] {batch.obs()[0], batch.actions()[0], batch.rewards()[0],
          batch.nextObs()[0], batch.terminated()[0] ? 1 : 0, batch.horizons()[0]};
    }
    return rows;
  }

  @Test
  void threeStepReturnsUpToATermination() {
    ReplayBuffer b = new ReplayBuffer(100, 1);
    NStepWriter w = new NStepWriter(3, 0.5, b);
    // episode: steps 0..4, rewards 1..5, terminated at step 4
    for (int t = 0; t < 5; t++) {
      w.add(o(t), t % 2, t + 1, o(t + 1), t == 4, false);
    }
    assertThat(w.pending()).isZero();
    double[][] r = stored(b);
    assertThat(r).hasNumberOfRows(5);
    // from s0: 1 + .5*2 + .25*3 = 2.75, next s3, horizon 3, bootstraps
    assertThat(r[0]).containsExactly(0, 0, 2.75, 3, 0, 3);
    assertThat(r[1]).containsExactly(1, 1, 2 + 1.5 + 1, 4, 0, 3);
    // from s2: 3 + .5*4 + .25*5, the window reaches the terminal step: no bootstrap
    assertThat(r[2]).containsExactly(2, 0, 3 + 2 + 1.25, 5, 1, 3);
    assertThat(r[3]).containsExactly(3, 1, 4 + 2.5, 5, 1, 2);
    assertThat(r[4]).containsExactly(4, 0, 5, 5, 1, 1);
  }

  @Test
  void aTruncatedEpisodeBootstrapsFromItsFinalObservationWithShorterHorizons() {
    ReplayBuffer b = new ReplayBuffer(100, 1);
    NStepWriter w = new NStepWriter(4, 0.9, b);
    for (int t = 0; t < 2; t++) {
      w.add(o(t), 1, 1, o(t + 1), false, t == 1); // time limit after 2 steps
    }
    double[][] r = stored(b);
    assertThat(r).hasNumberOfRows(2);
    assertThat(r[0][2]).isCloseTo(1.9, within(1e-6));
    assertThat(r[0]).startsWith(0, 1).endsWith(2, 0, 2); // next s2, not terminated, horizon 2
    assertThat(r[1]).containsExactly(1, 1, 1, 2, 0, 1);
    // the next episode starts clean
    w.add(o(10), 0, 7, o(11), true, false);
    assertThat(stored(b)[2]).containsExactly(10, 0, 7, 11, 1, 1);
  }

  @Test
  void oneStepStoresEachTransitionAsItComes() {
    ReplayBuffer a = new ReplayBuffer(50, 1);
    ReplayBuffer b = new ReplayBuffer(50, 1);
    NStepWriter w = new NStepWriter(1, 0.99, b);
    SplittableRandom rng = new SplittableRandom(4);
    for (int t = 0; t < 30; t++) {
      double rew = rng.nextGaussian();
      boolean term = t % 9 == 8;
      a.add(o(t), t % 3, rew, o(t + 1), term);
      w.add(o(t), t % 3, rew, o(t + 1), term, t % 7 == 6);
    }
    assertThat(stored(b)).isDeepEqualTo(stored(a));
  }
}
