package dev.gdxrl.agent.config;

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
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
          p.load(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
          m.put(k.trim(), p.getProperty(k).trim());
        }
        return m;
      }
      Object root = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
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
}
