package dev.gdxrl.desktop.game;

import java.util.Locale;

/** The built-in drivers of the rendered game, by the {@code Controller} names they get. */
public enum Driver {
  /** The keyboard (see the game's key help). */
  HUMAN,
  /** The env's scripted pilot from the registry. */
  HEURISTIC,
  /** Uniformly random actions. */
  RANDOM;

  /** The lower-case name used on the command line and in the HUD. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The driver named {@code label} (as {@link #label()} writes it), or null. */
  public static Driver fromLabel(String label) {
    for (Driver d : values()) {
      if (d.label().equals(label)) {
        return d;
      }
    }
    return null;
  }

}
