package dev.gdxrl.agent.io;

/**
 * A checkpoint that cannot be used: unreadable, truncated, of another format version, or for
 * another env or other spaces. The message is one line that says exactly what is wrong.
 */
public final class CheckpointException extends IllegalArgumentException {
  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
