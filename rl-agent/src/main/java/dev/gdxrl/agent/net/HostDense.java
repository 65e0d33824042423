package dev.gdxrl.agent.net;

import java.nio.file.Path;

/**
 * Checks of host parameter arrays (networks, Q-tables) read from files, and their messages. The
 * host forward pass itself is {@link HostNet}.
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
}
