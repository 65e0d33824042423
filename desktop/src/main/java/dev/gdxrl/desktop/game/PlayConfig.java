package dev.gdxrl.desktop.game;

import java.nio.file.Path;

/**
 * What the rendered game shows and how.
 *
 * @param envId registry id of the game
 * @param seed seed of the first episode (of lane 0; lane i starts from seed + i); the next
 *     episode of a lane uses its seed + the number of lanes
 * @param driver the controller name that acts at start ({@code human}, {@code heuristic}, {@code
 *     random}, {@code agent}, {@code replay}); switched with the driver keys
 * @param screenshot if not null: render {@code frames} frames, save the last one here as PNG, exit
 * @param frames frames to render before the screenshot (>= 1; ignored without a screenshot)
 * @param width window width in pixels (default 1280)
 * @param height window height in pixels (default 720)
 * @param npcs simulations side by side, all driven by one batched decision per tick (default 1)
 * @param speed game seconds per real second, one of {@link #SPEEDS}, or {@link #FAST} for no frame
 *     pacing (as many steps per frame as fit in the frame budget); default 1
 * @param episodes stop after this many finished episodes (over all lanes); 0 runs until closed
 */
public record PlayConfig(
    String envId, long seed, String driver, Path screenshot, int frames, int width, int height,
    int npcs, double speed, int episodes) {

  public static final int DEFAULT_WIDTH = 1280;
  public static final int DEFAULT_HEIGHT = 720;
  /** The speeds the speed keys step through. */
  public static final double[] SPEEDS = {0.25, 0.5, 1, 2, 4, 8};
  /** The speed value meaning "fast": no frame pacing. */
  public static final double FAST = Double.POSITIVE_INFINITY;
  /** Most lanes one window shows. */
  public static final int MAX_NPCS = 256;

  public PlayConfig {
    if (envId == null || envId.isBlank()) {
      throw new IllegalArgumentException("PlayConfig envId is blank");
    }
    if (seed < 0) {
      throw new IllegalArgumentException("PlayConfig seed < 0: " + seed);
    }
    if (driver == null || driver.isBlank()) {
      throw new IllegalArgumentException("PlayConfig driver is blank");
    }
    if (frames < 1) {
      throw new IllegalArgumentException("PlayConfig frames < 1: " + frames);
    }
    if (width < 64 || height < 64) {
      throw new IllegalArgumentException("PlayConfig window too small: " + width + "x" + height);
    }
    if (npcs < 1 || npcs > MAX_NPCS) {
      throw new IllegalArgumentException("PlayConfig npcs must be in 1.." + MAX_NPCS + ": " + npcs);
    }
    if (speed != FAST && speedIndex(speed) < 0) {
      throw new IllegalArgumentException("PlayConfig speed " + speed + " is not one of "
          + java.util.Arrays.toString(SPEEDS) + " or fast");
    }
    if (episodes < 0) {
      throw new IllegalArgumentException("PlayConfig episodes < 0: " + episodes);
    }
  }

  /** The settings of plain {@code play}: one lane, real time, until closed. */
  public PlayConfig(String envId, long seed, Driver driver, Path screenshot, int frames,
      int width, int height) {
    this(envId, seed, driver.label(), screenshot, frames, width, height, 1, 1.0, 0);
  }

  /** Interactive play in a default-size window. */
  public static PlayConfig interactive(String envId, long seed, Driver driver) {
    return new PlayConfig(envId, seed, driver, null, 1, DEFAULT_WIDTH, DEFAULT_HEIGHT);
  }

  /** Index of {@code speed} in {@link #SPEEDS}, or -1. */
  public static int speedIndex(double speed) {
    for (int i = 0; i < SPEEDS.length; i++) {
      if (SPEEDS[i] == speed) {
        return i;
      }
    }
    return -1;
  }

  public boolean screenshotMode() {
    return screenshot != null;
  }

  public boolean fast() {
    return speed == FAST;
  }
}
