package dev.gdxrl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

  private static VectorEnv<Integer> walks(int n, int threads) {
    List<Env<float[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      envs.add(new TimeLimit<>(new WalkEnv(), 4));
    }
    return new VectorEnv<>(envs, threads);
  }

  @Test
  void autoResetKeepsTheFinalObservationAndEpisodeStats() {
    try (VectorEnv<Integer> venv = walks(1, 1)) {
      float x0 = venv.reset(0)[0][0];
      Integer[] right = {1};
      float[] last = null;
      VectorEnv.Result r;
      int steps = 0;
      do {
        r = venv.step(right);
        steps++;
        if (!r.done(0)) {
          last = r.observations()[0];
          assertThat(r.finalObservations()[0]).isNull();
        }
      } while (!r.done(0));
      assertThat(steps).isEqualTo((int) (3 - x0));
      assertThat(r.terminated()[0]).isTrue();
      assertThat(r.finalObservations()[0][0]).isEqualTo(3f);
      assertThat(r.episodes()[0].length()).isEqualTo(steps);
      assertThat(r.observations()[0][0]).isBetween(-1f, 1f); // already the next episode
      assertThat(last == null || last[0] < 3).isTrue();
    }
  }

  @Test
  void truncationIsReportedApartFromTermination() {
    try (VectorEnv<Integer> venv = walks(1, 1)) {
      venv.reset(0);
      Integer[] wiggle = {1};
      VectorEnv.Result r = null;
      for (int t = 0; t < 4; t++) {
        wiggle[0] = t % 2;
        r = venv.step(wiggle);
      }
      assertThat(r.truncated()[0]).isTrue();
      assertThat(r.terminated()[0]).isFalse();
      assertThat(r.finalObservations()[0]).isNotNull();
    }
  }

  @Test
  void threadsDoNotChangeTheResults() {
    List<String> one = trace(1);
    List<String> two = trace(2);
    List<String> three = trace(3);
    assertThat(two).isEqualTo(one);
    assertThat(three).isEqualTo(one);
  }

  private static List<String> trace(int threads) {
    List<String> out = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(1);
    try (VectorEnv<Integer> venv = walks(5, threads)) {
      venv.reset(10);
      Integer[] a = new Integer[5];
      for (int t = 0; t < 200; t++) {
        for (int i = 0; i < 5; i++) {
          a[i] = rng.nextInt(2);
        }
        VectorEnv.Result r = venv.step(a);
        for (int i = 0; i < 5; i++) {
          out.add(r.observations()[i][0] + ":" + r.rewards()[i] + ":" + r.terminated()[i] + ":"
              + r.truncated()[i]);
        }
      }
    }
    return out;
  }

  /**
   * With a seeding rule, env k's j-th episode is reset with rule(k, j), on any number of threads;
   * a later {@code reset(long)} goes back to each env's own generator.
   */
  @Test
  void aSeedingRuleSeedsEveryEpisodeOfEveryEnv() {
    for (int threads : new int[] {1, 2, 3}) {
      List<List<Long>> seeds = new ArrayList<>();
      List<Env<float[], Integer>> envs = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        List<Long> log = new ArrayList<>();
        seeds.add(log);
        envs.add(new TimeLimit<>(new Wrapper<float[], Integer>(new WalkEnv()) {
          @Override
          public float[] reset(long seed) {
            log.add(seed);
            return env.reset(seed);
          }
        }, 2 + k));
      }
      try (VectorEnv<Integer> venv = new VectorEnv<>(envs, threads)) {
        venv.reset((k, j) -> 1000L * k + j);
        Integer[] right = {1, 1, 1};
        for (int t = 0; t < 12; t++) {
          venv.step(right);
        }
        for (int k = 0; k < 3; k++) {
          int episodes = 1 + 12 / (2 + k); // time limit 2 + k (a walk may end sooner)
          List<Long> got = seeds.get(k);
          assertThat(got.size()).as("threads %d, env %d", threads, k)
              .isBetween(episodes, 13);
          for (int j = 0; j < got.size(); j++) {
            assertThat(got.get(j)).as("threads %d, env %d, episode %d", threads, k, j)
                .isEqualTo(1000L * k + j);
          }
        }
        seeds.forEach(List::clear);
        venv.reset(7);
        assertThat(seeds.get(2)).containsExactly(9L);
      }
    }
  }

  @Test
  void workerFailuresReachTheCaller() {
    try (VectorEnv<Integer> venv = walks(2, 2)) {
      venv.reset(0);
      assertThatThrownBy(() -> venv.step(new Integer[] {0, 7}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad action 7");
      assertThatThrownBy(() -> venv.step(new Integer[] {0}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 actions for 2");
    }
  }

  @Test
  void shardsRunWholeBlocksOnTheirThreadsAsLockstepStepsWould() {
    int n = 7;
    int steps = 30;
    List<String> lockstep = new ArrayList<>();
    try (VectorEnv<Integer> venv = walks(n, 1)) {
      venv.reset(5);
      Integer[] a = new Integer[n];
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < n; i++) {
          a[i] = (t * 7 + i * 3) % 3 == 0 ? 0 : 1;
        }
        VectorEnv.Result r = venv.step(a);
        for (int i = 0; i < n; i++) {
          lockstep.add(t + " " + i + " " + r.observations()[i][0] + " " + r.rewards()[i] + " "
              + r.done(i));
        }
      }
    }
    for (int threads = 1; threads <= 3; threads++) {
      try (VectorEnv<Integer> venv = walks(n, threads)) {
        assertThat(venv.shards()).isEqualTo(threads);
        assertThat(venv.shardStart(0)).isZero();
        assertThat(venv.shardEnd(threads - 1)).isEqualTo(n);
        venv.reset(5);
        String[][] seen = new String[steps][n];
        Integer[] a = new Integer[n];
        venv.forEachShard(s -> {
          for (int t = 0; t < steps; t++) {
            for (int i = venv.shardStart(s); i < venv.shardEnd(s); i++) {
              a[i] = (t * 7 + i * 3) % 3 == 0 ? 0 : 1;
            }
            VectorEnv.Result r = venv.stepShard(s, a);
            for (int i = venv.shardStart(s); i < venv.shardEnd(s); i++) {
              seen[t][i] = t + " " + i + " " + r.observations()[i][0] + " " + r.rewards()[i] + " "
                  + r.done(i);
            }
          }
        });
        List<String> flat = new ArrayList<>();
        for (String[] row : seen) {
          flat.addAll(List.of(row));
        }
        assertThat(flat).as("%d threads", threads).isEqualTo(lockstep);
      }
    }
  }

  @Test
  void aShardTaskFailingIsRethrownByTheCaller() {
    try (VectorEnv<Integer> venv = walks(4, 2)) {
      venv.reset(0);
      assertThatThrownBy(() -> venv.forEachShard(s -> {
        if (s == 1) {
          throw new IllegalStateException("shard " + s);
        }
      })).hasMessage("shard 1");
      venv.forEachShard(s -> {}); // the worker is still alive
    }
  }
}
