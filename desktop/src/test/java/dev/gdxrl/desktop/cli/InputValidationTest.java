package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values checked where they enter {@code train}: numbers never saturated or coerced, memory and
 * run length checked before any work, output paths checked before training. Each refusal is one
 * line on stderr, status 2, no stack trace, nothing on disk.
 */
class InputValidationTest {
  @TempDir Path dir;

  static Stream<String> badTrainLines() {
    return Stream.of(
        // numbers out of range, never saturated
        "--algo ppo --set steps=1e30 :: steps",
        "--algo ppo --set steps=9223372036854775808 :: steps",
        "--algo ppo --set steps=1e1000000000 :: steps",
        "--algo ppo --steps 2000000000000 :: --steps",
        "--algo ppo --steps 9223372036854775808 :: --steps",
        // memory estimated up front
        "--algo dqn --steps 2000 --set buffer_size=2000000000 :: buffer_size=2000000000",
        "--algo dqn --steps 2000 --set buffer_size=3e8 :: GDX_RL_JAVA_OPTS=-Xmx",
        "--algo ppo --steps 2048 --set n_envs=100000 :: n_envs=100000",
        // a run too short for one update
        "--algo ppo --steps 2048 --set n_envs=64 --set n_steps=64 :: at least 4096",
        "--algo dqn --steps 50 :: at least",
        // strict reading: no hex floats, NaN, coercion of type or sign
        "--algo ppo --set gamma=0x1p-1 :: gamma",
        "--algo ppo --set gamma=NaN :: gamma",
        "--algo ppo --set gamma=1e-3d :: gamma",
        "--algo dqn --set batch_size=1.5 :: batch_size",
        "--algo dqn --set batch_size=-3 :: batch_size",
        "--algo dqn --set dueling=1 :: dueling",
        "--algo dqn --set hidden=[64,64 :: hidden",
        "--algo qtable --set low=[NaN,-3,-0.21,-2] :: low",
        // output paths checked before training
        "--algo qtable --steps 2000 --out /proc/gdx-rl-x :: /proc",
        "--algo qtable --steps 2000 --out /sys/gdx-rl-x :: /sys",
        "--algo qtable --steps 2000 --out FILE/sub :: is a file",
        "--algo qtable --steps 2000 --out . :: working directory",
        "--algo qtable --steps 2000 --out EMPTY :: --out is empty",
        // a Q-table too big says what to do
        "--algo qtable --env lunarlander --set bins=[10,10,10,10,10,10,10,10] :: bins=[");
  }

  @ParameterizedTest
  @MethodSource("badTrainLines")
  void badTrainInputIsOneLineAndStatusTwo(String spec) throws IOException {
    String[] parts = spec.split(" :: ");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    List<String> args = new ArrayList<>(List.of("train", "--no-progress"));
    if (!parts[0].contains("--env")) {
      args.addAll(List.of("--env", "cartpole"));
    }
    for (String a : parts[0].split(" ")) {
      args.add(a.equals("EMPTY") ? "" : a.replace("FILE", file.toString()));
    }
    if (!parts[0].contains("--out")) {
      args.addAll(List.of("--out", dir.resolve("out").toString()));
    }
    CliRunner.Run run = CliRunner.run(args.toArray(String[]::new));
    assertThat(run.status()).as("status of '%s': %s", spec, run.err()).isEqualTo(2);
    assertThat(run.errLines()).as("stderr of '%s'", spec).hasSize(1);
    assertThat(run.err()).contains(parts[1]).doesNotContain("Exception", "\tat ");
    assertThat(run.out()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("files after '%s'", spec).containsExactly(file);
    }
  }

  @Test
  void bufferSizeRefusalSaysNeedHaveAndFix() {
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn",
        "--steps", "2000", "--set", "buffer_size=300000000", "--out",
        dir.resolve("o").toString());
    assertThat(run.err()).matches("(?s).*buffer_size=300000000 needs [0-9.]+ GiB, the JVM has"
        + " [0-9.]+ GiB \\(-Xmx\\); lower buffer_size or raise GDX_RL_JAVA_OPTS=-Xmx\\d+g.*");
  }

  @Test
  void duplicateYamlKeysAndNonFiniteBoundsInConfigFilesAreOneLine() throws IOException {
    Path dup = Files.writeString(dir.resolve("dup.yaml"), "gamma: 0.9\nlearning_rate: 0.1\n"
        + "gamma: 0.5\n");
    Path nan = Files.writeString(dir.resolve("nan.yaml"), "low: [.nan, -3, -0.21, -2]\n");
    Path props = Files.writeString(dir.resolve("dup.properties"), "gamma=0.9\ngamma=0.5\n");
    for (Path f : List.of(dup, nan, props)) {
      CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
          "--config", f.toString(), "--out", dir.resolve("o").toString());
      assertThat(run.status()).as(run.err()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains(f == nan ? "'.nan'" : "'gamma' is set twice");
      assertThat(dir.resolve("o")).doesNotExist();
    }
  }

  @Test
  void lunarlanderQtableTrainsWithItsOwnDefaults() {
    CliRunner.Run run = CliRunner.run("train", "--env", "lunarlander", "--algo", "qtable",
        "--steps", "2000", "--no-progress", "--set", "eval_freq=0", "--set",
        "final_eval_episodes=1", "--out", dir.resolve("q").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.result()).containsEntry("algo", "qtable");
  }

  @Test
  void deviceGpuWithoutOneAdvisesTheLauncherFlag() {
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "qtable",
        "--steps", "2000", "--device", "gpu", "--no-progress", "--out",
        dir.resolve("g").toString());
    if (run.status() == 2) { // no GPU here (a GPU machine simply trains)
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains("GDX_RL_CUDA=1").doesNotContain("-Pcuda");
    }
  }
}
