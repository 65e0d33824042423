package dev.gdxrl.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.testenv.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end on tiny budgets: smoke runs, seeding, resume and bad input. */
class TrainingTest {
  /** A small, fast DQN for cartpole smoke runs. */
  static final Map<String, String> SMALL_DQN = Map.of("learning_starts", "100", "train_freq", "4",
      "batch_size", "16", "hidden", "[32]", "eval_freq", "0", "final_eval_episodes", "2",
      "gradient_steps", "1");

  @TempDir
  Path tmp;

  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final Training training =
      new Training(TestRegistry.create(), Algorithms.builtin(), new PrintStream(logBytes, true));

  static TrainRequest request(String env, String algo, long steps, long seed, Path out,
      Map<String, String> overrides) {
    return new TrainRequest(env, algo, steps, seed, "cpu", null, overrides, out, null, false);
  }

  @Test
  void dqnSmokeRunOnCartpoleWritesACompleteCheckpoint() throws IOException {
    Path out = tmp.resolve("ck");
    TrainResult r = training.train(request("cartpole", "dqn", 400, 1, out, SMALL_DQN));
    assertThat(r.steps()).isEqualTo(400);
    assertThat(r.gradientSteps()).isEqualTo((400 - 100) / 4);
    assertThat(r.episodes()).isEqualTo(2);
    assertThat(r.evalMean()).isGreaterThan(0);
    assertThat(r.resultLine()).startsWith("RESULT env=cartpole algo=dqn steps=400 eval_mean=");
    assertThat(out.resolve("agent.json")).isRegularFile();
    assertThat(out.resolve("q_network.params")).isRegularFile();
    assertThat(out.resolve("metrics.csv")).isRegularFile();
    assertThat(Files.size(out.resolve("curve.png"))).isGreaterThan(1000);
    String log = logBytes.toString();
    assertThat(log).contains("learning_rate: ").contains("train_freq: 4").contains("steps: 400");
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactlyInAnyOrder("ck", ".ck.lock"); // no temporary directory left behind
    }
  }

  @Test
  void nStepTrainsOnceItsFirstTransitionIsStored() {
    Map<String, String> cfg = new java.util.HashMap<>(SMALL_DQN);
    cfg.putAll(Map.of("n_step", "5", "learning_starts", "0", "train_freq", "1"));
    TrainResult r = training.train(request("cartpole", "dqn", 200, 1, tmp.resolve("n5"), cfg));
    // the first 5-step transition is stored at step 5 (no CartPole episode ends before that)
    assertThat(r.gradientSteps()).isEqualTo(200 - 4);
  }

  @Test
  void sameSeedOnCpuGivesTheSameLearningCurveAndWeights() throws IOException {
    Map<String, String> cfg = new java.util.HashMap<>(SMALL_DQN);
    cfg.put("eval_freq", "200");
    cfg.put("eval_episodes", "2");
    training.train(request("cartpole", "double-dqn", 600, 7, tmp.resolve("a"), cfg));
    training.train(request("cartpole", "double-dqn", 600, 7, tmp.resolve("b"), cfg));
    training.train(request("cartpole", "double-dqn", 600, 8, tmp.resolve("c"), cfg));
    assertThat(curve(tmp.resolve("a"))).isEqualTo(curve(tmp.resolve("b")));
    assertThat(Files.readAllBytes(tmp.resolve("a/q_network.params")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("b/q_network.params")));
    assertThat(curve(tmp.resolve("a"))).isNotEqualTo(curve(tmp.resolve("c")));
  }

  /**
   * keep_best end to end: the run goes on 50 steps past its last evaluation, so the best
   * evaluated parameters are always loaded back; the checkpoint must hold them (loading it and
   * evaluating gives the RESULT line's mean, episode for episode the same seeds) and differ from
   * what the same run without keep_best ends with. PPO with observation normalisation checks that
   * the statistics come back with the parameters.
   */
  @Test
  void keepBestWritesTheBestEvaluatedParametersIntoTheCheckpoint() throws IOException {
    Map<String, String> dqn = new java.util.HashMap<>(SMALL_DQN);
    dqn.putAll(Map.of("eval_freq", "200", "eval_episodes", "2", "final_eval_episodes", "3"));
    Map<String, String> ppo = Map.of("n_envs", "2", "n_steps", "50", "batch_size", "50",
        "n_epochs", "2", "normalize_observations", "true", "eval_freq", "200",
        "eval_episodes", "2", "final_eval_episodes", "3");
    for (var c : List.of(Map.entry("dqn", dqn), Map.entry("ppo", ppo))) {
      Map<String, String> on = new java.util.HashMap<>(c.getValue());
      on.put("keep_best", "true");
      Map<String, String> off = new java.util.HashMap<>(c.getValue());
      off.put("keep_best", "false");
      Path best = tmp.resolve(c.getKey() + "-best");
      Path last = tmp.resolve(c.getKey() + "-last");
      TrainResult r = training.train(request("cartpole", c.getKey(), 700, 3, best, on));
      training.train(request("cartpole", c.getKey(), 700, 3, last, off));
      assertThat(logBytes.toString()).contains("keep_best: the checkpoint holds the parameters"
          + " evaluated at step");
      assertThat(training.evaluate(best, 3, 3).mean()).isEqualTo(r.evalMean());
      String params = c.getKey().equals("dqn") ? "q_network.params"
          : dev.gdxrl.agent.algo.pg.OnPolicyLearner.PARAMS_FILE;
      assertThat(Files.readAllBytes(best.resolve(params)))
          .isNotEqualTo(Files.readAllBytes(last.resolve(params)));
      if (c.getKey().equals("ppo")) {
        assertThat(normalization(best)).isNotEqualTo(normalization(last));
      }
      assertThat(curve(best)).isEqualTo(curve(last)); // same run, only the kept parameters differ
    }
  }

  private static String normalization(Path dir) throws IOException {
    String json = Files.readString(dir.resolve("agent.json"));
    return json.substring(json.indexOf("\"normalization\""));
  }

  /** metrics.csv without the wall-time column. */
  static List<String> curve(Path dir) throws IOException {
    return Files.readAllLines(dir.resolve(Checkpoints.METRICS_CSV)).stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.toList());
  }

  @Test
  void anOutputDirectoryHoldingAnythingElseIsRefusedAndLeftAlone() throws IOException {
    Path foreign = tmp.resolve("my-project");
    Files.createDirectories(foreign);
    Path precious = Files.writeString(foreign.resolve("notes.txt"), "do not delete");
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 200, 1, foreign,
        SMALL_DQN))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a checkpoint; refusing to replace it");
    assertThat(Files.readString(precious)).isEqualTo("do not delete");
    assertThat(Files.list(foreign).count()).isEqualTo(1);

    Path ckpt = tmp.resolve("ckpt");
    training.train(request("cartpole", "dqn", 200, 1, ckpt, SMALL_DQN));
    byte[] before = Files.readAllBytes(ckpt.resolve(Checkpoints.AGENT_JSON));
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 200, 2, ckpt,
        SMALL_DQN))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already holds a checkpoint");
    assertThat(Files.readAllBytes(ckpt.resolve(Checkpoints.AGENT_JSON))).isEqualTo(before);

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    training.train(request("cartpole", "dqn", 200, 1, empty, SMALL_DQN));
    assertThat(empty.resolve(Checkpoints.AGENT_JSON)).isRegularFile();
  }

  @Test
  void resumeContinuesTheCounters() {
    Path out = tmp.resolve("r");
    training.train(request("cartpole", "dqn", 300, 1, out, SMALL_DQN));
    TrainResult r = training.train(new TrainRequest("cartpole", "dqn", 500L, 1, "cpu", null,
        Map.of(), out, out, false));
    assertThat(r.steps()).isEqualTo(500);
    assertThat(r.gradientSteps()).isEqualTo((500 - 100) / 4);
    assertThat(logBytes.toString()).contains("resuming")
        .contains("(replay buffer of 300 transitions, Adam moments)");
    assertThat(Checkpoints.readMeta(out).envSteps()).isEqualTo(500);
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 400L, 1, "cpu",
        null, Map.of(), out, out, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already has 500 steps");
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "qtable", 900L, 1,
        "cpu", null, Map.of(), out, out, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was trained with algo 'dqn'");
  }

  @Test
  void resumeWithoutTheTrainingStateFilesRefillsAndADamagedBufferIsRefused() throws IOException {
    Path out = tmp.resolve("r2");
    training.train(request("cartpole", "dqn", 300, 1, out, SMALL_DQN));
    assertThat(Files.size(out.resolve("replay_buffer.bin"))).isGreaterThan(300L * 41);
    // a checkpoint of an older build: no buffer, no moments, no checksums
    Files.delete(out.resolve("replay_buffer.bin"));
    Files.delete(out.resolve("optimizer.bin"));
    dev.gdxrl.agent.io.TestCheckpoints.asWrittenBeforeChecksums(out);
    training.train(new TrainRequest("cartpole", "dqn", 400L, 1, "cpu", null, Map.of(), out, out,
        false));
    assertThat(logBytes.toString()).contains("(Adam moments restart; warning: agent.json says the"
        + " replay buffer was saved but the file is missing: it refills from here)");
    // the buffer written at 400 steps holds only the 100 steps since the resume
    Path buffer = out.resolve("replay_buffer.bin");
    byte[] whole = Files.readAllBytes(buffer);
    Files.write(buffer, java.util.Arrays.copyOf(whole, whole.length - 7));
    byte[] agentJson = Files.readAllBytes(out.resolve(Checkpoints.AGENT_JSON));
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 600L, 1, "cpu",
        null, Map.of(), out, out, false)))
        .isInstanceOf(dev.gdxrl.agent.io.CheckpointException.class)
        .hasMessageContaining("replay_buffer.bin has " + (whole.length - 7) + " bytes where"
            + " agent.json records " + whole.length + " (truncated)");
    assertThat(Files.readAllBytes(out.resolve(Checkpoints.AGENT_JSON))).isEqualTo(agentJson);
  }

  @Test
  void qtableRunsAndEvaluatesFromItsCheckpoint() {
    Path out = tmp.resolve("q");
    TrainResult r = training.train(request("cartpole", "qtable", 2000, 3, out,
        Map.of("eval_freq", "1000", "final_eval_episodes", "3")));
    assertThat(r.gradientSteps()).isEqualTo(2000);
    EvalResult e = training.evaluate(out, 3, 3);
    assertThat(training.evaluate(out, 3, 3).mean()).isEqualTo(e.mean());
    // same greedy table and evaluation seeds; the training run's eval env had been used before
    // (Box2D keeps some state across resets), so allow a little difference
    assertThat(e.mean()).isCloseTo(r.evalMean(), org.assertj.core.api.Assertions.within(
        0.05 * r.evalMean()));
    assertThat(e.resultLine()).contains("episodes=3");
  }

  @Test
  void badInputIsOneClearLine() throws IOException {
    Path out = tmp.resolve("x");
    assertThatThrownBy(() -> training.train(request("cartpole", "sarsa", 10, 1, out, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown algo 'sarsa'; known algos: qtable, dqn, double-dqn, reinforce, a2c,"
            + " ppo");
    assertThatThrownBy(() -> training.train(request("nope", "dqn", 10, 1, out, Map.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown env 'nope'");
    for (String algo : List.of("dqn", "double-dqn", "qtable")) {
      assertThatThrownBy(() -> training.train(request("box-action", algo, 10, 1, out, Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("algo '" + algo + "' needs a Discrete action space, but env 'box-action' "
              + "has Box(low=[-1.0], high=[1.0])");
    }
    for (String algo : List.of("dqn", "qtable")) {
      assertThatThrownBy(() -> training.train(request("lunarlander-continuous", algo, 10, 1, out,
          Map.of()))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("algo '" + algo + "' needs a Discrete action space, but env "
              + "'lunarlander-continuous' has Box(");
    }
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 10, 1, out,
        Map.of("learning_rate", "-0.1")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dqn config: learning_rate must be a positive number, got -0.1");
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 10, 1, out,
        Map.of("batch_size", "lots")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch_size must be a decimal number (like 42, 0.5 or 3e-4), got 'lots'");
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 10, 1, out,
        Map.of("batch_size", "-4")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dqn config: batch_size must be >= 1, got -4");
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 10, 1, out,
        Map.of("eval_freq", "-1")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("training config: eval_freq must be >= 0, got -1");
    assertThatThrownBy(() -> training.train(request("cartpole", "dqn", 10, 1, out,
        Map.of("learnin_rate", "0.1")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown config key 'learnin_rate'; dqn keys: ");
    assertThatThrownBy(() -> new TrainRequest("cartpole", "dqn", -5L, 1, "cpu", null, null, out,
        null, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--steps must be in [1, 1000000000000] (10^12), got -5");
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 10L, 1, "tpu",
        null, null, out, null, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--device must be auto, cpu or gpu, got 'tpu'");
    Path yaml = tmp.resolve("bad.yaml");
    Files.writeString(yaml, "gamma: 1.5\n");
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 10L, 1, "cpu",
        yaml, null, out, null, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dqn config: gamma must be in [0, 1], got 1.5");
    Files.writeString(yaml, "gamma: [1, 2\n");
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 10L, 1, "cpu",
        yaml, null, out, null, false))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid YAML").hasMessageContaining("(line 1)");
    assertThat(out).doesNotExist(); // nothing written for rejected requests
  }

  @Test
  void yamlConfigFileSetsHyperparameters() throws IOException {
    Path yaml = tmp.resolve("dqn.yaml");
    Files.writeString(yaml, "# small run\nlearning_rate: 0.001\nhidden: [16, 16]\n"
        + "learning_starts: 50\ntrain_freq: 8\ngradient_steps: 2\neval_freq: 0\n"
        + "final_eval_episodes: 1\n");
    Path out = tmp.resolve("y");
    TrainResult r = training.train(new TrainRequest("cartpole", "dqn", 150L, 2, "cpu", yaml,
        Map.of(), out, null, false));
    assertThat(r.gradientSteps()).isEqualTo(2 * (100 / 8));
    Map<String, Object> cfg = Checkpoints.readMeta(out).config();
    assertThat(cfg.get("learning_rate")).isEqualTo(0.001);
    assertThat(cfg.get("hidden")).isEqualTo(List.of(16, 16));
  }
}
