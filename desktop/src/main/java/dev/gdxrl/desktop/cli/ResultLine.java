package dev.gdxrl.desktop.cli;

import java.util.Locale;

/**
 * The machine-readable last line of {@code train}, {@code eval} and {@code bench}: {@code RESULT}
 * followed by {@code key=value} pairs in insertion order. Numbers use {@code .} as decimal point
 * whatever the locale; values must not contain spaces.
 */
public final class ResultLine {
  private final StringBuilder text = new StringBuilder("RESULT");

  public ResultLine put(String key, String value) {
    if (key.isEmpty() || key.contains(" ") || key.contains("=") || value.contains(" ")) {
      throw new IllegalArgumentException("bad RESULT pair: '" + key + "=" + value + "'");
    }
    text.append(' ').append(key).append('=').append(value);
    return this;
  }

  public ResultLine put(String key, long value) {
    return put(key, Long.toString(value));
  }

  /** A real number with {@code decimals} digits after the point. */
  public ResultLine put(String key, double value, int decimals) {
    return put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
