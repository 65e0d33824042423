package dev.gdxrl.desktop.game;

/**
 * The game cannot be shown: no view for the env, two providers claiming it, or a view (or its
 * provider) that threw. The message is one line for the user; the game ends with exit status 2.
 */
public final class GameViewException extends RuntimeException {
  public GameViewException(String message) {
    super(message);
  }

  public GameViewException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "ExceptionClass: message" of {@code t} on one line. */
  static String describe(Throwable t) {
    String m = t.getMessage();
    String name = t.getClass().getSimpleName();
    return m == null ? name : name + ": " + m.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
