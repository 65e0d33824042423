package dev.gdxrl.desktop.game;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import com.badlogic.gdx.utils.GdxRuntimeException;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Opens the window: configuration plus one {@code new}. Returns when the window closes; throws
 * {@link WindowUnavailableException} with GLFW's own reason when no window can be opened.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static PlayOutcome launch(PlayConfig config, EnvRegistry registry) {
    return launch(GameSetup.of(config, registry), new PlayOutcome());
  }

  /** Opens the window for {@code setup}; the game writes how it went into {@code outcome}. */
  public static PlayOutcome launch(GameSetup setup, PlayOutcome outcome) {
    PlayConfig config = setup.config();
    Lwjgl3ApplicationConfiguration window = new Lwjgl3ApplicationConfiguration();
    window.setTitle("gdx-rl: " + config.envId());
    window.setWindowedMode(config.width(), config.height());
    window.setResizable(!config.screenshotMode());
    window.disableAudio(true);
    // Screenshots render as fast as possible; play runs at the display's pace.
    window.useVsync(!config.screenshotMode());
    window.setForegroundFPS(config.screenshotMode() ? 0 : 60);
    window.setIdleFPS(60);

    // GLFW reports errors through libGDX's (static) error stream with a stack dump each; collect
    // them and show them once the loop has ended, or turn a failed start into one line.
    ByteArrayOutputStream glfwErrors = new ByteArrayOutputStream();
    PrintStream previous = Lwjgl3ApplicationConfiguration.errorStream;
    Lwjgl3ApplicationConfiguration.errorStream =
        new PrintStream(glfwErrors, true, StandardCharsets.UTF_8);
    try {
      new Lwjgl3Application(new GdxRlGame(setup, outcome), window);
    } catch (GdxRuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("GLFW")) {
        throw new WindowUnavailableException(e.getMessage() + firstDescription(glfwErrors), e);
      }
      throw e;
    } finally {
      Lwjgl3ApplicationConfiguration.errorStream = previous;
    }
    if (glfwErrors.size() > 0) {
      previous.print(glfwErrors.toString(StandardCharsets.UTF_8));
    }
    return outcome;
  }

  private static String firstDescription(ByteArrayOutputStream errors) {
    for (String line : errors.toString(StandardCharsets.UTF_8).split("\\R")) {
      String l = line.strip();
      if (l.startsWith("Description")) {
        return " (" + l.substring(l.indexOf(':') + 1).strip() + ")";
      }
    }
    return "";
  }
}
