package dev.gdxrl.agent.config;

import java.util.Arrays;

/**
 * One-line validation helpers for config records' compact constructors. Each throws {@link
 * IllegalArgumentException} naming the YAML key, so a bad value gives one clear line.
 */
public final class Check {
  private Check() {}

  public static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be a positive number, got " + v);
    }
  }

  public static void atLeast(String key, double v, double min) {
    if (!(v >= min) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be >= " + fmt(min) + ", got " + fmt(v));
    }
  }

  /** {@code v} in [min, max]; the message names the range. */
  public static void between(String key, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(key + " must be in [" + fmt(min) + ", " + fmt(max)
          + "], got " + fmt(v));
    }
  }

  /** Every entry finite (bounds, initial values). */
  public static void finite(String key, java.util.List<Double> values) {
    for (Double d : values) {
      if (d == null || !Double.isFinite(d)) {
        throw new IllegalArgumentException(key + " must hold finite numbers, got " + values);
      }
    }
  }

  public static void fraction(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
    }
  }

  public static void oneOf(String key, String v, String... allowed) {
    if (v == null || !Arrays.asList(allowed).contains(v)) {
      throw new IllegalArgumentException(
          key + " must be one of " + String.join(", ", allowed) + ", got " + v);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Double.toString(v);
  }
}
