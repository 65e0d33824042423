package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.io.CheckpointLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} faults on the command line: a diverging run is one line and status 1 and leaves
 * no checkpoint; a second writer of one --out is one line and status 2.
 */
class TrainFaultsCliTest {
  @TempDir Path dir;

  @Test
  void aDivergingRunIsOneLineAndStatusOne() {
    for (String algo : new String[] {"dqn", "ppo"}) {
      Path out = dir.resolve(algo);
      CliRunner.Run r = CliRunner.run("train", "--env", "cartpole", "--algo", algo, "--steps",
          "3000", "--set", "learning_rate=1e30", "--out", out.toString(), "--no-progress",
          "--device", "cpu");
      assertThat(r.status()).as(r.err()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
      String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
      assertThat(last).startsWith("train: training became non-finite at env step ")
          .contains("no checkpoint was written");
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void aSecondWriterOfOneOutIsRefused() throws Exception {
    Path out = dir.resolve("busy");
    try (CheckpointLock held = CheckpointLock.acquire(out, "--out")) {
      CliRunner.Run r = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
          "--steps", "200", "--out", out.toString(), "--no-progress");
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n").startsWith("gdx-rl train: --out " + out
          + " is being written by another running 'gdx-rl train' (pid "
          + ProcessHandle.current().pid() + ")");
    }
    CliRunner.Run ok = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
        "--steps", "200", "--out", out.toString(), "--no-progress");
    assertThat(ok.status()).as(ok.err()).isZero();
    try (CheckpointLock held = CheckpointLock.acquire(out, "--out")) {
      // the checkpoint exists now, and its run is (said to be) alive: not "resume it"
      CliRunner.Run again = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
          "--steps", "200", "--out", out.toString(), "--no-progress");
      assertThat(again.status()).isEqualTo(2);
      assertThat(again.err()).contains("is being written by another running");
      CliRunner.Run resume = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
          "--steps", "400", "--resume", out.toString(), "--out", out.toString(),
          "--no-progress");
      assertThat(resume.status()).isEqualTo(2);
      assertThat(resume.err()).contains("is being written by another running");
    }
    assertThat(Files.isRegularFile(out.resolve("agent.json"))).isTrue();
  }
}
