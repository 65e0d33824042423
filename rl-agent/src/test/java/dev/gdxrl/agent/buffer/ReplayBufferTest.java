package dev.gdxrl.agent.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
      int i = (int) batch.obs()[2 * r];
      assertThat(batch.indices()[r]).isEqualTo(i);
      assertThat(batch.obs()[2 * r + 1]).isEqualTo(-i);
      assertThat(batch.nextObs()[2 * r]).isEqualTo(i + 1);
      assertThat(batch.actions()[r]).isEqualTo(i % 3);
      assertThat(batch.rewards()[r]).isEqualTo(i * 0.5f);
      assertThat(batch.terminated()[r]).isEqualTo(i % 7 == 0);
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
        assertThat(batch.obs()[2 * r]).isBetween(15f, 24f);
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
        counts[batch.indices()[r]]++;
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
    assertThat(a1.indices()).containsExactly(a2.indices());
  }

  @TempDir
  Path tmp;

  private static ReplayBuffer.Batch draw(ReplayBuffer b, long seed) {
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(40, 2);
    b.sample(new SplittableRandom(seed), batch);
    return batch;
  }

  /** Writes a buffer of {@code capacity} holding transitions {@code from..to-1} to a file. */
  private Path saved(int capacity, int from, int to, String name) throws IOException {
    ReplayBuffer b = new ReplayBuffer(capacity, 2);
    fill(b, from, to);
    Path f = tmp.resolve(name);
    b.write(f);
    return f;
  }

  /** The distinct first observation coordinates (= step numbers) of 200 samples. */
  private static java.util.Set<Float> stepsSampled(ReplayBuffer b, long seed) {
    ReplayBuffer.Batch batch = new ReplayBuffer.Batch(200, 2);
    b.sample(new SplittableRandom(seed), batch);
    java.util.Set<Float> seen = new java.util.TreeSet<>();
    for (int r = 0; r < 200; r++) {
      seen.add(batch.obs()[2 * r]);
    }
    return seen;
  }

  @Test
  void writtenAndReadBackItSamplesTheSameTransitions() throws IOException {
    ReplayBuffer b = new ReplayBuffer(10, 2);
    fill(b, 0, 25); // wrapped: slots hold 20..24, 15..19
    Path f = tmp.resolve("buf.bin");
    b.write(f);
    ReplayBuffer c = new ReplayBuffer(10, 2);
    fill(c, 100, 103);
    c.read(f);
    assertThat(c.size()).isEqualTo(10);
    assertThat(c.added()).isEqualTo(25);
    ReplayBuffer.Batch x = draw(b, 5);
    ReplayBuffer.Batch y = draw(c, 5);
    assertThat(y.obs()).isEqualTo(x.obs());
    assertThat(y.nextObs()).isEqualTo(x.nextObs());
    assertThat(y.actions()).isEqualTo(x.actions());
    assertThat(y.rewards()).isEqualTo(x.rewards());
    assertThat(y.terminated()).isEqualTo(x.terminated());
    // and it goes on as the original would: the next add overwrites the same (oldest) slot
    fill(b, 25, 26);
    fill(c, 25, 26);
    assertThat(draw(c, 9).obs()).isEqualTo(draw(b, 9).obs());
  }

  @Test
  void aSmallerBufferKeepsTheNewestTransitions() throws IOException {
    ReplayBuffer small = new ReplayBuffer(4, 2);
    small.read(saved(10, 0, 25, "buf.bin"));
    assertThat(small.size()).isEqualTo(4);
    assertThat(stepsSampled(small, 2)).containsExactly(21f, 22f, 23f, 24f);
  }

  @Test
  void aLargerBufferTakesEverythingInOrderAndGoesOn() throws IOException {
    ReplayBuffer big = new ReplayBuffer(12, 2);
    big.read(saved(10, 0, 25, "full.bin")); // full and wrapped: 15..24
    assertThat(big.size()).isEqualTo(10);
    fill(big, 25, 28); // 12 slots: the oldest (15) is overwritten by 27
    assertThat(stepsSampled(big, 8))
        .containsExactly(16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f, 24f, 25f, 26f, 27f);
    // a part-full buffer read into a smaller one keeps its newest
    ReplayBuffer small = new ReplayBuffer(3, 2);
    small.read(saved(10, 0, 6, "part.bin"));
    assertThat(stepsSampled(small, 1)).containsExactly(3f, 4f, 5f);
  }

  @Test
  void damagedOrMismatchedFilesAreRefusedWithTheReason() throws IOException {
    Path f = saved(10, 0, 6, "buf.bin");
    byte[] whole = Files.readAllBytes(f);
    Path cut = tmp.resolve("cut.bin");
    Files.write(cut, Arrays.copyOf(whole, whole.length - 3));
    ReplayBuffer c = new ReplayBuffer(10, 2);
    assertThatThrownBy(() -> c.read(cut)).isInstanceOf(IOException.class)
        .hasMessageContaining("cut.bin is truncated");
    assertThatThrownBy(() -> new ReplayBuffer(10, 3).read(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("observations of size 2, expected 3");
    Path junk = tmp.resolve("junk.bin");
    Files.writeString(junk, "not a buffer at all, just some text");
    assertThatThrownBy(() -> c.read(junk)).isInstanceOf(IOException.class)
        .hasMessageContaining("is not a replay buffer file");
    assertThat(c.size()).as("a refused file changes nothing").isZero();
  }
}
