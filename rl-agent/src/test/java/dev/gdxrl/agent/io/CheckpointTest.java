package dev.gdxrl.agent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.testenv.TestRegistry;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip of checkpoints and every way a checkpoint can be unusable. */
class CheckpointTest {
  static final EnvRegistry REGISTRY = TestRegistry.create();
  static final Map<String, String> SMALL = Map.of("learning_starts", "50", "train_freq", "2",
      "gradient_steps", "1", "batch_size", "16", "hidden", "[16, 16]", "eval_freq", "0",
      "final_eval_episodes", "1", "dueling", "true");

  @TempDir
  static Path tmp;
  static Path chain;

  static Training training() {
    return new Training(REGISTRY, Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream(), true));
  }

  @BeforeAll
  static void trainOnce() {
    chain = tmp.resolve("chain");
    training().train(new TrainRequest("chain5", "dqn", 300L, 4, "cpu", null, SMALL, chain, null,
        false));
  }

  @Test
  void roundTripGivesTheSameActionsAndValues() throws IOException {
    Path again = tmp.resolve("again");
    try (LearnedPolicy<?> p = LearnedPolicy.load(chain, REGISTRY, Algorithms.builtin())) {
      SplittableRandom rng = new SplittableRandom(1);
      float[][] obs = new float[50][];
      for (int i = 0; i < obs.length; i++) {
        obs[i] = new float[5];
        for (int k = 0; k < 5; k++) {
          obs[i][k] = (float) rng.nextDouble();
        }
      }
      Object[] before = new Object[obs.length];
      float[][] values = new float[obs.length][];
      for (int i = 0; i < obs.length; i++) {
        before[i] = p.act(obs[i]);
        values[i] = p.actionValues(obs[i], new float[2]);
      }
      // write it again through the checkpoint writer and load the copy
      AgentLoader.Loaded l = AgentLoader.load(chain, REGISTRY, Algorithms.builtin(),
          ai.djl.Device.cpu());
      try (var agent = l.agent()) {
        Checkpoints.write(again, agent, l.meta(), new dev.gdxrl.agent.train.Metrics());
      }
      try (LearnedPolicy<Integer> q = LearnedPolicy.loadDiscrete(again, REGISTRY)) {
        Integer[] batch = q.actBatch(obs, new Integer[obs.length]);
        for (int i = 0; i < obs.length; i++) {
          assertThat(batch[i]).isEqualTo(before[i]);
          assertThat(q.act(obs[i])).isEqualTo(before[i]);
          assertThat(q.actionValues(obs[i], new float[2])).containsExactly(values[i]);
        }
        assertThat(q.actions()).isEqualTo(2);
        assertThat(q.meta().envSteps()).isEqualTo(300);
        assertThat(q.meta().config().get("dueling")).isEqualTo(true);
      }
    }
  }

  /** A copy of the trained checkpoint with agent.json replaced by {@code json}. */
  static Path withJson(String name, String json) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    try (var files = Files.list(chain)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Files.writeString(dir.resolve("agent.json"), TestCheckpoints.unsealed(json));
    return dir;
  }

  static String json() throws IOException {
    return Files.readString(chain.resolve("agent.json"));
  }

  static void rejects(Path dir, String message) {
    assertThatThrownBy(() -> training().evaluate(dir, 1, 1))
        .isInstanceOf(CheckpointException.class).hasMessage(message);
    assertThatThrownBy(() -> LearnedPolicy.load(dir, REGISTRY, Algorithms.builtin()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void badCheckpointsAreOneClearLine() throws IOException {
    String json = json();
    Path truncated = withJson("truncated", json.substring(0, json.length() / 2));
    assertThatThrownBy(() -> training().evaluate(truncated, 1, 1))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("checkpoint " + truncated
            + ": agent.json is not valid JSON (truncated or damaged)")
        .hasMessageNotContaining("\n");
    Path garbled = withJson("garbled", "\u0000\u0001 not json at all");
    assertThatThrownBy(() -> training().evaluate(garbled, 1, 1))
        .isInstanceOf(CheckpointException.class).hasMessageContaining("is not valid JSON");
    rejects(withJson("v2", json.replace("\"format_version\" : 1", "\"format_version\" : 2")),
        "checkpoint " + tmp.resolve("v2") + " has format version 2; this gdx-rl reads version 1");
    rejects(withJson("other-env", json.replace("\"env_id\" : \"chain5\"",
        "\"env_id\" : \"chain6\"")), "checkpoint " + tmp.resolve("other-env")
        + " does not fit env 'chain6': observation size 5 in the checkpoint, 6 in the env");
    rejects(withJson("unknown-env", json.replace("\"env_id\" : \"chain5\"",
        "\"env_id\" : \"pong\"")), "checkpoint " + tmp.resolve("unknown-env")
        + " is for env 'pong', which is not registered; known envs: "
        + String.join(", ", REGISTRY.ids()));
    rejects(withJson("cartpole-obs", json.replace("\"env_id\" : \"chain5\"",
        "\"env_id\" : \"cartpole\"")), "checkpoint " + tmp.resolve("cartpole-obs")
        + " does not fit env 'cartpole': observation size 5 in the checkpoint, 4 in the env");
    rejects(withJson("no-algo", json.replace("\"algo\" : \"dqn\",", "")),
        "checkpoint " + tmp.resolve("no-algo") + ": agent.json lacks the field 'algo'");
    rejects(withJson("bad-algo", json.replace("\"algo\" : \"dqn\"", "\"algo\" : \"ppo9\"")),
        "checkpoint " + tmp.resolve("bad-algo")
            + ": unknown algo 'ppo9'; known algos: qtable, dqn, double-dqn, reinforce, a2c, ppo");
    rejects(tmp.resolve("missing"), "checkpoint " + tmp.resolve("missing")
        + " is not a directory");
    Path noParams = withJson("no-params", json);
    Files.delete(noParams.resolve("q_network.params"));
    assertThatThrownBy(() -> training().evaluate(noParams, 1, 1))
        .isInstanceOf(CheckpointException.class)
        .hasMessage("checkpoint " + noParams + ": q_network.params is missing (agent.json lists"
            + " it), so the checkpoint is incomplete; use an intact copy of the checkpoint, or"
            + " train it again");
    Path cutParams = withJson("cut-params", json);
    byte[] p = Files.readAllBytes(cutParams.resolve("q_network.params"));
    Files.write(cutParams.resolve("q_network.params"),
        java.util.Arrays.copyOf(p, p.length / 2));
    assertThatThrownBy(() -> training().evaluate(cutParams, 1, 1))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("checkpoint " + cutParams + ": q_network.params has "
            + p.length / 2 + " bytes where agent.json records " + p.length + " (truncated)");
    // a checkpoint of a build before checksums: the parameter reader still says it is cut
    TestCheckpoints.asWrittenBeforeChecksums(cutParams);
    assertThatThrownBy(() -> training().evaluate(cutParams, 1, 1))
        .isInstanceOf(CheckpointException.class)
        .hasMessageStartingWith("checkpoint " + cutParams + ": cannot read the parameters");
  }

  @Test
  void failedWriteLeavesTheExistingCheckpointIntact() throws IOException {
    Path target = withJson("keep", json());
    byte[] before = Files.readAllBytes(target.resolve("q_network.params"));
    AgentLoader.Loaded l = AgentLoader.load(chain, REGISTRY, Algorithms.builtin(),
        ai.djl.Device.cpu());
    try (var agent = l.agent()) {
      var failing = new dev.gdxrl.agent.Agent<Object>() {
        @Override public String algo() {
          return "dqn";
        }
        @Override public Object[] actBatch(float[][] o, long s) {
          return new Object[] {0};
        }
        @Override public Object actGreedy(float[] o) {
          return 0;
        }
        @Override public int observeBatch(dev.gdxrl.env.VectorEnv.Result r, long s) {
          return 0;
        }
        @Override public long gradientSteps() {
          return 0;
        }
        @Override public void restoreGradientSteps(long s) {}
        @Override public Map<String, Double> diagnostics(long s) {
          return Map.of();
        }
        @Override public void save(Path dir) throws IOException {
          agent.save(dir);
          throw new IOException("disk full (simulated)");
        }
        @Override public void load(Path dir) {}
        @Override public void close() {}
      };
      assertThatThrownBy(() -> Checkpoints.write(target, failing, l.meta(),
          new dev.gdxrl.agent.train.Metrics())).hasMessageContaining("disk full");
    }
    assertThat(Files.readAllBytes(target.resolve("q_network.params"))).isEqualTo(before);
    assertThat(Files.readString(target.resolve("agent.json")))
        .isEqualTo(TestCheckpoints.unsealed(json()));
    try (var files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith(".keep"))).isEmpty();
    }
  }
}
