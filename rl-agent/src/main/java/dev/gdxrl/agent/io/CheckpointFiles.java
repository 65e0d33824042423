package dev.gdxrl.agent.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The integrity of a checkpoint's files: {@code agent.json} lists every other file of the
 * checkpoint with its size and CRC-32C ({@code "files"}), and carries the CRC-32C of its own text
 * ({@code "agent_json_crc32c"}, computed with that value written as {@value #PLACEHOLDER}).
 * Loading checks each file's type before opening it (a regular file, or a symbolic link to one
 * inside the checkpoint: never a FIFO, a device, a directory or a link leading out), then its size
 * and checksum. Every refusal is one {@link CheckpointException} line naming the file and what to
 * do. The run's records ({@code metrics.csv}, {@code curve.png}) and what only {@code --resume}
 * reads may be left out (a game ships only agent.json and the parameters); the parameters must
 * be there.
 *
 * <p>Checkpoints written before the checksums (no {@code "files"} field) load unverified; their
 * files' types are still checked. Someone who edits {@code agent.json} by hand on purpose deletes
 * its {@code agent_json_crc32c} line (the other files stay verified).
 */
final class CheckpointFiles {
  static final String FILES = "files";
  static final String SELF = "agent_json_crc32c";
  static final String PLACEHOLDER = "00000000";
  private static final Pattern SELF_FIELD =
      Pattern.compile("\"" + SELF + "\"\\s*:\\s*\"([0-9a-f]{8})\"");
  /**
   * Verified when present, but a checkpoint may go without them: the run's records, and what
   * only --resume reads (DQN's replay buffer, Adam moments and target network, whose absence
   * it already survives, saying so).
   */
  private static final java.util.Set<String> OPTIONAL = java.util.Set.of(Checkpoints.METRICS_CSV,
      Checkpoints.CURVE_PNG, "replay_buffer.bin", "optimizer.bin", "q_target.params");
  private static final String REMEDY = "use an intact copy of the checkpoint, or train it again";

  private CheckpointFiles() {}

  /**
   * The {@code "files"} object of {@code dir}: every regular file but agent.json and notes
   * ({@code *.md}, e.g. a shipped demo's TRAINED_WITH.md, which no loader reads), sorted.
   */
  static ObjectNode manifest(Path dir, ObjectNode into) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!name.equals(Checkpoints.AGENT_JSON) && !name.endsWith(".md")
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.put(name, p);
        }
      }
    }
    for (Map.Entry<String, Path> e : files.entrySet()) {
      ObjectNode f = into.putObject(e.getKey());
      f.put("bytes", Files.size(e.getValue()));
      f.put("crc32c", crc32c(e.getValue()));
    }
    return into;
  }

  /** {@code text} (which holds {@code "agent_json_crc32c" : "00000000"}) with its checksum in. */
  static String seal(String text) {
    Matcher m = SELF_FIELD.matcher(text);
    if (!m.find() || !m.group(1).equals(PLACEHOLDER)) {
      throw new IllegalStateException("no " + SELF + " placeholder in agent.json");
    }
    String crc = hex(crc32c(text.getBytes(StandardCharsets.UTF_8)));
    return text.substring(0, m.start(1)) + crc + text.substring(m.end(1));
  }

  /** Throws unless {@code text}'s own checksum (when it has one) matches. */
  static void checkSelf(Path dir, String text) {
    Matcher m = SELF_FIELD.matcher(text);
    if (!m.find()) {
      return; // written before checksums, or edited on purpose
    }
    String unsealed = text.substring(0, m.start(1)) + PLACEHOLDER + text.substring(m.end(1));
    String crc = hex(crc32c(unsealed.getBytes(StandardCharsets.UTF_8)));
    if (!crc.equals(m.group(1))) {
      throw new CheckpointException("checkpoint " + dir + ": " + Checkpoints.AGENT_JSON
          + " does not match its own CRC-32C checksum (damaged or changed after it was written);"
          + " " + REMEDY + " (if you edited it on purpose, delete its " + SELF + " line)");
    }
  }

  /**
   * Checks the files {@code files} (agent.json's {@code "files"} object, or null for a checkpoint
   * written before checksums) lists: each a regular file of the recorded size and CRC-32C. Also
   * checks the type of every other entry a loader might open (names ending in .params, .bin,
   * .csv, .json), so that nothing opens a FIFO or a device.
   */
  static void verify(Path dir, JsonNode files) {
    Path real = realDir(dir);
    List<String> listed = new ArrayList<>();
    if (files != null) {
      if (!files.isObject()) {
        throw new CheckpointException("checkpoint " + dir + ": " + Checkpoints.AGENT_JSON
            + " is invalid: '" + FILES + "' is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = files.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
            || name.contains("\\") || name.equals(Checkpoints.AGENT_JSON)) {
          throw new CheckpointException("checkpoint " + dir + ": " + Checkpoints.AGENT_JSON
              + " lists a file named '" + name + "', which cannot be part of a checkpoint; "
              + REMEDY);
        }
        listed.add(name);
        verifyFile(dir, real, name, e.getValue());
      }
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!listed.contains(name) && (lower.endsWith(".params") || lower.endsWith(".bin")
            || lower.endsWith(".csv") || lower.endsWith(".json"))) {
          regularFile(dir, real, name);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + " cannot be listed: " + e.getMessage(),
          e);
    }
  }

  private static void verifyFile(Path dir, Path real, String name, JsonNode entry) {
    JsonNode bytes = entry.get("bytes");
    JsonNode crc = entry.get("crc32c");
    if (bytes == null || !bytes.canConvertToLong() || crc == null || !crc.isTextual()) {
      throw new CheckpointException("checkpoint " + dir + ": " + Checkpoints.AGENT_JSON
          + " is invalid: the entry of " + name + " needs 'bytes' and 'crc32c'");
    }
    Path file = regularFile(dir, real, name);
    if (file == null && OPTIONAL.contains(name)) {
      return; // a game ships agent.json and the parameters; the rest may stay behind
    }
    if (file == null) {
      throw new CheckpointException("checkpoint " + dir + ": " + name + " is missing ("
          + Checkpoints.AGENT_JSON + " lists it), so the checkpoint is incomplete; " + REMEDY);
    }
    try {
      long size = Files.size(file);
      if (size != bytes.asLong()) {
        throw new CheckpointException("checkpoint " + dir + ": " + name + " has " + size
            + " bytes where " + Checkpoints.AGENT_JSON + " records " + bytes.asLong() + " ("
            + (size < bytes.asLong() ? "truncated" : "something was appended") + "); " + REMEDY);
      }
      if (!crc32c(file).equals(crc.asText())) {
        throw new CheckpointException("checkpoint " + dir + ": " + name + " does not match its"
            + " CRC-32C checksum in " + Checkpoints.AGENT_JSON + " (damaged or changed after it"
            + " was written); " + REMEDY);
      }
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": cannot read " + name + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * {@code dir/name} checked WITHOUT opening it: the path to open when it is a regular file or a
   * symbolic link to a regular file inside the checkpoint, null when it does not exist, a
   * one-line {@link CheckpointException} for anything else (FIFO, device, socket, directory,
   * link leading out of the checkpoint or to nothing).
   */
  static Path regularFile(Path dir, Path realDir, String name) {
    Path p = dir.resolve(name);
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": cannot inspect " + name + ": "
          + e.getMessage(), e);
    }
    if (a.isSymbolicLink()) {
      Path target;
      try {
        target = p.toRealPath();
      } catch (IOException e) {
        throw new CheckpointException("checkpoint " + dir + ": " + name + " is a symbolic link"
            + " to nothing; " + REMEDY);
      }
      if (!target.startsWith(realDir)) {
        throw new CheckpointException("checkpoint " + dir + ": " + name + " is a symbolic link"
            + " leading out of the checkpoint (to " + target + "); replace it with the file"
            + " itself (cp -L) or " + REMEDY);
      }
      try {
        a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw new CheckpointException("checkpoint " + dir + ": cannot inspect " + name + ": "
            + e.getMessage(), e);
      }
      p = target;
    }
    if (a.isRegularFile()) {
      return p;
    }
    throw new CheckpointException("checkpoint " + dir + ": " + name + " is " + kind(p, a)
        + ", not a regular file; " + REMEDY);
  }

  private static String kind(Path p, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      switch (mode & 0170000) {
        case 0010000:
          return "a named pipe (FIFO)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // not a Unix file system: the generic word below
    }
    return "a special file";
  }

  /** The real path of the checkpoint directory (symbolic links inside must stay under it). */
  static Path realDir(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** CRC-32C of a file's bytes, as 8 lowercase hex digits. */
  static String crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf) >= 0) {
        buf.flip();
        crc.update(buf);
        buf.clear();
      }
    }
    return hex(crc.getValue());
  }

  private static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "%08x", v);
  }
}
