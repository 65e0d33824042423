package dev.gdxrl.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads hyperparameter files: YAML ({@code key: value}, one flat map) or Java properties
 * ({@code key=value}). Problems are one-line {@link IllegalArgumentException}s.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  public static Map<String, Object> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    String name = file.getFileName().toString().toLowerCase();
    try {
      if (name.endsWith(".properties")) {
        Properties p = new Properties() {
          @Override
          public synchronized Object put(Object key, Object value) {
            if (containsKey(key)) {
              throw new IllegalArgumentException("config file " + file + ": key '" + key
                  + "' is set twice; keep one of them");
            }
            return super.put(key, value);
          }
        };
        try (Reader r = Files.newBufferedReader(file)) {
          p.load(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
          m.put(k.trim(), p.getProperty(k).trim());
        }
        return m;
      }
      Object root;
      try {
        root = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .readValue(file.toFile(), Object.class);
      } catch (JsonProcessingException e) {
        String msg = String.valueOf(e.getOriginalMessage());
        java.util.regex.Matcher dup = java.util.regex.Pattern
            .compile("Duplicate field '(.*)'").matcher(msg);
        if (dup.find()) {
          throw new IllegalArgumentException("config file " + file + ": key '" + dup.group(1)
              + "' is set twice" + line(e) + "; keep one of them", e);
        }
        throw new IllegalArgumentException("config file " + file + " is not valid YAML: "
            + yamlProblem(e), e);
      }
      if (root == null) {
        return Map.of();
      }
      if (!(root instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(
            "config file " + file + " must hold a map of key: value lines");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() instanceof Map) {
          throw new IllegalArgumentException("config file " + file + ": key '" + e.getKey()
              + "' holds a nested map; use flat keys (e.g. learning_rate: 0.001)");
        }
        m.put(String.valueOf(e.getKey()), e.getValue());
      }
      return m;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new IllegalArgumentException("cannot read config file " + file + ": " + msg, e);
    }
  }

  /**
   * A YAML parser's complaint in one line with its line number: SnakeYAML's message spans lines
   * (what, then an echo of the source with a caret) and Jackson appends the source itself
   * ("[Source: (byte[])..."); only the sentences are kept.
   */
  public static String yamlProblem(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    java.util.List<String> said = new java.util.ArrayList<>();
    Integer line = null;
    for (String l : original.split("\\R")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("in '[^']*', line (\\d+)")
          .matcher(l);
      if (m.find()) {
        line = line == null ? Integer.valueOf(m.group(1)) : line;
      } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !said.contains(l)) {
        said.add(l.strip());
      }
    }
    String where = line != null ? " (line " + line + ")" : line(e);
    return (said.isEmpty() ? "malformed" : String.join(", ", said)) + where;
  }

  private static String line(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " (line " + e.getLocation().getLineNr() + ")";
  }
}
