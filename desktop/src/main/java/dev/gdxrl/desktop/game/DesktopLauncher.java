package dev.gdxrl.desktop.game;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import dev.gdxrl.env.EnvRegistry;

/** Opens the window: configuration plus one {@code new}. Returns when the window closes. */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static PlayOutcome launch(PlayConfig config, EnvRegistry registry) {
    Lwjgl3ApplicationConfiguration window = new Lwjgl3ApplicationConfiguration();
    window.setTitle("gdx-rl: " + config.envId());
    window.setWindowedMode(config.width(), config.height());
    window.setResizable(!config.screenshotMode());
    window.disableAudio(true);
    // Screenshots render as fast as possible; play runs at the display's pace.
    window.useVsync(!config.screenshotMode());
    window.setForegroundFPS(config.screenshotMode() ? 0 : 60);
    PlayOutcome outcome = new PlayOutcome();
    new Lwjgl3Application(new GdxRlGame(config, registry, outcome), window);
    return outcome;
  }
}
