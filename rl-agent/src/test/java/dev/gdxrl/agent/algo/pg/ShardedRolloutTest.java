package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.agent.train.TrainListener;
import dev.gdxrl.agent.train.TrainState;
import dev.gdxrl.agent.train.Trainer;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.RunningMeanStd;
import dev.gdxrl.env.VectorEnv;
import dev.gdxrl.registry.EnvRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Rollouts collected on the shard threads ({@link ShardedRollout}) give exactly the run of the
 * step-by-step path ({@code actBatch} / {@code observeBatch}) for 1, 2 and 3 threads: the same
 * parameters, observation statistics and, at every env step, what a listener sees (the step, the
 * gradient steps, the policy's parameters and statistics, the episodes); and a listener stopping
 * the run mid-rollout stops it at the same env step with the same state.
 */
class ShardedRolloutTest {
  private static final EnvRegistry REGISTRY = TestEnvs.registry();

  /** 5 envs: shards of 2 and 3 on two threads, 1, 2 and 2 on three. */
  private static Ppo.PpoConfig ppo(boolean normalize, int threads) {
    Ppo.PpoConfig d = Ppo.PpoConfig.defaults();
    return new Ppo.PpoConfig(5, 16, 40, 2, 1e-3, true, 0.99, 0.95, 0.2, false, 0.3, true, 0.01,
        0.5, 0.5, 0, PgOptimizer.ADAM, List.of(16, 16), d.activation(), false, 0.0, normalize,
        threads);
  }

  private static A2c.A2cConfig a2c(int threads) {
    return new A2c.A2cConfig(4, 5, 7e-4, false, 0.99, 0.9, true, 0.01, 0.5, 0.5,
        PgOptimizer.RMSPROP, List.of(16, 16), "tanh", true, 0.0, true, threads);
  }

  @Test
  void ppoWithoutNormalisationIsTheSameRunForAnyThreadCount() {
    sameRuns(TestEnvs.SIGN, t -> ctx -> new Ppo(ppo(false, t), ctx), 5 * 16 * 6, Long.MAX_VALUE);
  }

  @Test
  void ppoWithNormalisationIsTheSameRunForAnyThreadCount() {
    sameRuns(TestEnvs.SIGN, t -> ctx -> new Ppo(ppo(true, t), ctx), 5 * 16 * 6, Long.MAX_VALUE);
    sameRuns(TestEnvs.POINT, t -> ctx -> new Ppo(ppo(true, t), ctx), 5 * 16 * 6, Long.MAX_VALUE);
  }

  @Test
  void a2cIsTheSameRunForAnyThreadCount() {
    sameRuns(TestEnvs.POINT, t -> ctx -> new A2c(a2c(t), ctx), 4 * 5 * 12, Long.MAX_VALUE);
    sameRuns(TestEnvs.SIGN, t -> ctx -> new A2c(a2c(t), ctx), 4 * 5 * 12, Long.MAX_VALUE);
  }

  @Test
  void aListenerStoppingMidRolloutStopsTheRunThere() {
    // stops inside vector step 3 of the third rollout: the run ends after that vector step
    long stopAt = 5 * (16 * 2 + 3) - 2;
    Run[] runs = sameRuns(TestEnvs.POINT, t -> ctx -> new Ppo(ppo(true, t), ctx), 5 * 16 * 6,
        stopAt);
    for (Run r : runs) {
      assertThat(r.envSteps).isEqualTo(5 * (16 * 2 + 3));
      assertThat(r.updates).isEqualTo(2);
      assertThat(r.filled).isEqualTo(3);
      // the cut rollout is not folded in (the count starts at 1e-4)
      assertThat(r.stats.count()).isCloseTo(5 * 16 * 2, within(0.01));
    }
  }

  @Test
  void theRunEndsMidRolloutWithoutStepingPastItsSteps() {
    Run[] runs = sameRuns(TestEnvs.SIGN, t -> ctx -> new Ppo(ppo(true, t), ctx), 5 * 16 + 23,
        Long.MAX_VALUE);
    for (Run r : runs) {
      assertThat(r.envSteps).isEqualTo(5 * 16 + 25);
      assertThat(r.updates).isEqualTo(1);
      assertThat(r.filled).isEqualTo(5);
    }
  }

  /** What one run ended with, and what its listener saw. */
  private record Run(float[] params, RunningMeanStd.State stats, List<String> seen, long envSteps,
      long updates, int filled) {}

  /** The step-by-step run and the sharded ones on 1, 2 and 3 threads, checked equal. */
  private static Run[] sameRuns(String env,
      Function<Integer, Function<AgentContext, OnPolicyLearner<?>>> make, long steps,
      long stopAt) {
    Run ref = train(env, make.apply(1), steps, stopAt, true);
    Run[] runs = new Run[3];
    for (int t = 1; t <= 3; t++) {
      Run r = train(env, make.apply(t), steps, stopAt, false);
      for (int j = 0; j < Math.min(r.seen.size(), ref.seen.size()); j++) {
        assertThat(r.seen.get(j)).as("%d threads: what the listener saw, line %d", t, j)
            .isEqualTo(ref.seen.get(j));
      }
      assertThat(r.seen).hasSameSizeAs(ref.seen);
      assertThat(r.params).as("%d threads: parameters", t).isEqualTo(ref.params);
      assertThat(r.envSteps).isEqualTo(ref.envSteps);
      assertThat(r.updates).isEqualTo(ref.updates);
      assertThat(r.filled).isEqualTo(ref.filled);
      if (ref.stats != null) {
        assertThat(r.stats.mean()).isEqualTo(ref.stats.mean());
        assertThat(r.stats.var()).isEqualTo(ref.stats.var());
        assertThat(r.stats.count()).isEqualTo(ref.stats.count());
      }
      runs[t - 1] = r;
    }
    assertThat(ref.updates).isGreaterThanOrEqualTo(1);
    return runs;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Run train(String env, Function<AgentContext, OnPolicyLearner<?>> make,
      long steps, long stopAt, boolean stepwise) {
    Env<float[], ?> probe = REGISTRY.make(env);
    AgentContext ctx = new AgentContext(env, (Box) probe.observationSpace(),
        probe.actionSpace(), Device.cpu(), 7, steps);
    probe.close();
    try (OnPolicyLearner<?> agent = make.apply(ctx)) {
      if (stepwise) {
        agent.collectStepwise();
      }
      List<String> seen = new ArrayList<>();
      TrainListener listener = new TrainListener() {
        @Override
        public boolean onStep(TrainState s) {
          RunningMeanStd st = agent.observationStats();
          seen.add(s.envSteps() + " " + s.gradientSteps() + " " + agent.updates() + " "
              + Arrays.hashCode(agent.hostNetwork().get())
              + (st == null ? "" : " " + Arrays.hashCode(st.state().mean())));
          return s.envSteps() < stopAt;
        }

        @Override
        public void onEpisodeEnd(TrainState s, EpisodeStats e) {
          seen.add(s.envSteps() + " episode " + e.episodeReturn() + " " + e.length());
        }
      };
      List<Env<float[], Object>> envs = new ArrayList<>();
      for (int i = 0; i < agent.envs(); i++) {
        envs.add((Env<float[], Object>) (Env) REGISTRY.make(env));
      }
      TrainState s;
      try (VectorEnv<Object> vec = new VectorEnv<>(envs, agent.threads())) {
        TrainConfig tc = new TrainConfig(steps, 0, 1, 0, 0, 100, 0, false, 1);
        s = new Trainer<>(vec, agent, tc, 7, List.of(listener)).run(0, 0);
      }
      RunningMeanStd st = agent.observationStats();
      return new Run(agent.network().hostParameters(), st == null ? null : st.state(), seen,
          s.envSteps(), agent.updates(), agent.buffer.filled());
    }
  }
}
