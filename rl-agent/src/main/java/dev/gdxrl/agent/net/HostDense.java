package dev.gdxrl.agent.net;

import java.nio.file.Path;

/**
 * The plain-Java dense layer shared by the host-side networks ({@link HostMlp}, the actor-critic's
 * {@code HostActorCritic}): weights kept transposed as one row per input, so that the innermost
 * loop runs over contiguous outputs (the JIT vectorises it) while every output still gets exactly
 * the sum {@code bias + w0 x0 + w1 x1 + ...} in that order, bitwise the value of a dot product.
 */
public final class HostDense {
  private HostDense() {}

  /** Whether every value is finite (no NaN, no infinity). */
  public static boolean finite(float[] v) {
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest magnitude a loaded network parameter may have. Trained MLP weights stay within a
   * few hundred; values far beyond (1e38, a flipped exponent bit) overflow float activations to
   * infinity and NaN within two layers, so a file holding them is damaged or from a diverged run.
   */
  public static final float MAX_LOADED_PARAMETER = 1e6f;

  /** Whether every value is finite and within {@link #MAX_LOADED_PARAMETER} in magnitude. */
  public static boolean plausible(float[] v) {
    for (float x : v) {
      if (!(Math.abs(x) <= MAX_LOADED_PARAMETER)) {
        return false;
      }
    }
    return true;
  }

  /** The message of a parameter file whose numbers are not {@link #plausible}. */
  public static String implausibleMessage(Path file) {
    return file.getFileName() + " holds NaN, infinite or implausibly large parameters (beyond "
        + (long) MAX_LOADED_PARAMETER + " in magnitude: damaged, or saved from a diverged run);"
        + " use another checkpoint, or train again with a lower learning_rate";
  }

  /** The message of a parameter file holding NaN or infinite numbers (refused at load). */
  public static String nonFiniteMessage(Path file) {
    return file.getFileName() + " holds NaN or infinite parameters (saved from a diverged run);"
        + " use another checkpoint, or train again with a lower learning_rate";
  }

  /**
   * The {@code (out, in)} row-major weight at {@code offset} of {@code flat} as {@code in} rows of
   * {@code out} weights.
   */
  public static float[][] transposedRows(float[] flat, int offset, int out, int in) {
    float[][] t = new float[in][out];
    for (int j = 0; j < out; j++) {
      int row = offset + j * in;
      for (int i = 0; i < in; i++) {
        t[i][j] = flat[row + i];
      }
    }
    return t;
  }

  /**
   * {@code acc[j] = bias[biasOffset + j] + sum_i x[xOffset + i] wt[i][j]} for every output j
   * ({@code acc.length >= wt[0].length}; the first {@code wt[0].length} entries are written).
   */
  public static void affine(float[] x, int xOffset, float[][] wt, float[] bias, int biasOffset,
      float[] acc) {
    int out = wt[0].length;
    System.arraycopy(bias, biasOffset, acc, 0, out);
    for (int i = 0; i < wt.length; i++) {
      float xi = x[xOffset + i];
      float[] row = wt[i];
      for (int j = 0; j < out; j++) {
        acc[j] += xi * row[j];
      }
    }
  }
}
