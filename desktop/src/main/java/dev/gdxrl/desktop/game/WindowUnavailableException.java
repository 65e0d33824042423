package dev.gdxrl.desktop.game;

/** No window could be opened (GLFW could not start: no reachable display, no OpenGL). */
public final class WindowUnavailableException extends RuntimeException {
  public WindowUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
