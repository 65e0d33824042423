package dev.gdxrl.agent.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds {@code key: value} maps (from YAML or command-line overrides) onto config records. Keys
 * are the snake_case names of the record components ({@code learningRate} is {@code
 * learning_rate}). Unknown keys, values of the wrong type and values the record rejects all give
 * an {@link IllegalArgumentException} with one clear line.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  /** snake_case of a camelCase name. */
  public static String key(String component) {
    StringBuilder sb = new StringBuilder();
    for (char c : component.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The YAML keys a record type accepts. */
  public static Set<String> keys(Class<? extends Record> type) {
    Set<String> keys = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      keys.add(key(c.getName()));
    }
    return keys;
  }

  /** The record's values by YAML key, in declaration order. */
  public static Map<String, Object> toMap(Record config) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : config.getClass().getRecordComponents()) {
      try {
        m.put(key(c.getName()), c.getAccessor().invoke(config));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /**
   * A copy of {@code base} with the entries of {@code overrides} applied.
   *
   * @param section name used in messages, e.g. "dqn config"
   */
  @SuppressWarnings("unchecked")
  public static <C extends Record> C bind(C base, Map<String, ?> overrides, String section) {
    Class<C> type = (Class<C>) base.getClass();
    RecordComponent[] comps = type.getRecordComponents();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < comps.length; i++) {
      index.put(key(comps[i].getName()), i);
    }
    Object[] values = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      try {
        values[i] = comps[i].getAccessor().invoke(base);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      Integer i = index.get(e.getKey());
      if (i == null) {
        throw new IllegalArgumentException("unknown " + section + " key '" + e.getKey()
            + "'; known keys: " + String.join(", ", index.keySet()));
      }
      values[i] = convert(e.getKey(), e.getValue(), comps[i]);
    }
    try {
      Constructor<C> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(section + ": " + iae.getMessage(), iae);
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String key, Object v, RecordComponent c) {
    Class<?> t = c.getType();
    if (v == null) {
      throw new IllegalArgumentException(key + " has no value");
    }
    if (t == double.class || t == int.class || t == long.class) {
      Number n = number(key, v);
      if (t == double.class) {
        return n.doubleValue();
      }
      double d = n.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
      }
      if (t == int.class) {
        if (d > Integer.MAX_VALUE || d < Integer.MIN_VALUE) {
          throw new IllegalArgumentException(key + " is out of range: " + v);
        }
        return (int) d;
      }
      return (long) d;
    }
    if (t == boolean.class) {
      if (v instanceof Boolean b) {
        return b;
      }
      String s = v.toString().trim().toLowerCase();
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
    if (t == String.class) {
      return v.toString().trim();
    }
    if (t == List.class && c.getGenericType() instanceof ParameterizedType pt
        && (pt.getActualTypeArguments()[0] == Integer.class
            || pt.getActualTypeArguments()[0] == Double.class)) {
      boolean ints = pt.getActualTypeArguments()[0] == Integer.class;
      List<Object> items = new ArrayList<>();
      if (v instanceof List<?> l) {
        items.addAll(l);
      } else {
        String s = v.toString().replace("[", "").replace("]", "").trim();
        if (!s.isEmpty()) {
          for (String part : s.split("[,\\s]+")) {
            items.add(part);
          }
        }
      }
      List<Object> out = new ArrayList<>();
      for (Object o : items) {
        Number n = number(key, o);
        if (!ints) {
          out.add(n.doubleValue());
        } else if (n.doubleValue() != Math.rint(n.doubleValue())) {
          throw new IllegalArgumentException(key + " must list whole numbers, got '" + v + "'");
        } else {
          out.add(n.intValue());
        }
      }
      return out;
    }
    throw new IllegalStateException("unsupported config type " + t + " for " + key);
  }

  private static Number number(String key, Object v) {
    if (v instanceof Number n) {
      return n;
    }
    try {
      return Double.parseDouble(v.toString().trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
    }
  }
}
