package dev.gdxrl.desktop.game;

import java.nio.file.Path;

/**
 * What the rendered game shows and how.
 *
 * @param envId registry id of the game
 * @param seed seed of the first episode; the next episode uses seed + 1, and so on
 * @param driver who acts at start (can be switched with a key)
 * @param screenshot if not null: render {@code frames} frames, save the last one here as PNG, exit
 * @param frames frames to render before the screenshot (>= 1; ignored without a screenshot)
 * @param width window width in pixels (default 1280)
 * @param height window height in pixels (default 720)
 */
public record PlayConfig(
    String envId, long seed, Driver driver, Path screenshot, int frames, int width, int height) {

  public static final int DEFAULT_WIDTH = 1280;
  public static final int DEFAULT_HEIGHT = 720;

  public PlayConfig {
    if (envId == null || envId.isBlank()) {
      throw new IllegalArgumentException("PlayConfig envId is blank");
    }
    if (seed < 0) {
      throw new IllegalArgumentException("PlayConfig seed < 0: " + seed);
    }
    if (driver == null) {
      throw new IllegalArgumentException("PlayConfig driver is null");
    }
    if (frames < 1) {
      throw new IllegalArgumentException("PlayConfig frames < 1: " + frames);
    }
    if (width < 64 || height < 64) {
      throw new IllegalArgumentException("PlayConfig window too small: " + width + "x" + height);
    }
  }

  /** Interactive play in a default-size window. */
  public static PlayConfig interactive(String envId, long seed, Driver driver) {
    return new PlayConfig(envId, seed, driver, null, 1, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  public boolean screenshotMode() {
    return screenshot != null;
  }
}
