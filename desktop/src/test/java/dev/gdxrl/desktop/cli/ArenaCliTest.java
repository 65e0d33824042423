package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arena through the command line: catch metrics in eval's RESULT, several chasers sharing one
 * policy in eval and in training, and the one-line refusals of --npcs where it cannot apply.
 */
class ArenaCliTest {
  @TempDir Path dir;

  @Test
  void evalReportsCatchRateAndTimeToCatch() {
    CliRunner.Run pursuit = CliRunner.run(
        "eval", "--env", "arena", "--policy", "heuristic", "--episodes", "20");
    assertThat(pursuit.status()).as(pursuit.err()).isZero();
    Map<String, String> r = pursuit.result();
    double rate = Double.parseDouble(r.get("catch_rate"));
    // Straight pursuit catches the faster runner sometimes, not always.
    assertThat(rate).isBetween(0.2, 0.95);
    assertThat(Double.parseDouble(r.get("mean_catch_s"))).isBetween(0.5, 30.0);
    CliRunner.Run random = CliRunner.run(
        "eval", "--env", "arena", "--policy", "random", "--episodes", "5");
    assertThat(random.result()).containsEntry("catch_rate", "0.000")
        .doesNotContainKey("mean_catch_s");
  }

  @Test
  void fourPursuersInOneArenaCatchFasterThanOne() {
    Map<String, String> one = CliRunner.run(
        "eval", "--env", "arena", "--policy", "heuristic", "--episodes", "20").result();
    CliRunner.Run four = CliRunner.run(
        "eval", "--env", "arena", "--policy", "heuristic", "--episodes", "20", "--npcs", "4");
    assertThat(four.status()).as(four.err()).isZero();
    Map<String, String> r = four.result();
    assertThat(r).containsEntry("npcs", "4");
    assertThat(Double.parseDouble(r.get("catch_rate")))
        .isGreaterThanOrEqualTo(Double.parseDouble(one.get("catch_rate")));
    assertThat(Double.parseDouble(r.get("mean_catch_s")))
        .isLessThan(Double.parseDouble(one.get("mean_catch_s")));
  }

  @Test
  void ppoTrainsTwoChasersPerArenaAndTheCheckpointEvaluatesWithThem() throws Exception {
    Path out = dir.resolve("arena2");
    CliRunner.Run train = CliRunner.run("train", "--env", "arena", "--algo", "ppo", "--npcs", "2",
        "--steps", "2048", "--no-progress", "--out", out.toString(),
        "--set", "n_envs=4", "--set", "n_steps=256", "--set", "batch_size=256",
        "--set", "eval_freq=0", "--set", "final_eval_episodes=1");
    assertThat(train.status()).as(train.err()).isZero();
    assertThat(train.result()).containsEntry("steps", "2048");
    // The training key is part of the checkpoint's training config.
    assertThat(Files.readString(out.resolve("agent.json"))).containsPattern("\"npcs\" ?: ?2");
    CliRunner.Run eval = CliRunner.run("eval", "--checkpoint", out.toString(), "--episodes", "2",
        "--npcs", "3");
    assertThat(eval.status()).as(eval.err()).isZero();
    assertThat(eval.result()).containsEntry("npcs", "3").containsKey("catch_rate");
  }

  @Test
  void npcsWhereItCannotApplyIsOneLine() throws Exception {
    assertRefused(CliRunner.run("train", "--env", "arena", "--algo", "dqn", "--npcs", "2",
        "--steps", "2000", "--out", dir.resolve("a").toString()), "must divide n_envs=1");
    assertRefused(CliRunner.run("train", "--env", "arena", "--algo", "ppo", "--npcs", "3",
        "--steps", "10000", "--out", dir.resolve("b").toString()), "must divide n_envs=16");
    assertRefused(CliRunner.run("train", "--env", "cartpole", "--algo", "ppo", "--npcs", "2",
        "--steps", "10000", "--out", dir.resolve("c").toString()), "not built as a scene");
    assertRefused(CliRunner.run("eval", "--env", "cartpole", "--policy", "random", "--npcs", "2"),
        "not built as a scene");
    assertRefused(CliRunner.run("eval", "--env", "arena", "--policy", "random", "--npcs", "9"),
        "at most 8 chasers");
    try (var left = java.nio.file.Files.list(dir)) {
      assertThat(left.toList()).as("refused runs leave nothing").isEmpty();
    }
  }

  private static void assertRefused(CliRunner.Run run, String says) {
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(1);
    assertThat(run.err()).contains(says).doesNotContain("\tat ");
  }
}
