package dev.gdxrl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.gdxrl.registry.EnvRegistry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WrappersTest {

  @Test
  void timeLimitTruncatesWithoutTerminating() {
    WalkEnv walk = new WalkEnv();
    try (TimeLimit<float[], Integer> env = new TimeLimit<>(walk, 2)) {
      env.reset(1); // start x in [-1, 1]; alternating moves never reach |x| = 3
      Step<float[]> s1 = env.step(1);
      Step<float[]> s2 = env.step(0);
      assertThat(s1.truncated()).isFalse();
      assertThat(s2.truncated()).isTrue();
      assertThat(s2.terminated()).isFalse();
      assertThat(env.spec().maxEpisodeSteps()).isEqualTo(2);
    }
  }

  @Test
  void timeLimitRefusesToStepAnEpisodeItTruncatedUntilReset() {
    try (TimeLimit<float[], Integer> env = new TimeLimit<>(new WalkEnv(), 2)) {
      env.reset(1);
      env.step(1);
      assertThat(env.step(0).truncated()).isTrue();
      assertThatThrownBy(() -> env.step(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("truncated by the time limit of 2 steps")
          .hasMessageContaining("reset()");
      assertThat(env.elapsed()).isEqualTo(2); // the refused step did not count
      env.reset(1);
      Step<float[]> again = env.step(1);
      assertThat(again.truncated()).isFalse();
      assertThat(env.elapsed()).isEqualTo(1);
    }
  }

  @Test
  void registryEnvsRefuseAStepAfterTheirTimeLimit() {
    try (Env<float[], Integer> env = Envs.asDiscrete(EnvRegistry.discovered().make("cartpole", 5))) {
      env.reset(0);
      Step<float[]> s = null;
      for (int t = 0; t < 5; t++) {
        s = env.step(t % 2);
      }
      assertThat(s.truncated()).isTrue();
      assertThat(s.terminated()).isFalse();
      assertThatThrownBy(() -> env.step(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cartpole")
          .hasMessageContaining("time limit of 5 steps");
    }
  }

  @Test
  void recordEpisodeStatisticsReportsReturnAndLengthAtTheEnd() {
    try (RecordEpisodeStatistics<float[], Integer> env =
        new RecordEpisodeStatistics<>(new WalkEnv())) {
      float[] o = env.reset(0);
      double total = 0;
      int n = 0;
      Step<float[]> s;
      do {
        s = env.step(1);
        total += s.reward();
        n++;
        if (!s.done()) {
          assertThat(s.info()).doesNotContainKey(Info.EPISODE);
        }
      } while (!s.done());
      EpisodeStats stats = (EpisodeStats) s.info().get(Info.EPISODE);
      assertThat(stats.episodeReturn()).isEqualTo(total);
      assertThat(stats.length()).isEqualTo(n).isEqualTo(3 - (int) o[0]);
      assertThat(stats.terminated()).isTrue();
    }
  }

  @Test
  void frameSkipRepeatsTheActionAndSumsRewards() {
    try (FrameSkip<float[], Integer> env = new FrameSkip<>(new WalkEnv(), 2)) {
      env.reset(0);
      float x0 = new WalkEnv().reset(0)[0];
      Step<float[]> s = env.step(1);
      assertThat(s.observation()[0]).isEqualTo(Math.min(3, x0 + 2));
      assertThat(s.reward()).isEqualTo((x0 + 1) + Math.min(3, x0 + 2));
    }
  }

  @Test
  void runningMeanStdMatchesTheSampleStatistics() {
    SplittableRandom rng = new SplittableRandom(0);
    RunningMeanStd single = new RunningMeanStd(2);
    RunningMeanStd batched = new RunningMeanStd(2);
    int n = 5000;
    float[] all = new float[2 * n];
    for (int i = 0; i < n; i++) {
      all[2 * i] = (float) (3 + 2 * rng.nextGaussian());
      all[2 * i + 1] = (float) (-1 + 0.5 * rng.nextGaussian());
      single.update(new float[] {all[2 * i], all[2 * i + 1]});
    }
    batched.updateBatch(all, n);
    RunningMeanStd.State s = single.state();
    RunningMeanStd.State b = batched.state();
    assertThat(s.mean()[0]).isCloseTo(3, offset(0.1));
    assertThat(s.var()[0]).isCloseTo(4, offset(0.25));
    assertThat(s.mean()[1]).isCloseTo(-1, offset(0.05));
    assertThat(s.var()[1]).isCloseTo(0.25, offset(0.02));
    for (int d = 0; d < 2; d++) {
      assertThat(b.mean()[d]).isCloseTo(s.mean()[d], offset(1e-9));
      assertThat(b.var()[d]).isCloseTo(s.var()[d], offset(1e-6));
    }
  }

  @Test
  void normalizeObservationAppliesSavedStatisticsWhenFrozen() {
    RunningMeanStd stats = new RunningMeanStd(new RunningMeanStd.State(
        new double[] {1.0}, new double[] {4.0}, 100));
    try (NormalizeObservation<Integer> env =
        new NormalizeObservation<>(new WalkEnv(), stats, 10).training(false)) {
      float raw = new WalkEnv().reset(3)[0];
      float[] o = env.reset(3);
      assertThat((double) o[0]).isCloseTo((raw - 1.0) / 2.0, offset(1e-6));
      assertThat(env.state().count()).isEqualTo(100); // frozen: no update
    }
    try (NormalizeObservation<Integer> env = new NormalizeObservation<>(new WalkEnv())) {
      env.reset(3);
      env.step(1);
      assertThat(env.state().count()).isCloseTo(2, offset(1e-3));
    }
    assertThatThrownBy(() -> new NormalizeObservation<>(new WalkEnv(), new RunningMeanStd(3), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 dims");
  }

  @Test
  void spacesSampleInsideThemselvesAndRejectOutsiders() {
    SplittableRandom rng = new SplittableRandom(9);
    Box box = new Box(new float[] {-1, 0}, new float[] {1, Float.POSITIVE_INFINITY});
    Discrete d = new Discrete(3);
    for (int i = 0; i < 1000; i++) {
      assertThat(box.contains(box.sample(rng))).isTrue();
      assertThat(d.contains(d.sample(rng))).isTrue();
    }
    assertThat(box.contains(new float[] {2, 0})).isFalse();
    assertThat(box.contains(new float[] {Float.NaN, 0})).isFalse();
    assertThat(box.contains(new float[] {0})).isFalse();
    assertThat(d.contains(3)).isFalse();
    assertThat(d.contains(-1)).isFalse();
    assertThat(d.contains(null)).isFalse();
    assertThat(new Box(new float[] {0}, new float[] {1}).sample(new SplittableRandom(5)))
        .containsExactly(new Box(new float[] {0}, new float[] {1}).sample(new SplittableRandom(5)));
  }
}
