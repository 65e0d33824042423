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
    if (t == double.class) {
      double d = number(key, v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(key + " must be a finite number, got '" + v + "'");
      }
      return d;
    }
    if (t == int.class || t == long.class) {
      return whole(key, v, t == int.class ? Integer.MIN_VALUE : Long.MIN_VALUE,
          t == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE, t == int.class);
    }
    if (t == boolean.class) {
      if (v instanceof Boolean b) {
        return b;
      }
      String s = v instanceof String str ? str.trim().toLowerCase() : "";
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
    if (t == String.class) {
      if (!(v instanceof String str)) {
        throw new IllegalArgumentException(key + " must be a word, got '" + v + "'");
      }
      return str.trim();
    }
    if (t == List.class && c.getGenericType() instanceof ParameterizedType pt
        && (pt.getActualTypeArguments()[0] == Integer.class
            || pt.getActualTypeArguments()[0] == Double.class)) {
      boolean ints = pt.getActualTypeArguments()[0] == Integer.class;
      List<Object> items = new ArrayList<>();
      if (v instanceof List<?> l) {
        items.addAll(l);
      } else if (v instanceof String str) {
        String s = str.trim();
        if (s.startsWith("[") != s.endsWith("]")) {
          throw new IllegalArgumentException(key + " must be a list like [64, 64], got '" + v
              + "'");
        }
        s = s.replace("[", "").replace("]", "").trim();
        if (!s.isEmpty()) {
          for (String part : s.split("[,\\s]+")) {
            items.add(part);
          }
        }
      } else {
        throw new IllegalArgumentException(key + " must be a list like [64, 64], got '" + v
            + "'");
      }
      List<Object> out = new ArrayList<>();
      for (Object o : items) {
        if (o == null) {
          throw new IllegalArgumentException(key + " has an empty entry in '" + v + "'");
        }
        if (ints) {
          out.add(whole(key, o, Integer.MIN_VALUE, Integer.MAX_VALUE, true));
        } else {
          double d = number(key, o).doubleValue();
          if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " must list finite numbers, got '" + v
                + "'");
          }
          out.add(d);
        }
      }
      return out;
    }
    throw new IllegalStateException("unsupported config type " + t + " for " + key);
  }

  /**
   * Decimal numbers only, as a person writes them: {@code 42}, {@code -0.5}, {@code 3e-4},
   * {@code 1_000_000}. No hex ({@code 0x1p-1}), no {@code NaN} or {@code Infinity}, no trailing
   * {@code d}/{@code f}: Java's parsers take those, a config should not.
   */
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
      "[+-]?(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d+)?");

  private static java.math.BigDecimal decimal(String key, Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(key + " must be a finite number, got '" + v + "'");
      }
      return new java.math.BigDecimal(d);
    }
    if (v instanceof java.math.BigDecimal b) {
      return b;
    }
    if (v instanceof java.math.BigInteger b) {
      return new java.math.BigDecimal(b);
    }
    if (v instanceof Number n) {
      return java.math.BigDecimal.valueOf(n.longValue());
    }
    String s = v instanceof String str ? str.trim() : null;
    if (s == null || !DECIMAL.matcher(s).matches()) {
      throw new IllegalArgumentException(key + " must be a decimal number (like 42, 0.5 or"
          + " 3e-4), got '" + v + "'");
    }
    try {
      return new java.math.BigDecimal(s.replace("_", ""));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(key + " must be a decimal number, got '" + v + "'");
    }
  }

  private static Number number(String key, Object v) {
    java.math.BigDecimal b = decimal(key, v);
    double d = b.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(key + " is out of range: '" + v + "'");
    }
    return d;
  }

  /** A whole number in [min, max], exactly (never rounded, never saturated). */
  private static Object whole(String key, Object v, long min, long max, boolean asInt) {
    java.math.BigDecimal b = decimal(key, v);
    if (b.signum() != 0 && b.precision() - b.scale() > 19) {
      throw new IllegalArgumentException(key + " is out of range: '" + v + "' (at most " + max
          + ")");
    }
    java.math.BigInteger i;
    try {
      i = b.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
    }
    if (i.compareTo(java.math.BigInteger.valueOf(min)) < 0
        || i.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(key + " is out of range: '" + v + "' (at most " + max
          + ")");
    }
    return asInt ? (Object) i.intValue() : (Object) i.longValue();
  }
}
