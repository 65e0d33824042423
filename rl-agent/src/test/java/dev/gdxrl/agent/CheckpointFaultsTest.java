package dev.gdxrl.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.io.CheckpointLock;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.HaltingRun;
import dev.gdxrl.agent.train.NonFiniteException;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.agent.testenv.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults around writing checkpoints: a run killed at each step of the swap, a diverging run, two
 * writers of one checkpoint, and periodic checkpoints by default.
 */
class CheckpointFaultsTest {
  static final Map<String, String> SMALL_DQN = TrainingTest.SMALL_DQN;

  @TempDir
  Path tmp;

  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final Training training =
      new Training(TestRegistry.create(), Algorithms.builtin(), new PrintStream(logBytes, true));

  /** Hidden siblings of {@code out} (temporary copies), the lock file aside. */
  static List<String> hidden(Path out) throws IOException {
    try (var files = Files.list(out.getParent())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("." + out.getFileName() + ".") && !n.endsWith(".lock"))
          .sorted().collect(Collectors.toList());
    }
  }

  /**
   * A child JVM killed (halted: no finally, no shutdown hook) at each step of its second
   * checkpoint write leaves a loadable checkpoint (the previous one, or the new one once the old
   * one was renamed aside), and the next run resumes it and removes the leftovers.
   */
  @ParameterizedTest
  @CsvSource({"files-written, 100, false", "tmp-complete, 100, false", "old-moved, 200, true",
      "new-in-place, 200, false"})
  void aRunKilledAtEachStepOfTheSwapLeavesALoadableCheckpoint(String step, long expectedSteps,
      boolean missing) throws Exception {
    Path out = tmp.resolve("killed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dgdxrl.test.checkpoint.halt=" + step + "@2", HaltingRun.class.getName(),
        out.toString()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("child.log"))).isEqualTo(137);
    assertThat(Files.exists(out)).isEqualTo(!missing);
    assertThat(hidden(out)).isNotEmpty();

    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    try {
      assertThat(Checkpoints.readMeta(out).envSteps()).isEqualTo(expectedSteps);
    } finally {
      System.setErr(err);
    }
    if (missing) {
      assertThat(said.toString()).startsWith("checkpoint " + out + " was missing (a checkpoint"
          + " write was interrupted); recovered it from its complete copy .killed.tmp-")
          .endsWith("(step 200)" + System.lineSeparator());
    }
    assertThat(training.evaluate(out, 1, 1).episodes()).isEqualTo(1);

    TrainResult r = training.train(new TrainRequest("cartpole", "qtable", 400L, 1, "cpu", null,
        Map.of(), out, out, false));
    assertThat(r.steps()).isEqualTo(400);
    assertThat(logBytes.toString()).contains("resuming " + out + " at step " + expectedSteps)
        .contains("temporary checkpoint cop").contains("left by an interrupted run");
    assertThat(hidden(out)).isEmpty();
    assertThat(Checkpoints.readMeta(out).envSteps()).isEqualTo(400);
  }

  @Test
  void aMissingCheckpointIsRecoveredWhenTheNextRunStarts() throws Exception {
    Path out = tmp.resolve("r");
    training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out, SMALL_DQN));
    // as a write killed between its renames leaves it: the complete copy hidden, no R
    Files.move(out, tmp.resolve(".r.tmp-123"));
    Files.createDirectories(tmp.resolve(".r.tmp-456")); // a write killed before its agent.json
    assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out,
        SMALL_DQN))).hasMessageContaining("already holds a checkpoint");
    assertThat(logBytes.toString()).contains("checkpoint " + out + " was missing (a checkpoint"
        + " write was interrupted); recovered it from its complete copy .r.tmp-123 (step 200)");
    assertThat(hidden(out)).isEmpty();
    assertThat(Checkpoints.readMeta(out).envSteps()).isEqualTo(200);
  }

  @Test
  void deadRunsKeepBestSnapshotsAreRemovedAtTheNextStart() throws Exception {
    Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
    // a pid that names no process (beyond Linux's pid_max), and a live one (this JVM)
    Path dead = Files.createDirectories(tmpDir.resolve("gdx-rl-best-999999999-1"));
    Files.writeString(dead.resolve("p.txt"), "1");
    Path live = Files.createDirectories(tmpDir.resolve("gdx-rl-best-"
        + ProcessHandle.current().pid() + "-2"));
    try {
      training.train(TrainingTest.request("cartpole", "dqn", 200, 1, tmp.resolve("b"),
          SMALL_DQN));
      assertThat(dead).doesNotExist();
      assertThat(live).exists();
      assertThat(logBytes.toString()).contains("keep_best snapshot").contains("of dead runs");
    } finally {
      Files.deleteIfExists(live);
    }
  }

  @Test
  void aSecondWriterOfTheSameCheckpointIsRefused() throws Exception {
    Path out = tmp.resolve("two");
    try (CheckpointLock held = CheckpointLock.acquire(out, "--out")) {
      assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out,
          SMALL_DQN))).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--out " + out + " is being written by another running 'gdx-rl train'"
              + " (pid " + ProcessHandle.current().pid() + "); wait for it to finish, or pass"
              + " another --out");
    }
    training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out, SMALL_DQN));
    try (CheckpointLock held = CheckpointLock.acquire(out, "--out")) {
      assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 300L, 1, "cpu",
          null, Map.of(), out, out, false))).hasMessageContaining("is being written by another");
    }
    // released when the run ends, also when it fails
    assertThat(training.train(new TrainRequest("cartpole", "dqn", 300L, 1, "cpu", null, Map.of(),
        out, out, false)).steps()).isEqualTo(300);
  }

  @Test
  void aSecondWriterInAnotherProcessIsRefusedAndADeadOneHoldsNothing() throws Exception {
    Path out = tmp.resolve("other-process");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HoldLock.class.getName(), out.toString()).redirectErrorStream(true).start();
    try {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
      assertThat(in.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out,
          SMALL_DQN))).hasMessage("--out " + out + " is being written by another running"
          + " 'gdx-rl train' (pid " + holder.pid() + "); wait for it to finish, or pass another"
          + " --out");
    } finally {
      holder.destroyForcibly().waitFor(60, TimeUnit.SECONDS); // SIGKILL
    }
    assertThat(training.train(TrainingTest.request("cartpole", "dqn", 200, 1, out, SMALL_DQN))
        .steps()).isEqualTo(200);
  }

  /** Child JVM: holds the lock of {@code args[0]} until killed. */
  public static final class HoldLock {
    public static void main(String[] args) throws Exception {
      try (CheckpointLock l = CheckpointLock.acquire(Path.of(args[0]), "--out")) {
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
      }
    }
  }

  @Test
  void aDivergingRunStopsKeepsTheLastFiniteCheckpointAndSavesNoNaN() throws IOException {
    Path out = tmp.resolve("nan");
    Map<String, String> diverging = new java.util.HashMap<>(SMALL_DQN);
    diverging.putAll(Map.of("learning_rate", "1e30", "checkpoint_freq", "100",
        "learning_starts", "150"));
    assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "dqn", 400, 1, out,
        diverging))).isInstanceOf(NonFiniteException.class)
        .hasMessageMatching("training became non-finite at env step \\d+ \\(the loss of the"
            + " update is (NaN|Infinity)\\): stopped; no checkpoint holds parameters from it; "
            + java.util.regex.Pattern.quote(out.toString()) + " keeps the checkpoint of step 100;"
            + " train again with a lower learning_rate \\(or max_grad_norm\\)")
        .hasMessageNotContaining("\n");
    assertThat(Checkpoints.readMeta(out).envSteps()).isEqualTo(100);
    assertThat(training.evaluate(out, 1, 1).episodes()).isEqualTo(1);
    assertThat(hidden(out)).isEmpty();

    // resumed with a diverging learning rate: the checkpoint stays as it was
    byte[] before = Files.readAllBytes(out.resolve("q_network.params"));
    assertThatThrownBy(() -> training.train(new TrainRequest("cartpole", "dqn", 400L, 1, "cpu",
        null, Map.of("learning_rate", "1e30", "learning_starts", "150"), out, out, false)))
        .isInstanceOf(NonFiniteException.class)
        .hasMessageContaining(out + " is as it was before this run")
        .satisfies(e -> assertThat(((NonFiniteException) e).envStep()).isGreaterThan(150));
    assertThat(Files.readAllBytes(out.resolve("q_network.params"))).isEqualTo(before);
    assertThat(training.evaluate(out, 1, 1).episodes()).isEqualTo(1);

    // no periodic checkpoint: nothing is written at all
    Path none = tmp.resolve("none");
    Map<String, String> noPeriodic = new java.util.HashMap<>(diverging);
    noPeriodic.put("checkpoint_freq", "0");
    assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "dqn", 400, 1, none,
        noPeriodic))).hasMessageContaining("no checkpoint was written");
    assertThat(none).doesNotExist();
  }

  @Test
  void aDivergingPpoRunStopsToo() {
    Path out = tmp.resolve("ppo-nan");
    assertThatThrownBy(() -> training.train(TrainingTest.request("cartpole", "ppo", 2048, 1, out,
        Map.of("learning_rate", "1e30", "final_eval_episodes", "1", "keep_best", "true",
            "eval_freq", "256"))))
        .isInstanceOf(NonFiniteException.class)
        .hasMessageStartingWith("training became non-finite at env step ")
        .hasMessageContaining("no checkpoint was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void periodicCheckpointsAreOnByDefaultForRunsOfTenThousandStepsOrMore() {
    assertThat(TrainConfig.of(200_000).checkpointFreq()).isEqualTo(20_000);
    assertThat(TrainConfig.of(10_000).checkpointFreq()).isEqualTo(1_000);
    assertThat(TrainConfig.of(9_999).checkpointFreq()).isZero();
  }
}
