package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: exit status 2, exactly one line on stderr saying what is wrong, nothing on stdout or disk. */
class BadInputTest {
  @TempDir Path dir;

  static Stream<String> badCommandLines() {
    return Stream.of(
        "",
        "nosuchcommand",
        "eval --env nope --policy random",
        "eval --env cartpole --policy genius",
        "eval --env cartpole",
        "eval --policy random",
        "eval --env cartpole --policy random --episodes -1",
        "eval --env cartpole --policy random --episodes 0",
        "eval --env cartpole --policy random --episodes ten",
        "eval --env cartpole --policy random --seed -5",
        "eval --env cartpole --policy random --seed 1.5",
        "eval --env cartpole --policy random --bogus",
        "bench --env nope",
        "bench --env cartpole --steps -10",
        "bench --env cartpole --steps 1e6",
        "bench --env cartpole --envs 0",
        "bench --env cartpole --envs 2 --threads 3",
        "check-env --env nope",
        "check-env",
        "play --env nope",
        "play --env cartpole --driver wizard",
        "play --env cartpole --seed -1",
        "play --env cartpole --frames 10",
        "play --env cartpole --screenshot SHOT --frames 0",
        "play --env cartpole --screenshot SHOT --frames x",
        "play --env cartpole --screenshot " + "/no/such/dir/shot.png",
        "play --env cartpole --screenshot NOTPNG",
        "play --env cartpole --driver agent",
        "play --env cartpole --speed 3",
        "play --env cartpole --npcs 0",
        "play --env cartpole --episodes -2",
        "watch",
        "watch --checkpoint /no/such/dir --env cartpole",
        "watch --checkpoint /no/such/dir",
        "watch --env nope",
        "replay /no/such/file.jsonl",
        "eval --env cartpole --policy random --record /no/such/dir/f.jsonl",
        "eval --checkpoint /no/such/dir",
        "eval --checkpoint /no/such/dir --env cartpole");
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void badInputIsOneLineAndStatusTwo(String line) throws IOException {
    String[] args = line.isEmpty() ? new String[0] : line
        .replace("SHOT", dir.resolve("shot.png").toString())
        .replace("NOTPNG", dir.resolve("shot.jpg").toString())
        .split(" ");
    CliRunner.Run run = CliRunner.run(args);
    assertThat(run.status()).as("exit status of '%s'", line).isEqualTo(2);
    assertThat(run.errLines()).as("stderr of '%s'", line).hasSize(1);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    assertThat(run.out()).as("stdout of '%s'", line).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("files written by '%s'", line).isEmpty();
    }
  }

  @Test
  void unknownEnvMessageListsKnownEnvs() {
    CliRunner.Run run = CliRunner.run("eval", "--env", "nope", "--policy", "random");
    assertThat(run.err()).contains("unknown env 'nope'", "cartpole");
  }

  @Test
  void playWithoutDisplayIsOneLineSuggestingEvalOrXvfb() throws IOException {
    Path shot = dir.resolve("shot.png");
    CliRunner.Run run = CliRunner.run(Map.of("HOME", "/tmp"),
        "play", "--env", "cartpole", "--screenshot", shot.toString(), "--frames", "5");
    if (!Displays.available(Map.of(), System.getProperty("os.name"))) {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains("no display", "eval", "xvfb-run");
      assertThat(shot).doesNotExist();
    }
  }

  @Test
  void watchWithoutDisplayIsOneLineSuggestingEval(@TempDir Path other) throws IOException {
    Path fake = dev.gdxrl.desktop.game.FakeControllerProvider.write(other.resolve("fake"),
        "lunarlander");
    CliRunner.Run run = CliRunner.run(Map.of("HOME", "/tmp"), "watch", "--checkpoint",
        fake.toString(), "--record", dir.resolve("r.jsonl").toString());
    if (!Displays.available(Map.of(), System.getProperty("os.name"))) {
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains("no display", "eval --checkpoint");
      assertThat(dir.resolve("r.jsonl")).doesNotExist();
    }
  }

  @Test
  void aCheckpointNoProviderReadsIsOneLineWithEachReason(@TempDir Path other) {
    CliRunner.Run run = CliRunner.run("watch", "--checkpoint", other.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("cannot open", "agent.json", "fake-controller.txt");
  }

  @Test
  void displayDetection() {
    assertThat(Displays.available(Map.of(), "Linux")).isFalse();
    assertThat(Displays.available(Map.of("DISPLAY", ""), "Linux")).isFalse();
    assertThat(Displays.available(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
    assertThat(Displays.available(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isTrue();
    assertThat(Displays.available(Map.of(), "Mac OS X")).isTrue();
    assertThat(Displays.available(Map.of(), "Windows 11")).isTrue();
  }
}
