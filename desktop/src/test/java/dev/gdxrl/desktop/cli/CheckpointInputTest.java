package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint's {@code agent.json} is input too: each field read strictly (no "1" or 1.5 read
 * as 1, no "abc" as 0, no negative counts), and its config passes the checks a command line's
 * does (memory, n_envs) in eval and resume. Each refusal is one line and status 2, and a
 * refused resume prints no config dump before it.
 */
class CheckpointInputTest {
  @TempDir static Path runs;
  static Path dqn;
  static Path ppo;

  @BeforeAll
  static void train() {
    dqn = runs.resolve("dqn");
    ppo = runs.resolve("ppo");
    CliRunner.Run a = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn", "--steps",
        "300", "--no-progress", "--set", "learning_starts=100", "--set", "eval_freq=0",
        "--set", "final_eval_episodes=1", "--out", dqn.toString());
    assertThat(a.status()).as(a.err()).isZero();
    CliRunner.Run b = CliRunner.run("train", "--env", "cartpole", "--algo", "ppo", "--steps",
        "128", "--no-progress", "--set", "n_envs=2", "--set", "n_steps=64", "--set",
        "batch_size=64", "--set", "eval_freq=0", "--set", "final_eval_episodes=1", "--out",
        ppo.toString());
    assertThat(b.status()).as(b.err()).isZero();
  }

  /** A copy of {@code from} with {@code find} replaced by {@code put} in its agent.json. */
  static Path edited(Path from, Path to, String find, String put) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(f -> !f.equals(from)).toList()) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
    Path json = to.resolve("agent.json");
    String text = Files.readString(json);
    String changed = text.replaceFirst(find, put);
    if (!find.equals(put)) {
      assertThat(changed).as("agent.json edit %s", find).isNotEqualTo(text);
    }
    // An edit on purpose drops agent.json's checksum of itself (the other files stay verified).
    Files.writeString(json, changed.replaceFirst(",\\s*\"agent_json_crc32c\" : \"[0-9a-f]+\"",
        ""));
    return to;
  }

  /**
   * {@code dir} as a checkpoint of a build before checksums (no "files" in agent.json), whose
   * damaged files are found by reading them: what those readers say is checked here (a verified
   * checkpoint refuses them earlier, on their sizes and checksums: CheckpointIntegrityTest).
   */
  static Path legacy(Path dir) throws IOException {
    Path json = dir.resolve("agent.json");
    String text = Files.readString(json);
    String old = text.replaceFirst("(?s),\\s*\"files\" : \\{.*?\n  \\}", "");
    assertThat(old).as("agent.json without files").isNotEqualTo(text).doesNotContain("crc32c");
    Files.writeString(json, old);
    return dir;
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> badFields() {
    return Stream.<String[]>of(
        new String[] {"dqn", "\"format_version\" : 1", "\"format_version\" : \"1\"",
            "format_version"},
        new String[] {"dqn", "\"format_version\" : 1", "\"format_version\" : 1.5",
            "format_version"},
        new String[] {"dqn", "\"env_steps\" : \\d+", "\"env_steps\" : \"abc\"", "env_steps"},
        new String[] {"dqn", "\"env_steps\" : \\d+", "\"env_steps\" : -300", "env_steps"},
        new String[] {"dqn", "\"episodes\" : \\d+", "\"episodes\" : 2.5", "episodes"},
        new String[] {"dqn", "(\"episodes\" : \\d+,\\s*\"gradient_steps\" : )\\d+", "$1-1",
            "gradient_steps"},
        new String[] {"dqn", "\"seed\" : \\d+", "\"seed\" : -7", "seed"},
        new String[] {"dqn", "\"algo\" : \"dqn\"", "\"algo\" : 5", "algo"},
        new String[] {"dqn", "\"n\" : 2", "\"n\" : \"2\"", "action_space.n"},
        new String[] {"dqn", "\"buffer_size\" : \\d+", "\"buffer_size\" : 2000000000",
            "buffer_size=2000000000"},
        new String[] {"dqn", "\"buffer_size\" : \\d+", "\"buffer_size\" : \"many\"",
            "buffer_size"},
        new String[] {"ppo", "\"n_envs\" : \\d+", "\"n_envs\" : 1000000", "n_envs=1000000"})
        .map(a -> org.junit.jupiter.params.provider.Arguments.of((Object) a));
  }

  @ParameterizedTest
  @MethodSource("badFields")
  void evalOfABadAgentJsonIsOneLineNamingTheField(String[] c) throws IOException {
    Path bad = edited(c[0].equals("dqn") ? dqn : ppo, Files.createTempDirectory(runs, "bad"),
        c[1], c[2]);
    CliRunner.Run run = CliRunner.run("eval", "--checkpoint", bad.toString(), "--episodes", "1");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains(c[3]).doesNotContain("Exception", "\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void resumeOfAHugeBufferIsOneLineAndTouchesNothing() throws IOException {
    Path bad = edited(dqn, runs.resolve("huge"), "\"buffer_size\" : \\d+",
        "\"buffer_size\" : 1500000000");
    String before = Files.readString(bad.resolve("agent.json"));
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn",
        "--resume", bad.toString(), "--out", bad.toString(), "--steps", "600", "--no-progress");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("buffer_size=1500000000 needs");
    assertThat(Files.readString(bad.resolve("agent.json"))).isEqualTo(before);
  }

  @Test
  void aRefusedResumePrintsItsOneLineAndNoConfigDump() throws IOException {
    Path bad = legacy(edited(ppo, runs.resolve("damaged"), "\"n_envs\" : 2", "\"n_envs\" : 2"));
    try (Stream<Path> files = Files.list(bad)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".params")).toList()) {
        Files.write(p, new byte[] {1, 2, 3});
      }
    }
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "ppo",
        "--resume", bad.toString(), "--out", runs.resolve("next").toString(), "--steps", "256",
        "--no-progress");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(1);
    assertThat(run.err()).contains("cannot read").doesNotContain("null", "[B@", "Input length");
    assertThat(runs.resolve("next")).doesNotExist();
  }

  @Test
  void aDamagedMetricsFileSaysWhatIsWrong() throws IOException {
    Path bad = legacy(edited(dqn, runs.resolve("metrics"), "\"n\" : 2", "\"n\" : 2"));
    Files.write(bad.resolve("metrics.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn",
        "--resume", bad.toString(), "--out", bad.toString(), "--steps", "600", "--no-progress");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("metrics.csv: it is not UTF-8 text").doesNotContain("Input length");
  }

  @Test
  void resumeOfADqnWhoseAgentJsonSaysDuelingIsOneLine() throws IOException {
    Path bad = edited(dqn, runs.resolve("dueling"), "\"dueling\" : false", "\"dueling\" : true");
    CliRunner.Run run = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn",
        "--resume", bad.toString(), "--out", bad.toString(), "--steps", "600", "--no-progress");
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(1);
    assertThat(run.err()).contains("q_network.params holds", "not of one run");
  }
}
