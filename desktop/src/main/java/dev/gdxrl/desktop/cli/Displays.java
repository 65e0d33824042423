package dev.gdxrl.desktop.cli;

import java.util.Locale;
import java.util.Map;

/** Whether a window can be opened, judged from the environment before any native code runs. */
final class Displays {
  private Displays() {}

  /**
   * On Linux and other X11/Wayland systems a window needs {@code DISPLAY} or {@code
   * WAYLAND_DISPLAY}; macOS and Windows always have a display.
   */
  static boolean available(Map<String, String> environment, String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win") || os.contains("mac")) {
      return true;
    }
    return notBlank(environment.get("DISPLAY")) || notBlank(environment.get("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
