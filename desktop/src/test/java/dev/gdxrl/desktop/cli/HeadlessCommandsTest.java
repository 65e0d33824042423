package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** eval and bench end with a parseable RESULT line whose numbers make sense for CartPole. */
class HeadlessCommandsTest {

  @Test
  void evalHeuristicBalancesThePoleForTheWholeTimeLimit() {
    CliRunner.Run run = CliRunner.run(
        "eval", "--env", "cartpole", "--policy", "heuristic", "--episodes", "5", "--seed", "7");
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, String> r = run.result();
    assertThat(r).containsKeys("env", "policy", "episodes", "seed", "eval_mean", "eval_std",
        "mean_length", "wall_s");
    assertThat(r).containsEntry("env", "cartpole").containsEntry("policy", "heuristic")
        .containsEntry("episodes", "5").containsEntry("seed", "7");
    assertThat(Double.parseDouble(r.get("eval_mean"))).isEqualTo(500.0);
    assertThat(Double.parseDouble(r.get("eval_std"))).isEqualTo(0.0);
    assertThat(Double.parseDouble(r.get("mean_length"))).isEqualTo(500.0);
    assertThat(Double.parseDouble(r.get("wall_s"))).isGreaterThanOrEqualTo(0.0);
    // RESULT is the last line of stdout; progress went to stderr.
    assertThat(run.out().strip().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("5/5 episodes");
  }

  @Test
  void evalRandomIsShortAndDeterministic() {
    String[] args = {"eval", "--env", "cartpole", "--policy", "random", "--episodes", "30",
        "--seed", "3"};
    Map<String, String> a = CliRunner.run(args).result();
    Map<String, String> b = CliRunner.run(args).result();
    double mean = Double.parseDouble(a.get("eval_mean"));
    // A uniformly random CartPole policy survives about 22 steps on average.
    assertThat(mean).isBetween(12.0, 40.0);
    assertThat(Double.parseDouble(a.get("eval_std"))).isGreaterThan(1.0);
    // CartPole pays +1 per step, so the mean return is the mean length.
    assertThat(Double.parseDouble(a.get("mean_length"))).isCloseTo(mean, within(0.06));
    a.remove("wall_s");
    b.remove("wall_s");
    assertThat(a).isEqualTo(b);
  }

  @Test
  void benchCountsStepsOverAllCopies() {
    CliRunner.Run run = CliRunner.run(
        "bench", "--env", "cartpole", "--steps", "3000", "--envs", "3", "--threads", "1");
    assertThat(run.status()).as(run.err()).isZero();
    Map<String, String> r = run.result();
    assertThat(r).containsEntry("env", "cartpole").containsEntry("steps", "3000")
        .containsEntry("envs", "3").containsEntry("threads", "1");
    assertThat(Long.parseLong(r.get("steps_per_s"))).isPositive();
    // Random CartPole episodes last ~22 steps: 3000 steps end well over 50 of them.
    assertThat(Long.parseLong(r.get("episodes"))).isGreaterThan(50);
  }

  @Test
  void resultLineFormatsNumbersWithAPoint() {
    String line = new ResultLine().put("a", "x").put("n", 12).put("r", 2.0 / 3, 2).toString();
    assertThat(line).isEqualTo("RESULT a=x n=12 r=0.67");
    assertThat(CliRunner.parseResult(line)).containsEntry("r", "0.67");
  }
}
