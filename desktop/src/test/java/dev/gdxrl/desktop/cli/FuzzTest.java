package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded, bounded fuzz suite of the CLI's inputs: command lines and {@code --set} values,
 * checkpoint {@code agent.json} fields, checkpoint files and episode files for {@code replay
 * --verify}. The hand-written cases are in {@code fuzz/cases.txt} (one a line, so the list
 * grows); seeded random mutations of valid command lines are added to them. Every case must end
 * within {@link #LIMIT} with status 0 or 2 (1 only with a log file named), no stack trace, a
 * refusal in exactly one stderr line, and a refusal changes no file; a hand-written case ending in
 * {@code " :: N"} must end with status N (so a removed input check fails it). Cases listed in {@code
 * fuzz/known-failures.txt} are real bugs found by this suite: they are skipped (assumption) until
 * fixed.
 */
class FuzzTest {
  static final Duration LIMIT = Duration.ofSeconds(10);
  /** The mutations' seed and number; -Dfuzz.seed=S -Dfuzz.mutations=N explore further. */
  static final long SEED = Long.getLong("fuzz.seed", 0x5eed_f022L);
  static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 120);

  @TempDir static Path root;
  static Path fixtures; // the trained checkpoint and the recorded episodes, never changed
  static Path checkpoint;
  static Path episodes;
  static Path logs; // outside the checked tree: status 1 writes its log here
  static Set<String> known;
  static int count;
  static final Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
  static int expected; // the status a case's " :: N" asks for, or -1 (any allowed one)
  static long started;

  @BeforeAll
  static void prepare() throws IOException {
    started = System.nanoTime();
    fixtures = Files.createDirectories(root.resolve("fixtures"));
    logs = Files.createDirectories(root.resolve("logs"));
    checkpoint = fixtures.resolve("dqn");
    CliRunner.Run a = CliRunner.run("train", "--env", "cartpole", "--algo", "dqn", "--steps",
        "300", "--no-progress", "--set", "learning_starts=100", "--set", "eval_freq=0",
        "--set", "final_eval_episodes=1", "--out", checkpoint.toString());
    assertThat(a.status()).as(a.err()).isZero();
    episodes = fixtures.resolve("episodes.jsonl");
    CliRunner.Run b = CliRunner.run("eval", "--env", "cartpole", "--policy", "random",
        "--episodes", "2", "--record", episodes.toString());
    assertThat(b.status()).as(b.err()).isZero();
    assertThat(episodes).isRegularFile();
    known = lines("fuzz/known-failures.txt").stream()
        .map(String::strip).collect(Collectors.toSet());
  }

  @AfterAll
  static void report() {
    System.out.printf("FuzzTest: %d cases in %.1f s (seed %#x, %d mutations, %d known failures;"
        + " exit statuses %s)%n", count, (System.nanoTime() - started) / 1e9, SEED, MUTATIONS,
        known.size(), statuses);
  }

  static List<String> lines(String resource) throws IOException {
    try (InputStream in = FuzzTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> fuzz() throws IOException {
    List<String> cases = new ArrayList<>(lines("fuzz/cases.txt"));
    assertThat(cases).as("fuzz/cases.txt").isNotEmpty();
    cases.addAll(mutations(new SplittableRandom(SEED), MUTATIONS));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c, () -> {
      assumeFalse(known.contains(c), "known failure (fuzz/known-failures.txt)");
      count++;
      assertTimeoutPreemptively(LIMIT, () -> runCase(c), () -> "ran past " + LIMIT + ": " + c);
    }));
  }

  // ---- the cases ----

  /** One line of cases.txt: {@code KIND REST}; see the file's header. */
  static void runCase(String line) throws Exception {
    Path dir = Files.createTempDirectory(root, "case");
    int tail = line.lastIndexOf(" :: ");
    expected = tail < 0 ? -1 : Integer.parseInt(line.substring(tail + 4).strip());
    line = tail < 0 ? line : line.substring(0, tail);
    try {
      int space = line.indexOf(' ');
      String kind = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1);
      switch (kind) {
        case "cli" -> check(line, dir, args(rest, dir));
        case "agent" -> {
          String[] p = rest.split(" => ", -1);
          Path bad = copy(checkpoint, dir.resolve("ckpt"));
          editAgentJson(bad, p[0], p.length > 1 ? p[1] : "");
          check(line, dir, List.of("eval", "--checkpoint", bad.toString(), "--episodes", "1"));
        }
        case "ckpt" -> {
          String[] p = rest.split(" ");
          Path bad = copy(checkpoint, dir.resolve("ckpt"));
          if (!damage(bad, p[0], p.length > 1 ? p[1] : "agent.json", dir)) {
            org.junit.jupiter.api.Assumptions.abort("not available here: " + line);
          }
          check(line, dir, List.of("eval", "--checkpoint", bad.toString(), "--episodes", "1"));
        }
        case "episode" -> {
          Path file = dir.resolve("episodes.jsonl");
          Files.copy(episodes, file);
          String[] p = rest.split(" ");
          if (!damage(dir, p[0], file.getFileName().toString(), dir)) {
            org.junit.jupiter.api.Assumptions.abort("not available here: " + line);
          }
          check(line, dir, List.of("replay", file.toString(), "--verify"));
        }
        case "config" -> { // a config file with this text (\n a newline), then a tiny train
          String[] p = rest.split(" ", 2);
          Path file = Files.writeString(dir.resolve("config." + p[0]),
              p[1].replace("\\n", "\n"));
          check(line, dir, List.of("train", "--env", "cartpole", "--algo", "qtable", "--steps",
              "300", "--no-progress", "--set", "eval_freq=0", "--set", "final_eval_episodes=1",
              "--config", file.toString(), "--out", dir.resolve("out").toString()));
        }
        case "record" -> { // an episode file with one regex edit
          String[] p = rest.split(" => ", -1);
          Path file = dir.resolve("episodes.jsonl");
          String text = Files.readString(episodes);
          String changed = text.replaceFirst(p[0], p.length > 1 ? p[1] : "");
          assertThat(changed).as("episode edit %s", p[0]).isNotEqualTo(text);
          Files.writeString(file, changed);
          check(line, dir, List.of("replay", file.toString(), "--verify"));
        }
        default -> throw new AssertionError("unknown case kind '" + kind + "' in: " + line);
      }
    } finally {
      delete(dir);
    }
  }

  /**
   * A cli case's words: separated by single spaces; {@code ''} is an empty word, {@code OUT} a
   * fresh output directory, {@code CKPT} the trained checkpoint, {@code EPISODES} the recorded
   * episode file, {@code DIR} the case's directory, {@code FILE} a file in it.
   */
  static List<String> args(String rest, Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    for (String w : rest.split(" ", -1)) {
      if (!out.isEmpty() && WRITTEN.contains(out.get(out.size() - 1)) && !w.isEmpty()
          && !w.equals("''") && !w.matches("[A-Z]+(/.*)?") && !Path.of(w).isAbsolute()) {
        w = dir.resolve(w).toString(); // a relative path would be written in the working dir
      }
      out.add(switch (w) {
        case "''" -> "";
        case "OUT" -> dir.resolve("out").toString();
        case "CKPT" -> checkpoint.toString();
        case "EPISODES" -> episodes.toString();
        case "DIR" -> dir.toString();
        case "FILE" -> Files.writeString(dir.resolve("a-file"), "x").toString();
        case "FIFO" -> {
          Path fifo = dir.resolve("a-fifo");
          if (!mkfifo(fifo)) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
          }
          yield fifo.toString();
        }
        default -> w.replace("DIR/", dir + "/").replace("CKPT/", checkpoint + "/");
      });
    }
    return out;
  }

  static void check(String line, Path dir, List<String> args) throws IOException {
    Map<String, String> before = tree(root);
    CliRunner.Run run = CliRunner.run(Map.of("DISPLAY", ":99", Main.LOG_DIR_VARIABLE,
        logs.toString()), args.toArray(String[]::new));
    statuses.merge(run.status(), 1, Integer::sum);
    String what = "'" + String.join(" ", args) + "' (" + line + ") -> status " + run.status()
        + "\nstderr:\n" + run.err();
    assertThat(run.err()).as(what).doesNotContain("\tat ", "Exception in thread");
    if (expected >= 0) {
      assertThat(run.status()).as("expected status " + expected + ": " + what)
          .isEqualTo(expected);
    }
    if (run.status() == 1) { // allowed, but an internal error: shown so that it gets reported
      System.out.println("FuzzTest: status 1 (internal error) of " + what.strip());
      assertThat(run.err()).as("status 1 names a log file: " + what).contains("stack trace in");
    } else {
      assertThat(run.status()).as(what).isIn(0, 2);
    }
    if (run.status() != 0) {
      assertThat(run.errLines()).as("one line: " + what).hasSize(1);
      assertThat(tree(root)).as("files after a refusal: " + what).isEqualTo(before);
    }
  }

  // ---- random mutations of valid command lines ----

  /** Options whose relative value a successful command would write in the working dir. */
  static final Set<String> WRITTEN = Set.of("--out", "--record", "--screenshot");

  static final List<List<String>> VALID = List.of(
      List.of("train", "--env", "cartpole", "--algo", "dqn", "--steps", "300", "--no-progress",
          "--set", "learning_starts=100", "--set", "eval_freq=0", "--set",
          "final_eval_episodes=1", "--out", "OUT"),
      List.of("train", "--env", "cartpole", "--algo", "qtable", "--steps", "300",
          "--no-progress", "--set", "eval_freq=0", "--set", "final_eval_episodes=1", "--out",
          "OUT"),
      List.of("eval", "--env", "cartpole", "--policy", "random", "--episodes", "1"),
      List.of("eval", "--checkpoint", "CKPT", "--episodes", "1"),
      List.of("check-env", "--env", "cartpole"),
      List.of("bench", "--env", "cartpole", "--steps", "200"),
      List.of("replay", "EPISODES", "--verify"));

  /** Words a mutation may not drop or replace: without them a command runs long or writes elsewhere. */
  static final Set<String> BOUNDS = Set.of("--steps", "--episodes", "--out", "--no-progress",
      "train", "eval", "bench", "check-env", "replay", "OUT", "--verify");

  /** Hostile values: out of range, not numbers, odd spellings; none is a valid big number. */
  static final List<String> VALUES = List.of("''", "-1", "0", "-0", "1e30", "1e-30", "0x10",
      "0x1p3", "NaN", "Infinity", "-Infinity", "9223372036854775808", "99999999999999999999",
      "1.5", "+3", "3_000", "٣", "1,5", "abc", "true", "[]", "[1,", "=", "--steps", "%n%s",
      "a=b=c", "\u0000", "../../../etc/passwd", "/dev/null", "/proc/self", "~", "CKPT/agent.json",
      "DIR/nope/nope", "x".repeat(300));

  static final List<String> KEYS = List.of("gamma", "learning_rate", "batch_size",
      "buffer_size", "learning_starts", "eval_freq", "final_eval_episodes", "n_envs",
      "n_steps", "hidden", "dueling", "seed", "steps", "bins", "low", "nosuch", "", "GAMMA",
      "gamma ", "train_freq", "target_update");

  static final List<String> OPTIONS = List.of("--seed", "--set", "--device", "--config",
      "--resume", "--npcs", "--env", "--algo", "--policy", "--checkpoint", "--record",
      "--envs", "--threads", "--speed", "--frames", "--screenshot", "--nosuch", "-x", "--");

  static List<String> mutations(SplittableRandom r, int n) {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      List<String> w = new ArrayList<>(VALID.get(r.nextInt(VALID.size())));
      int times = 1 + r.nextInt(2);
      for (int t = 0; t < times; t++) {
        mutate(w, r);
      }
      String c = "cli " + String.join(" ", w);
      if (!out.contains(c) && !w.contains("")) {
        out.add(c);
      }
    }
    return out;
  }

  static void mutate(List<String> w, SplittableRandom r) {
    int i = 1 + r.nextInt(w.size() - 1);
    String word = w.get(i);
    boolean bound = BOUNDS.contains(word) || BOUNDS.contains(w.get(i - 1))
        && !w.get(i - 1).equals("--no-progress");
    switch (r.nextInt(6)) {
      case 0 -> { // a hostile value in place of a value
        if (!bound && !word.startsWith("-")) {
          w.set(i, VALUES.get(r.nextInt(VALUES.size())));
        } else if (w.get(i - 1).equals("--steps") || w.get(i - 1).equals("--episodes")) {
          w.set(i, List.of("-1", "0", "1e30", "NaN", "0x10", "''", "abc", "9223372036854775808",
              "300.0", "3e2").get(r.nextInt(10)));
        }
      }
      case 1 -> { // a --set of a known or unknown key to a hostile value
        w.add(i, "--set");
        w.add(i + 1, KEYS.get(r.nextInt(KEYS.size())) + "="
            + VALUES.get(r.nextInt(VALUES.size())));
      }
      case 2 -> { // an option given twice
        if (word.startsWith("--") && i + 1 < w.size() && !w.get(i + 1).startsWith("--")) {
          w.add(i, w.get(i + 1));
          w.add(i, word);
        } else {
          w.add(i, word);
        }
      }
      case 3 -> { // an option of some command, with a hostile value
        w.add(i, OPTIONS.get(r.nextInt(OPTIONS.size())));
        if (r.nextBoolean()) {
          w.add(i + 1, VALUES.get(r.nextInt(VALUES.size())));
        }
      }
      case 4 -> { // a word dropped
        if (!bound) {
          w.remove(i);
        }
      }
      default -> { // a word cut short or doubled in place
        if (!bound && word.length() > 1 && !word.equals("OUT") && !word.equals("CKPT")
            && !word.equals("EPISODES")) {
          w.set(i, r.nextBoolean() ? word.substring(0, 1 + r.nextInt(word.length() - 1))
              : word + word);
        }
      }
    }
    w.replaceAll(x -> x.isEmpty() ? "''" : x);
  }

  // ---- damaged files ----

  /** Applies {@code op} to {@code name} in {@code dir}; false when this system cannot. */
  static boolean damage(Path dir, String op, String name, Path caseDir) throws Exception {
    Path f = dir.resolve(name);
    if (name.contains("*")) {
      String glob = name;
      try (Stream<Path> s = Files.list(dir)) {
        f = s.filter(p -> dir.getFileSystem().getPathMatcher("glob:" + glob)
            .matches(p.getFileName())).sorted().findFirst()
            .orElseThrow(() -> new AssertionError("no " + glob + " in " + dir));
      }
    }
    byte[] b = Files.exists(f) && Files.isRegularFile(f) ? Files.readAllBytes(f) : new byte[0];
    switch (op) {
      case "truncate" -> Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
      case "empty" -> Files.write(f, new byte[0]);
      case "flip" -> { // flip one byte at each of a few seeded places
        SplittableRandom r = new SplittableRandom(SEED ^ name.hashCode());
        for (int k = 0; k < 3 && b.length > 0; k++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        Files.write(f, b);
      }
      case "flip-first" -> {
        b[0] ^= (byte) 0xff;
        Files.write(f, b);
      }
      case "flip-last" -> {
        b[b.length - 1] ^= 0x01;
        Files.write(f, b);
      }
      case "junk" -> Files.write(f, "\u0000\u00ff junk {[\n".getBytes(StandardCharsets.ISO_8859_1),
          StandardOpenOption.APPEND);
      case "nul" -> Files.write(f, new byte[4096]);
      case "missing" -> Files.delete(f);
      case "dir" -> {
        Files.delete(f);
        Files.createDirectory(f);
      }
      case "fifo" -> {
        Files.delete(f);
        if (!mkfifo(f)) {
          return false;
        }
      }
      case "symlink" -> { // leading outside the checkpoint, to a copy of the same file
        Path outside = Files.write(caseDir.resolve("outside-" + f.getFileName()), b);
        Files.delete(f);
        try {
          Files.createSymbolicLink(f, outside);
        } catch (UnsupportedOperationException | FileSystemException e) {
          return false;
        }
      }
      case "symlink-etc" -> {
        Files.delete(f);
        try {
          Files.createSymbolicLink(f, Path.of("/etc/passwd"));
        } catch (UnsupportedOperationException | FileSystemException e) {
          return false;
        }
      }
      case "deep" -> Files.writeString(f, "[".repeat(100_000) + "]".repeat(100_000) + "\n");
      case "deep-object" -> Files.writeString(f, "{\"a\":".repeat(50_000) + "1"
          + "}".repeat(50_000) + "\n");
      case "huge-numbers" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          .replaceAll("(?<![\\w.])\\d+(?![\\w])", "1" + "9".repeat(400)));
      case "negative-numbers" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          .replaceAll("(?<![\\w.\\-])(\\d+)(?![\\w.])", "-$1"));
      case "nan" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          .replaceAll("(?<![\\w.\\-])\\d+\\.\\d+(?![\\w])", "NaN"));
      case "first-line" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          .lines().findFirst().orElse("") + "\n");
      case "dup-line" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          + new String(b, StandardCharsets.UTF_8));
      case "crlf" -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
          .replace("\n", "\r\n"));
      case "bom" -> {
        byte[] c = new byte[b.length + 3];
        c[0] = (byte) 0xef;
        c[1] = (byte) 0xbb;
        c[2] = (byte) 0xbf;
        System.arraycopy(b, 0, c, 3, b.length);
        Files.write(f, c);
      }
      case "not-utf8" -> Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
      default -> throw new AssertionError("unknown damage '" + op + "'");
    }
    return true;
  }

  /** Makes a FIFO at {@code f}; false where mkfifo is not available. */
  static boolean mkfifo(Path f) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Replaces {@code find} (a regex) by {@code put} in agent.json and drops its own checksum. */
  static void editAgentJson(Path ckpt, String find, String put) throws IOException {
    Path json = ckpt.resolve("agent.json");
    String text = Files.readString(json);
    String changed = text.replaceFirst(find, put);
    assertThat(changed).as("agent.json edit %s", find).isNotEqualTo(text);
    Files.writeString(json, changed.replaceFirst(",\\s*\"agent_json_crc32c\" : \"[0-9a-f]+\"",
        ""));
  }

  // ---- files ----

  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(f -> !f.equals(from)).toList()) {
        Files.copy(f, to.resolve(from.relativize(f).toString()));
      }
    }
    return to;
  }

  /** Every path under {@code dir} (logs/ left out) with its kind and, for files, CRC32C. */
  static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> !p.startsWith(logs)).toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          m.put(key, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          m.put(key, "dir");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          CRC32C crc = new CRC32C();
          crc.update(Files.readAllBytes(p));
          m.put(key, Files.size(p) + " " + Long.toHexString(crc.getValue()));
        } else {
          m.put(key, "other"); // a FIFO: never opened
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return m;
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
