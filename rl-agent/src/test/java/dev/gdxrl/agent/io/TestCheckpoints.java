package dev.gdxrl.agent.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers that change checkpoints the way people (and older builds) do. */
public final class TestCheckpoints {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TestCheckpoints() {}

  /** {@code json} (an agent.json text) as after a deliberate hand edit: no self checksum line. */
  public static String unsealed(String json) {
    return json.replaceAll("(?m),\\s*\\R\\s*\"" + CheckpointFiles.SELF + "\"\\s*:\\s*\"[0-9a-f]*\"", "");
  }

  /** Records the checksums of {@code dir}'s files as they are now (after a deliberate change). */
  public static void reseal(Path dir) throws IOException {
    asWrittenBeforeChecksums(dir);
    Checkpoints.writeMeta(dir, Checkpoints.readMeta(dir));
  }

  /** Rewrites {@code dir/agent.json} as a build before checksums wrote it (no files, no seal). */
  public static void asWrittenBeforeChecksums(Path dir) throws IOException {
    Path f = dir.resolve(Checkpoints.AGENT_JSON);
    ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
    root.remove(CheckpointFiles.FILES);
    root.remove(CheckpointFiles.SELF);
    Files.writeString(f, JSON.writeValueAsString(root) + "\n");
  }
}
