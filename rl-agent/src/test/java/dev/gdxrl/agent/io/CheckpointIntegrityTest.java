package dev.gdxrl.agent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checksums and file types: every way a checkpoint's files can be damaged or replaced is one
 * line naming the file, through every loader (eval's {@link AgentLoader}, the inference policy of
 * watch and play, and --resume), and nothing ever opens a FIFO.
 */
class CheckpointIntegrityTest {
  static final EnvRegistry REGISTRY = TestRegistry.create();
  static final Map<String, String> SMALL = Map.of("learning_starts", "50", "train_freq", "2",
      "gradient_steps", "1", "batch_size", "16", "hidden", "[16]", "eval_freq", "0",
      "final_eval_episodes", "1");
  static final String REMEDY = "use an intact copy of the checkpoint, or train it again";

  @TempDir
  static Path tmp;
  static Path dqn;
  static Path qtable;

  static Training training() {
    return new Training(REGISTRY, Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream(), true));
  }

  @BeforeAll
  static void trainOnce() {
    dqn = tmp.resolve("dqn");
    training().train(new TrainRequest("chain5", "dqn", 300L, 4, "cpu", null, SMALL, dqn, null,
        false));
    qtable = tmp.resolve("qtable");
    training().train(new TrainRequest("chain5", "qtable", 300L, 4, "cpu", null,
        Map.of("eval_freq", "0", "final_eval_episodes", "1"), qtable, null, false));
  }

  static Path copy(Path from, String name) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  /** Every loader refuses {@code dir} with exactly {@code message}. */
  static void refused(Path dir, String message) {
    assertThatThrownBy(() -> training().evaluate(dir, 1, 1))
        .isInstanceOf(CheckpointException.class).hasMessage(message);
    assertThatThrownBy(() -> LearnedPolicy.load(dir, REGISTRY, Algorithms.builtin()))
        .isInstanceOf(CheckpointException.class).hasMessage(message);
    assertThatThrownBy(() -> training().train(new TrainRequest("chain5",
        "dqn", 400L, 4, "cpu", null, Map.of(), dir,
        dir, false))).isInstanceOf(CheckpointException.class).hasMessage(message);
  }

  @Test
  void aWrittenCheckpointListsEveryFileAndVerifies() throws IOException {
    String json = Files.readString(dqn.resolve("agent.json"));
    for (String f : new String[] {"q_network.params", "q_target.params", "replay_buffer.bin",
        "optimizer.bin", "metrics.csv", "curve.png"}) {
      assertThat(json).contains("\"" + f + "\" : {");
    }
    assertThat(json).containsPattern("\"agent_json_crc32c\" : \"[0-9a-f]{8}\"\n}\n$");
    assertThat(Checkpoints.readMeta(dqn).envSteps()).isEqualTo(300);
  }

  @Test
  void aFlippedByteMidFileJunkAppendedAndTruncationAreRefused() throws IOException {
    for (String file : new String[] {"q_network.params", "replay_buffer.bin", "metrics.csv"}) {
      Path flipped = copy(dqn, "flip-" + file);
      byte[] b = Files.readAllBytes(flipped.resolve(file));
      b[b.length / 2] ^= 0x10;
      Files.write(flipped.resolve(file), b);
      refused(flipped, "checkpoint " + flipped + ": " + file + " does not match its CRC-32C"
          + " checksum in agent.json (damaged or changed after it was written); " + REMEDY);

      Path appended = copy(dqn, "append-" + file);
      byte[] a = Files.readAllBytes(appended.resolve(file));
      Files.write(appended.resolve(file), Arrays.copyOf(a, a.length + 3));
      refused(appended, "checkpoint " + appended + ": " + file + " has " + (a.length + 3)
          + " bytes where agent.json records " + a.length + " (something was appended); "
          + REMEDY);

      Path cut = copy(dqn, "cut-" + file);
      Files.write(cut.resolve(file), Arrays.copyOf(a, a.length - 1));
      refused(cut, "checkpoint " + cut + ": " + file + " has " + (a.length - 1)
          + " bytes where agent.json records " + a.length + " (truncated); " + REMEDY);
    }
    Path json = copy(dqn, "flip-json");
    String text = Files.readString(json.resolve("agent.json"));
    Files.writeString(json.resolve("agent.json"),
        text.replace("\"env_steps\" : 300", "\"env_steps\" : 900"));
    refused(json, "checkpoint " + json + ": agent.json does not match its own CRC-32C checksum"
        + " (damaged or changed after it was written); " + REMEDY + " (if you edited it on"
        + " purpose, delete its agent_json_crc32c line)");
    Files.writeString(json.resolve("agent.json"), TestCheckpoints.unsealed(
        text.replace("\"env_steps\" : 300", "\"env_steps\" : 900")));
    assertThat(Checkpoints.readMeta(json).envSteps()).as("edited on purpose").isEqualTo(900);
  }

  @Test
  void aMissingFileIsRefused() throws IOException {
    Path dir = copy(dqn, "missing");
    Files.delete(dir.resolve("q_network.params"));
    refused(dir, "checkpoint " + dir + ": q_network.params is missing (agent.json lists it), so"
        + " the checkpoint is incomplete; " + REMEDY);
    // what a game ships: agent.json and the parameters, without the run's records
    Path shipped = copy(dqn, "shipped");
    Files.delete(shipped.resolve("metrics.csv"));
    Files.delete(shipped.resolve("curve.png"));
    Files.delete(shipped.resolve("replay_buffer.bin"));
    Files.delete(shipped.resolve("optimizer.bin"));
    Files.delete(shipped.resolve("q_target.params"));
    try (LearnedPolicy<?> p = LearnedPolicy.load(shipped, REGISTRY, Algorithms.builtin())) {
      assertThat(p.actions()).isEqualTo(2);
    }
    assertThat(training().evaluate(shipped, 1, 1).episodes()).isEqualTo(1);
    // but what is there is verified
    Files.writeString(shipped.resolve("metrics.csv"), "kind,step\n");
    assertThatThrownBy(() -> training().evaluate(shipped, 1, 1))
        .hasMessageContaining("metrics.csv has 10 bytes where agent.json records");
  }

  @Test
  void specialFilesAreRefusedBeforeTheyAreOpened() throws Exception {
    Path fifo = copy(dqn, "fifo");
    Files.delete(fifo.resolve("q_network.params"));
    assumeTrue(new ProcessBuilder("mkfifo", fifo.resolve("q_network.params").toString())
        .start().waitFor(10, TimeUnit.SECONDS), "mkfifo");
    assumeTrue(Files.exists(fifo.resolve("q_network.params")), "mkfifo made the FIFO");
    refused(fifo, "checkpoint " + fifo + ": q_network.params is a named pipe (FIFO), not a"
        + " regular file; " + REMEDY);
    // also an unlisted FIFO under a name a loader opens, and a FIFO in an old checkpoint
    Path unlisted = copy(dqn, "fifo-unlisted");
    new ProcessBuilder("mkfifo", unlisted.resolve("extra.bin").toString()).start().waitFor();
    refused(unlisted, "checkpoint " + unlisted + ": extra.bin is a named pipe (FIFO), not a"
        + " regular file; " + REMEDY);
    Path agentJson = copy(dqn, "fifo-json");
    Files.delete(agentJson.resolve("agent.json"));
    new ProcessBuilder("mkfifo", agentJson.resolve("agent.json").toString()).start().waitFor();
    assertThatThrownBy(() -> training().evaluate(agentJson, 1, 1))
        .hasMessage("checkpoint " + agentJson + ": agent.json is a named pipe (FIFO), not a"
            + " regular file; " + REMEDY);

    Path directory = copy(dqn, "directory");
    Files.delete(directory.resolve("optimizer.bin"));
    Files.createDirectory(directory.resolve("optimizer.bin"));
    refused(directory, "checkpoint " + directory + ": optimizer.bin is a directory, not a"
        + " regular file; " + REMEDY);

    Path device = copy(dqn, "device");
    Files.delete(device.resolve("replay_buffer.bin"));
    Files.createSymbolicLink(device.resolve("replay_buffer.bin"), Path.of("/dev/zero"));
    refused(device, "checkpoint " + device + ": replay_buffer.bin is a symbolic link leading out"
        + " of the checkpoint (to /dev/zero); replace it with the file itself (cp -L) or "
        + REMEDY);

    Path outside = copy(dqn, "outside");
    Path elsewhere = Files.copy(dqn.resolve("metrics.csv"), tmp.resolve("metrics-elsewhere.csv"));
    Files.delete(outside.resolve("metrics.csv"));
    Files.createSymbolicLink(outside.resolve("metrics.csv"), elsewhere);
    refused(outside, "checkpoint " + outside + ": metrics.csv is a symbolic link leading out of"
        + " the checkpoint (to " + elsewhere.toRealPath() + "); replace it with the file itself"
        + " (cp -L) or " + REMEDY);

    // a link inside the checkpoint, and a checkpoint directory reached through a link, are fine
    Path inside = copy(dqn, "inside");
    Files.move(inside.resolve("curve.png"), inside.resolve("curve-real.png"));
    Files.createSymbolicLink(inside.resolve("curve.png"), Path.of("curve-real.png"));
    assertThat(Checkpoints.readMeta(inside).envSteps()).isEqualTo(300);
    Path link = Files.createSymbolicLink(tmp.resolve("latest"), dqn);
    assertThat(training().evaluate(link, 1, 1).episodes()).isEqualTo(1);
  }

  @Test
  void checkpointsOfOlderBuildsWithoutChecksumsStillLoad() throws IOException {
    Path old = copy(dqn, "old");
    TestCheckpoints.asWrittenBeforeChecksums(old);
    assertThat(Files.readString(old.resolve("agent.json"))).doesNotContain("crc32c");
    assertThat(training().evaluate(old, 1, 1).episodes()).isEqualTo(1);
    try (LearnedPolicy<?> p = LearnedPolicy.load(old, REGISTRY, Algorithms.builtin())) {
      assertThat(p.actions()).isEqualTo(2);
    }
  }

  @Test
  void nonFiniteParametersAreRefusedAtLoad() throws IOException {
    Path nan = copy(dqn, "nan");
    Path params = nan.resolve("q_network.params");
    byte[] b = Files.readAllBytes(params);
    // the last float of the file (the output bias): a NaN in either byte order
    b[b.length - 4] = 0x7f;
    b[b.length - 3] = (byte) 0xc0;
    b[b.length - 2] = (byte) 0xc0;
    b[b.length - 1] = 0x7f;
    Files.write(params, b);
    TestCheckpoints.reseal(nan);
    String message = "checkpoint " + nan + ": cannot read the parameters: q_network.params holds"
        + " NaN, infinite or implausibly large parameters (beyond 1000000 in magnitude: damaged,"
        + " or saved from a diverged run); use another checkpoint, or train again with a lower"
        + " learning_rate";
    assertThatThrownBy(() -> training().evaluate(nan, 1, 1)).hasMessage(message);
    assertThatThrownBy(() -> LearnedPolicy.load(nan, REGISTRY, Algorithms.builtin()))
        .hasMessage(message);

    // 1e38 is finite, but no trained network holds it: refused the same way (both byte orders)
    Path huge = copy(dqn, "huge");
    byte[] h = Files.readAllBytes(huge.resolve("q_network.params"));
    h[h.length - 4] = 0x7e;
    h[h.length - 3] = (byte) 0x96;
    h[h.length - 2] = (byte) 0x96;
    h[h.length - 1] = 0x7e;
    Files.write(huge.resolve("q_network.params"), h);
    TestCheckpoints.reseal(huge);
    assertThatThrownBy(() -> training().evaluate(huge, 1, 1))
        .hasMessageContaining("q_network.params holds NaN, infinite or implausibly large");

    Path table = copy(qtable, "nan-table");
    byte[] t = Files.readAllBytes(table.resolve("qtable.bin"));
    // header: two ints; then the table's floats (big-endian): make the first one infinite
    t[8] = 0x7f;
    t[9] = (byte) 0x80;
    t[10] = 0;
    t[11] = 0;
    Files.write(table.resolve("qtable.bin"), t);
    TestCheckpoints.reseal(table);
    assertThatThrownBy(() -> training().evaluate(table, 1, 1)).hasMessage("checkpoint " + table
        + ": cannot read the parameters: qtable.bin holds NaN or infinite parameters (saved from"
        + " a diverged run); use another checkpoint, or train again with a lower learning_rate");
    assertThatThrownBy(() -> LearnedPolicy.load(table, REGISTRY, Algorithms.builtin()))
        .hasMessageContaining("qtable.bin holds NaN or infinite parameters")
        .hasMessageNotContaining("\n");
  }
}
