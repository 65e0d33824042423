package dev.gdxrl.agent.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.control.Insight;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint plug: found by ServiceLoader, acts like LearnedPolicy, normalises, explains. */
class LearnedControllerProviderTest {
  @TempDir static Path dir;
  static Path dqn;

  @BeforeAll
  static void trainTinyCheckpoint() {
    dqn = dir.resolve("cartpole-dqn");
    Training t = new Training(EnvRegistry.discovered(), Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    t.train(new TrainRequest("cartpole", "dqn", 600L, 3, "cpu", null,
        java.util.Map.of("learning_starts", "100", "eval_freq", "0", "final_eval_episodes", "0"),
        dqn, null, false));
  }

  private static LearnedControllerProvider provider() {
    List<ControllerProvider> all = ControllerProvider.available();
    assertThat(all).as("ServiceLoader finds the plug").hasAtLeastOneElementOfType(
        LearnedControllerProvider.class);
    return (LearnedControllerProvider) all.stream()
        .filter(p -> p instanceof LearnedControllerProvider).findFirst().orElseThrow();
  }

  @Test
  void opensACheckpointAsAControllerThatActsLikeTheLearnedPolicy() {
    LearnedControllerProvider p = provider();
    assertThat(p.envId(dqn)).isEqualTo("cartpole");
    try (Env<float[], Integer> env = Envs.asDiscrete(EnvRegistry.discovered().make("cartpole"));
        LearnedPolicy<?> reference = LearnedPolicy.load(dqn)) {
      Controller<Integer> c = p.open(dqn, env);
      assertThat(c.name()).isEqualTo("agent");
      assertThat(((LearnedController<Integer>) c).batched())
          .as("a DQN checkpoint decides for all NPCs in one batched pass").isTrue();
      assertThat(c.insight()).as("nothing decided yet").isNull();
      float[] obs = env.reset(5);
      float[][] batch = new float[4][];
      for (int t = 0; t < 40; t++) {
        int a = c.decide(obs);
        assertThat(a).isEqualTo(reference.act(obs));
        Insight in = c.insight();
        assertThat(in.kind()).isEqualTo(Insight.Kind.ACTION_VALUES);
        assertThat(in.values()).hasSize(2)
            .containsExactly(((LearnedPolicy<Integer>) reference).actionValues(obs, new float[2]));
        assertThat(in.chosen()).isEqualTo(a);
        batch[t % 4] = obs.clone();
        var s = env.step(a);
        if (s.done()) {
          obs = env.reset(100 + t);
        } else {
          obs = s.observation();
        }
      }
      Integer[] out = new Integer[4];
      c.decideAll(batch, out);
      for (int i = 0; i < 4; i++) {
        assertThat(out[i]).isEqualTo(reference.act(batch[i]));
      }
      // Many random observations: the batched pass gives the single path's actions exactly.
      java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
      float[][] many = new float[33][4];
      for (float[] row : many) {
        for (int i = 0; i < 4; i++) {
          row[i] = (float) (rng.nextDouble() * 6 - 3);
        }
      }
      Integer[] outMany = new Integer[33];
      c.decideAll(many, outMany);
      for (int i = 0; i < 33; i++) {
        assertThat(outMany[i]).as("npc %d", i).isEqualTo(reference.act(many[i]));
      }
      assertThat(c.insight().values()).containsExactly(
          ((LearnedPolicy<Integer>) reference).actionValues(many[0], new float[2]));
      assertThat(c.insight().chosen()).isEqualTo(outMany[0]);
      ((AutoCloseable) c).close();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aResetControllerRepeatsItsStochasticActions() {
    try (Env<float[], Integer> env = Envs.asDiscrete(EnvRegistry.discovered().make("cartpole"))) {
      Controller<Integer> c = provider().open(dqn, env,
          dev.gdxrl.control.ActingMode.parse("epsilon=0.5", 9));
      float[][] obs = new float[60][];
      java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
      for (int t = 0; t < obs.length; t++) {
        obs[t] = new float[] {(float) rng.nextDouble(), 0, (float) rng.nextDouble() - 0.5f, 0};
      }
      List<Integer> first = new java.util.ArrayList<>();
      List<Integer> again = new java.util.ArrayList<>();
      List<Integer> continued = new java.util.ArrayList<>();
      for (float[] o : obs) {
        first.add(c.decide(o));
      }
      for (float[] o : obs) {
        continued.add(c.decide(o));
      }
      c.reset();
      for (float[] o : obs) {
        again.add(c.decide(o));
      }
      assertThat(again).as("after reset, the same draws").isEqualTo(first);
      assertThat(continued).as("without reset, the generator moves on").isNotEqualTo(first);
    }
  }

  @Test
  void appliesTheCheckpointsObservationNormalisation() throws Exception {
    Path norm = dir.resolve("normalised");
    Files.createDirectories(norm);
    try (var files = Files.list(dqn)) {
      for (Path f : files.toList()) {
        Files.copy(f, norm.resolve(f.getFileName()));
      }
    }
    Path json = norm.resolve("agent.json");
    Files.writeString(json, dev.gdxrl.agent.io.TestCheckpoints.unsealed(Files.readString(json)).replace("\"normalization\" : null",
        "\"normalization\" : {\"mean\": [0.5, 0.1, -0.05, 0.2], \"var\": [4.0, 0.25, 0.01, 1.0],"
            + " \"count\": 1000.0, \"clip\": 1.5}"));
    assertThat(Files.readString(json)).contains("\"clip\": 1.5");
    try (Env<float[], Integer> env = Envs.asDiscrete(EnvRegistry.discovered().make("cartpole"));
        LearnedPolicy<?> reference = LearnedPolicy.load(dqn)) {
      Controller<Integer> c = provider().open(norm, env);
      float[] obs = env.reset(1);
      boolean differs = false;
      for (int t = 0; t < 30; t++) {
        float[] x = new float[4];
        double[] mean = {0.5, 0.1, -0.05, 0.2};
        double[] var = {4.0, 0.25, 0.01, 1.0};
        for (int i = 0; i < 4; i++) {
          x[i] = (float) Math.max(-1.5, Math.min(1.5, (obs[i] - mean[i]) / Math.sqrt(var[i] + 1e-8)));
        }
        int a = c.decide(obs);
        assertThat(a).isEqualTo(reference.act(x));
        differs |= !reference.act(x).equals(reference.act(obs));
        var s = env.step(a);
        obs = s.done() ? env.reset(50 + t) : s.observation();
      }
      assertThat(c.insight().values())
          .as("insight is of the normalised observation too").hasSize(2);
      ((AutoCloseable) c).close();
    }
  }

  @Test
  void refusesOtherEnvsAndNonCheckpoints() throws Exception {
    LearnedControllerProvider p = provider();
    try (Env<float[], Integer> lander = Envs.asDiscrete(EnvRegistry.discovered().make("lunarlander"))) {
      assertThatThrownBy(() -> p.open(dqn, lander))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cartpole'");
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> p.envId(empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agent.json");
  }
}
