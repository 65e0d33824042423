package dev.gdxrl.desktop.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * (one per step) for continuous ones; {@code outcome} is a string or null. Numbers are written in
 * Java's shortest round-trip form, so reading gives back the exact doubles and floats: a replay
 * can compare rewards and returns with {@code ==}.
 *
 * <p>Reading is strict, and every problem is one line naming the file, the line and what is
 * wrong: every key above must be there, once, with a value of its type; there are no other keys
 * (a later format changes {@code version}); numbers are finite; an episode has at least one step,
 * {@code steps} actions and {@code steps} rewards, ends terminated or truncated, and its return is
 * its rewards added in step order. JSON nested deeper than {@value #MAX_NESTING_DEPTH} levels is
 * refused as such (an episode line nests three).
 */
public final class EpisodeFile {
  public static final String FORMAT = "gdx-rl-episode";
  public static final int VERSION = 1;

  /** Deepest nesting of arrays and objects a line may have. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final List<String> KEYS = List.of("format", "version", "env", "seed", "drivers",
      "steps", "return", "terminated", "truncated", "outcome", "actions", "rewards");

  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .characterEscapes(new Escapes())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

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

    /**
     * Writes {@code e} as one line.
     *
     * @throws IOException also when {@code e} holds a number JSON cannot hold (NaN, infinite)
     */
    public void write(EpisodeRecord e) throws IOException {
      String line;
      try {
        line = toJson(e);
      } catch (IllegalArgumentException ex) {
        throw new IOException(ex.getMessage(), ex);
      }
      out.write(line);
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

  /**
   * One line of the file for {@code e} (without its line end).
   *
   * @throws IllegalArgumentException when a reward, the return or an action is NaN or infinite
   */
  public static String toJson(EpisodeRecord e) {
    StringWriter s = new StringWriter(64 + 24 * e.length());
    try (JsonGenerator g = JSON.createGenerator(s)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeStringField("env", e.envId());
      g.writeNumberField("seed", e.seed());
      g.writeArrayFieldStart("drivers");
      for (String d : e.drivers()) {
        g.writeString(d);
      }
      g.writeEndArray();
      g.writeNumberField("steps", e.length());
      g.writeNumberField("return", finite(e.episodeReturn(), "the return"));
      g.writeBooleanField("terminated", e.terminated());
      g.writeBooleanField("truncated", e.truncated());
      g.writeFieldName("outcome");
      if (e.outcome() == null) {
        g.writeNull();
      } else {
        g.writeString(e.outcome());
      }
      g.writeArrayFieldStart("actions");
      for (int t = 0; t < e.length(); t++) {
        if (e.discrete()) {
          g.writeNumber(e.discreteActions()[t]);
        } else {
          g.writeStartArray();
          for (float a : e.continuousActions()[t]) {
            if (!Float.isFinite(a)) {
              throw new IllegalArgumentException("the action of step " + t + " holds " + a
                  + ", which JSON cannot hold");
            }
            g.writeNumber(a);
          }
          g.writeEndArray();
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rewards");
      double[] r = e.rewards();
      for (int t = 0; t < r.length; t++) {
        g.writeNumber(finite(r[t], "the reward of step " + t));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex); // a StringWriter does not fail
    }
    return s.toString();
  }

  private static double finite(double v, String what) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " is " + v + ", which JSON cannot hold");
    }
    return v;
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
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("episode file " + file + " is not UTF-8 text");
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
            + oneLine(e.getMessage()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("episode file " + file + " holds no episodes");
    }
    return out;
  }

  /**
   * The episode of one line of the file.
   *
   * @throws IllegalArgumentException what is wrong with the line
   */
  public static EpisodeRecord parse(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      EpisodeRecord e = new LineReader(p).episode();
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new IllegalArgumentException("more after the episode's object at column "
            + column(p.currentTokenLocation()));
      }
      return e;
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_NESTING_DEPTH
          + " levels (an episode line nests 3)");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON at column " + column(e.getLocation()) + ": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String does not fail
    }
  }

  private static String column(JsonLocation at) {
    return at == null ? "?" : Integer.toString(at.getColumnNr());
  }

  private static String oneLine(String message) {
    return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Reads one episode object, key by key, checking each value's type as it comes. */
  private static final class LineReader {
    private final JsonParser p;
    private final Set<String> seen = new HashSet<>();
    private final List<String> unknown = new ArrayList<>();
    private String format;
    private long version;
    private String env;
    private long seed;
    private List<String> drivers;
    private long steps;
    private double episodeReturn;
    private boolean terminated;
    private boolean truncated;
    private String outcome;
    private int[] discrete;
    private float[][] continuous;
    private double[] rewards;

    LineReader(JsonParser p) {
      this.p = p;
    }

    EpisodeRecord episode() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("an episode line is a JSON object, not "
            + describe(p.currentToken()));
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        seen.add(key);
        p.nextToken();
        switch (key) {
          case "format" -> format = string(key);
          case "version" -> version = integer(key);
          case "env" -> env = string(key);
          case "seed" -> seed = integer(key);
          case "drivers" -> drivers = strings(key);
          case "steps" -> steps = integer(key);
          case "return" -> episodeReturn = real(key);
          case "terminated" -> terminated = bool(key);
          case "truncated" -> truncated = bool(key);
          case "outcome" -> outcome = outcome(key);
          case "actions" -> actions();
          case "rewards" -> rewards = reals(key);
          default -> {
            unknown.add(key);
            p.skipChildren();
          }
        }
      }
      return check();
    }

    private EpisodeRecord check() {
      if (!seen.contains("format")) {
        throw new IllegalArgumentException("not a " + FORMAT + " line (no \"format\")");
      }
      if (!FORMAT.equals(format)) {
        throw new IllegalArgumentException("not a " + FORMAT + " line (format is \"" + format
            + "\")");
      }
      if (!seen.contains("version")) {
        throw new IllegalArgumentException("missing \"version\"");
      }
      if (version != VERSION) {
        throw new IllegalArgumentException("format version " + version + "; this gdx-rl reads "
            + VERSION);
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown key" + (unknown.size() > 1 ? "s " : " ")
            + quoted(unknown) + "; version " + VERSION + " has " + quoted(KEYS));
      }
      List<String> missing = KEYS.stream().filter(k -> !seen.contains(k)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("missing " + quoted(missing));
      }
      if (env.isBlank()) {
        throw new IllegalArgumentException("\"env\" is blank");
      }
      if (steps < 1) {
        throw new IllegalArgumentException("\"steps\" is " + steps
            + "; a recorded episode has at least one step");
      }
      int actions = discrete != null ? discrete.length : continuous.length;
      if (steps != actions || steps != rewards.length) {
        throw new IllegalArgumentException("\"steps\" is " + steps + " but there are " + actions
            + " actions and " + rewards.length + " rewards");
      }
      if (!terminated && !truncated) {
        throw new IllegalArgumentException("the episode neither terminated nor truncated; a"
            + " recorded episode ends one way or the other");
      }
      double sum = EpisodeRecord.sum(rewards);
      if (Double.doubleToLongBits(sum) != Double.doubleToLongBits(episodeReturn)) {
        throw new IllegalArgumentException("\"return\" is " + episodeReturn
            + " but the rewards add up to " + sum);
      }
      return new EpisodeRecord(env, seed, drivers, discrete, continuous, rewards, episodeReturn,
          terminated, truncated, outcome);
    }

    private String string(String key) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw wrongType(key, "a string");
      }
      try {
        return p.getText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String outcome(String key) {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NULL && t != JsonToken.VALUE_STRING) {
        throw wrongType(key, "a string or null");
      }
      return t == JsonToken.VALUE_NULL ? null : string(key);
    }

    private long integer(String key) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw wrongType(key, "an integer");
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new IllegalArgumentException("\"" + key + "\" is " + p.getText() + ", out of range");
      }
      return p.getLongValue();
    }

    private boolean bool(String key) {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw wrongType(key, "true or false");
      }
      return t == JsonToken.VALUE_TRUE;
    }

    /** A finite number, parsed from its text (exactly as written). */
    private double real(String key) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw wrongType(key, "a number");
      }
      double v = Double.parseDouble(p.getText());
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("\"" + key + "\" is " + p.getText() + ", not a finite double");
      }
      return v;
    }

    private float realFloat(String key) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw wrongType(key, "a number");
      }
      float v = Float.parseFloat(p.getText());
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("\"" + key + "\" is " + p.getText() + ", not a finite float");
      }
      return v;
    }

    private void startArray(String key) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw wrongType(key, "an array");
      }
    }

    private List<String> strings(String key) throws IOException {
      startArray(key);
      List<String> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        out.add(string(key + "[" + out.size() + "]"));
      }
      return out;
    }

    private double[] reals(String key) throws IOException {
      startArray(key);
      double[] out = new double[16];
      int n = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (n == out.length) {
          out = Arrays.copyOf(out, 2 * n);
        }
        out[n] = real(key + "[" + n + "]");
        n++;
      }
      return Arrays.copyOf(out, n);
    }

    /** Integers (Discrete) or rows of floats of one length (Box), never a mix. */
    private void actions() throws IOException {
      startArray("actions");
      List<float[]> rows = new ArrayList<>();
      int[] ints = new int[16];
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        String key = "actions[" + n + "]";
        if (t == JsonToken.START_ARRAY) {
          if (n > rows.size()) {
            throw new IllegalArgumentException("\"" + key + "\" is an array after integers; actions are"
                + " all integers (Discrete) or all arrays of numbers (Box)");
          }
          float[] row = new float[4];
          int m = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (m == row.length) {
              row = Arrays.copyOf(row, 2 * m);
            }
            row[m] = realFloat(key + "[" + m + "]");
            m++;
          }
          if (m == 0 || (!rows.isEmpty() && m != rows.get(0).length)) {
            throw new IllegalArgumentException("\"" + key + "\" holds " + m + " numbers but "
                + (rows.isEmpty() ? "a continuous action holds at least one"
                : "\"actions[0]\" holds " + rows.get(0).length));
          }
          rows.add(Arrays.copyOf(row, m));
        } else {
          if (!rows.isEmpty()) {
            throw new IllegalArgumentException("\"" + key + "\" is not an array like the actions before"
                + " it; actions are all integers (Discrete) or all arrays of numbers (Box)");
          }
          if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(key, "an integer or an array of numbers");
          }
          if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new IllegalArgumentException("\"" + key + "\" is " + p.getText() + ", out of range");
          }
          if (n == ints.length) {
            ints = Arrays.copyOf(ints, 2 * n);
          }
          ints[n] = p.getIntValue();
        }
        n++;
      }
      if (rows.isEmpty()) {
        discrete = Arrays.copyOf(ints, n);
        continuous = null;
      } else {
        continuous = rows.toArray(new float[0][]);
        discrete = null;
      }
    }

    private IllegalArgumentException wrongType(String key, String expected) {
      return new IllegalArgumentException("\"" + key + "\" is " + describe(p.currentToken())
          + ", not " + expected);
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : t.asString();
    };
  }

  private static String quoted(List<String> keys) {
    return "\"" + String.join("\", \"", keys) + "\"";
  }

  /**
   * The escapes of the first (hand-written) writer, kept so files stay byte for byte the same:
   * {@code \n \t \r} short, other control characters as lower-case {@code \}{@code u00xx}, and
   * nothing else but {@code "} and {@code \} escaped (not {@code /}, not non-ASCII).
   */
  private static final class Escapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    Escapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\n' && c != '\t' && c != '\r') {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < 0x20 ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
    }
  }
}
