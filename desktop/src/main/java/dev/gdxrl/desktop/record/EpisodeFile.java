package dev.gdxrl.desktop.record;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The episode file of {@code --record FILE}: JSON lines, one episode per line, e.g.
 *
 * <pre>
 * {"format":"gdx-rl-episode","version":1,"env":"lunarlander","seed":3,"drivers":["agent"],
 *  "steps":245,"return":231.41234,"terminated":true,"truncated":false,"outcome":"landed",
 *  "actions":[0,2,2,...],"rewards":[-0.81,1.37,...]}
 * </pre>
 *
 * (one line in the file). {@code actions} holds integers for Discrete envs and arrays of floats
 * (one per step) for continuous ones. Numbers are written in Java's shortest round-trip form, so
 * reading gives back the exact doubles and floats: a replay can compare rewards and returns with
 * {@code ==}. Unknown keys are ignored when reading (later versions may add some).
 */
public final class EpisodeFile {
  public static final String FORMAT = "gdx-rl-episode";
  public static final int VERSION = 1;

  private EpisodeFile() {}

  /** Appends episodes to a file, one line each, flushed after every episode. */
  public static final class Writer implements Closeable {
    private final BufferedWriter out;
    private int episodes;

    /** Creates (or truncates) {@code file}. */
    public Writer(Path file) throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    public void write(EpisodeRecord e) throws IOException {
      out.write(toJson(e));
      out.write('\n');
      out.flush();
      episodes++;
    }

    public int episodes() {
      return episodes;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** One line of the file for {@code e}. */
  public static String toJson(EpisodeRecord e) {
    StringBuilder b = new StringBuilder(64 + 24 * e.length());
    b.append("{\"format\":\"").append(FORMAT).append("\",\"version\":").append(VERSION)
        .append(",\"env\":");
    string(b, e.envId());
    b.append(",\"seed\":").append(e.seed()).append(",\"drivers\":[");
    for (int i = 0; i < e.drivers().size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      string(b, e.drivers().get(i));
    }
    b.append("],\"steps\":").append(e.length())
        .append(",\"return\":").append(e.episodeReturn())
        .append(",\"terminated\":").append(e.terminated())
        .append(",\"truncated\":").append(e.truncated())
        .append(",\"outcome\":");
    if (e.outcome() == null) {
      b.append("null");
    } else {
      string(b, e.outcome());
    }
    b.append(",\"actions\":[");
    for (int t = 0; t < e.length(); t++) {
      if (t > 0) {
        b.append(',');
      }
      if (e.discrete()) {
        b.append(e.discreteActions()[t]);
      } else {
        float[] a = e.continuousActions()[t];
        b.append('[');
        for (int j = 0; j < a.length; j++) {
          if (j > 0) {
            b.append(',');
          }
          b.append(a[j]);
        }
        b.append(']');
      }
    }
    b.append("],\"rewards\":[");
    double[] r = e.rewards();
    for (int t = 0; t < r.length; t++) {
      if (t > 0) {
        b.append(',');
      }
      b.append(r[t]);
    }
    return b.append("]}").toString();
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /**
   * Reads every episode of {@code file}. Blank lines are skipped.
   *
   * @throws IllegalArgumentException one line naming the file, the line number and the problem
   */
  public static List<EpisodeRecord> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read episode file " + file + ": " + e.getMessage());
    }
    List<EpisodeRecord> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        out.add(parse(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("episode file " + file + " line " + (i + 1) + ": "
            + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("episode file " + file + " holds no episodes");
    }
    return out;
  }

  /** The episode of one line of the file. */
  public static EpisodeRecord parse(String line) {
    Object v = new Json(line).document();
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (!FORMAT.equals(m.get("format"))) {
      throw new IllegalArgumentException("not a " + FORMAT + " line (format is "
          + m.get("format") + ")");
    }
    long version = Json.num(m, "version").longValue();
    if (version != VERSION) {
      throw new IllegalArgumentException("format version " + version + "; this gdx-rl reads "
          + VERSION);
    }
    String env = Json.str(m, "env");
    long seed = Json.num(m, "seed").longValue();
    List<String> drivers = new ArrayList<>();
    for (Object d : Json.list(m, "drivers")) {
      drivers.add(String.valueOf(d));
    }
    List<?> acts = Json.list(m, "actions");
    List<?> rews = Json.list(m, "rewards");
    double[] rewards = new double[rews.size()];
    for (int t = 0; t < rewards.length; t++) {
      rewards[t] = Json.asNumber(rews.get(t), "rewards").doubleValue();
    }
    int[] discrete = null;
    float[][] continuous = null;
    if (!acts.isEmpty() && acts.get(0) instanceof List<?>) {
      continuous = new float[acts.size()][];
      for (int t = 0; t < acts.size(); t++) {
        if (!(acts.get(t) instanceof List<?> row)) {
          throw new IllegalArgumentException("actions mix numbers and arrays");
        }
        continuous[t] = new float[row.size()];
        for (int j = 0; j < row.size(); j++) {
          continuous[t][j] = Json.asNumber(row.get(j), "actions").floatValue();
        }
      }
    } else {
      discrete = new int[acts.size()];
      for (int t = 0; t < discrete.length; t++) {
        discrete[t] = Json.asNumber(acts.get(t), "actions").intValue();
      }
    }
    Object steps = m.get("steps");
    if (steps != null && Json.asNumber(steps, "steps").longValue() != rewards.length) {
      throw new IllegalArgumentException("steps says " + steps + " but there are "
          + rewards.length + " rewards");
    }
    Object outcome = m.get("outcome");
    return new EpisodeRecord(env, seed, drivers, discrete, continuous, rewards,
        Json.num(m, "return").doubleValue(), Boolean.TRUE.equals(m.get("terminated")),
        Boolean.TRUE.equals(m.get("truncated")), outcome == null ? null : outcome.toString());
  }

  /** A small strict JSON reader; numbers stay as their text until asked for (exact floats). */
  private static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    /** A number as written in the file. */
    record Num(String text) {
      double doubleValue() {
        return Double.parseDouble(text);
      }

      float floatValue() {
        return Float.parseFloat(text);
      }

      long longValue() {
        return Long.parseLong(text);
      }

      int intValue() {
        return Integer.parseInt(text);
      }

      @Override
      public String toString() {
        return text;
      }
    }

    Object document() {
      Object v = value();
      skipSpace();
      if (i != s.length()) {
        throw error("trailing characters");
      }
      return v;
    }

    private Object value() {
      skipSpace();
      if (i >= s.length()) {
        throw error("unexpected end of line");
      }
      char c = s.charAt(i);
      if (c == '{') {
        return object();
      }
      if (c == '[') {
        return array();
      }
      if (c == '"') {
        return string();
      }
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      return number();
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      skipSpace();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a key");
        }
        String key = string();
        skipSpace();
        expect(':');
        m.put(key, value());
        skipSpace();
        char c = next();
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    private List<Object> array() {
      List<Object> a = new ArrayList<>();
      i++;
      skipSpace();
      if (peek() == ']') {
        i++;
        return a;
      }
      while (true) {
        a.add(value());
        skipSpace();
        char c = next();
        if (c == ']') {
          return a;
        }
        if (c != ',') {
          throw error("expected , or ]");
        }
      }
    }

    private String string() {
      i++;
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = next();
          switch (e) {
            case '"', '\\', '/' -> b.append(e);
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              if (i + 4 > s.length()) {
                throw error("bad \\u escape");
              }
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> throw error("bad escape \\" + e);
          }
        } else {
          b.append(c);
        }
      }
    }

    private Num number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw error("unexpected '" + s.charAt(i) + "'");
      }
      String text = s.substring(start, i);
      try {
        Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error("bad number '" + text + "'");
      }
      return new Num(text);
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
      if (i >= s.length()) {
        throw error("unexpected end of line");
      }
      return s.charAt(i++);
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad JSON at column " + (i + 1) + ": " + what);
    }

    static Num asNumber(Object o, String key) {
      if (o instanceof Num n) {
        return n;
      }
      throw new IllegalArgumentException(key + " holds a non-number: " + o);
    }

    static Num num(Map<?, ?> m, String key) {
      if (!m.containsKey(key)) {
        throw new IllegalArgumentException("missing \"" + key + "\"");
      }
      return asNumber(m.get(key), key);
    }

    static String str(Map<?, ?> m, String key) {
      if (!(m.get(key) instanceof String v)) {
        throw new IllegalArgumentException("missing string \"" + key + "\"");
      }
      return v;
    }

    static List<?> list(Map<?, ?> m, String key) {
      if (!(m.get(key) instanceof List<?> v)) {
        throw new IllegalArgumentException("missing list \"" + key + "\"");
      }
      return v;
    }
  }
}
