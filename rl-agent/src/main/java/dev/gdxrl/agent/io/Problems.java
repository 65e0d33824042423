package dev.gdxrl.agent.io;

import java.io.EOFException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Words for what went wrong while reading a file: the exception's own message when it says
 * something, else what its type means ({@code EOFException} has no message, a {@code
 * MalformedInputException} says only "Input length = 1", some libraries print a {@code byte[]}
 * as "[B@6ad82709").
 */
public final class Problems {
  private Problems() {}

  /** One line saying what {@code e} means for the file being read. */
  public static String describe(Throwable e) {
    if (e instanceof EOFException) {
      return "it ends early (truncated or damaged)" + detail(e);
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text (binary or damaged)";
    }
    if (e instanceof NoSuchFileException f) {
      return "missing file " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied on " + f.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    if (e instanceof OutOfMemoryError) {
      return "it does not fit in the JVM's memory (damaged sizes, or raise"
          + " GDX_RL_JAVA_OPTS=-Xmx...)";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank() || m.contains("[B@")) {
      Throwable cause = e.getCause();
      if (cause != null && cause != e) {
        return describe(cause);
      }
      return "damaged or not in the expected format (" + words(e) + ")";
    }
    return m.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  private static String detail(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
  }

  /** {@code NegativeArraySizeException} -> "negative array size". */
  private static String words(Throwable e) {
    String name = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
