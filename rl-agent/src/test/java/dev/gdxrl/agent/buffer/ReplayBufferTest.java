package dev.gdxrl.agent.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

  private static void fill(ReplayBuffer b, int from, int to) {
    for (int i = from; i < to; i++) {
      b.add(new float[] {i, -i}, i % 3, i * 0.5, new float[] {i + 1, -i - 1}, i % 7 == 0);
    }
  }

  @Test
  void sampledRowsAreStoredTransitionsIntact() {
    ReplayBuffer b = new ReplayBuffer(100, 2);
    fill(b, 0, 50);
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(32, 2);
    b.sample(new SplittableRandom(1), batch);
    for (int r = 0; r < 32; r++) {
      int i = (int) batch.obs[2 * r];
      assertThat(batch.indices[r]).isEqualTo(i);
      assertThat(batch.obs[2 * r + 1]).isEqualTo(-i);
      assertThat(batch.nextObs[2 * r]).isEqualTo(i + 1);
      assertThat(batch.actions[r]).isEqualTo(i % 3);
      assertThat(batch.rewards[r]).isEqualTo(i * 0.5f);
      assertThat(batch.terminated[r]).isEqualTo(i % 7 == 0);
    }
  }

  @Test
  void ringOverwritesOldestAndSamplesOnlyLiveRows() {
    ReplayBuffer b = new ReplayBuffer(10, 2);
    fill(b, 0, 25);
    assertThat(b.size()).isEqualTo(10);
    assertThat(b.added()).isEqualTo(25);
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(64, 2);
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < 20; k++) {
      b.sample(rng, batch);
      for (int r = 0; r < 64; r++) {
        assertThat(batch.obs[2 * r]).isBetween(15f, 24f);
      }
    }
  }

  @Test
  void samplingIsUniformAndSeeded() {
    ReplayBuffer b = new ReplayBuffer(8, 2);
    fill(b, 0, 8);
    int[] counts = new int[8];
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(50, 2);
    SplittableRandom rng = new SplittableRandom(11);
    for (int k = 0; k < 1000; k++) {
      b.sample(rng, batch);
      for (int r = 0; r < 50; r++) {
        counts[batch.indices[r]]++;
      }
    }
    double expected = 50_000 / 8.0;
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertThat(chi2).isLessThan(24.3); // chi-square, 7 degrees of freedom, p = 0.001
    ReplayBuffer.Batch a1 = new ReplayBuffer.Batch(16, 2);
    ReplayBuffer.Batch a2 = new ReplayBuffer.Batch(16, 2);
    b.sample(new SplittableRandom(5), a1);
    b.sample(new SplittableRandom(5), a2);
    assertThat(a1.indices).containsExactly(a2.indices);
  }
}
