package dev.gdxrl.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tuned hyperparameters as data: YAML resources {@code gdx-rl/presets/ALGO.yaml} on the
 * classpath, each a map from env id to {@code key: value} lines (RL-Zoo style), where a key is
 * any config key of the algorithm or of the training loop ({@code steps}, {@code keep_best},
 * ...). The shipped games' presets are core's; a game ships presets for its own envs by putting
 * the same files in its jar. Resources are looked up through the thread's context class loader
 * (the command line points it at {@code --classpath}).
 *
 * <p>One env id may be preset for an algorithm by one resource only: a second one is a one-line
 * {@link IllegalArgumentException} naming both (identical copies of one file are fine).
 */
public final class Presets {
  /** The resource folder of preset files. */
  public static final String DIR = "gdx-rl/presets/";

  private Presets() {}

  /**
   * The preset of one env for one algorithm.
   *
   * @param values its keys in file order, empty when there is none
   * @param source where it came from ("gdx-rl/presets/ppo.yaml in URL"), or "no preset" when
   *     the generic defaults apply
   */
  public record Preset(Map<String, Object> values, String source) {
    public Preset {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
      return values.isEmpty();
    }
  }

  /**
   * The preset of {@code envId}, from the files {@code names} (e.g. {@code ["dqn",
   * "double-dqn"]}) merged in order, later files overriding earlier ones key by key.
   */
  public static Preset find(String envId, List<String> names) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> sources = new ArrayList<>();
    for (String name : names) {
      Found f = findOne(envId, name);
      if (f != null) {
        values.putAll(f.values());
        sources.add(DIR + name + ".yaml in " + f.url());
      }
    }
    return new Preset(values, sources.isEmpty() ? "no preset" : String.join(", then ", sources));
  }

  private record Found(Map<String, Object> values, URL url, byte[] bytes) {}

  private static Found findOne(String envId, String name) {
    String resource = DIR + name + ".yaml";
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Presets.class.getClassLoader();
    }
    Found found = null;
    Enumeration<URL> urls;
    try {
      urls = loader.getResources(resource);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list preset files " + resource + ": "
          + e.getMessage(), e);
    }
    List<URL> seen = new ArrayList<>();
    while (urls.hasMoreElements()) {
      URL url = urls.nextElement();
      if (seen.contains(url)) {
        continue;
      }
      seen.add(url);
      byte[] bytes = read(url);
      Map<String, Object> values = parse(url, bytes).get(envId);
      if (values == null) {
        continue;
      }
      if (found != null && !Arrays.equals(found.bytes(), bytes)) {
        throw new IllegalArgumentException("env '" + envId + "' has two " + name
            + " presets, in " + found.url() + " and in " + url + "; keep one of them");
      }
      found = new Found(values, url, bytes);
    }
    return found;
  }

  private static byte[] read(URL url) {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read preset file " + url + ": "
          + e.getMessage(), e);
    }
  }

  /** env id -> keys of one preset file; one-line errors for anything but that shape. */
  static Map<String, Map<String, Object>> parse(URL url, byte[] bytes) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    Object root;
    try {
      root = yaml.readValue(bytes, Object.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("cannot read preset file " + url + ": "
          + ConfigFiles.yamlProblem(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read preset file " + url + ": "
          + dev.gdxrl.agent.io.Problems.describe(e), e);
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (root == null) {
      return out;
    }
    if (!(root instanceof Map<?, ?> envs)) {
      throw new IllegalArgumentException("preset file " + url
          + " must map env ids to key: value lines");
    }
    for (Map.Entry<?, ?> e : envs.entrySet()) {
      if (!(e.getValue() instanceof Map<?, ?> keys)) {
        throw new IllegalArgumentException("preset file " + url + ": env '" + e.getKey()
            + "' must hold key: value lines");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> k : keys.entrySet()) {
        if (k.getValue() instanceof Map) {
          throw new IllegalArgumentException("preset file " + url + ": env '" + e.getKey()
              + "', key '" + k.getKey() + "' holds a nested map; use flat keys");
        }
        m.put(String.valueOf(k.getKey()), k.getValue());
      }
      out.put(String.valueOf(e.getKey()), m);
    }
    return out;
  }
}
