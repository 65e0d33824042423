package dev.gdxrl.desktop.game;

/**
 * How a rendered session ended, written by the game thread and read by the caller once the
 * application loop has returned.
 */
public final class PlayOutcome {
  private volatile String error;

  /** Records a failure; the first one wins. */
  void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  /** The failure message, or null if the session ended normally. */
  public String error() {
    return error;
  }
}
