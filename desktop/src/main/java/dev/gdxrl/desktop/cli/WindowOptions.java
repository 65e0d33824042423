package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.ActingMode;
import dev.gdxrl.desktop.game.PlayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every windowed command shares (a picocli mixin): seed, acting mode, NPCs, speed,
 * record, screenshot.
 */
final class WindowOptions {
  static final int DEFAULT_FRAMES = 120;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the first episode; NPC i starts from S+i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--act", paramLabel = "MODE", defaultValue = "greedy",
      description = "How the learned agent acts: greedy, sample (actor-critics), epsilon=E or"
          + " softmax=T (value-based); seeded from --seed, one generator per NPC"
          + " (default: ${DEFAULT-VALUE}).")
  String act = "greedy";

  @Option(names = "--npcs", paramLabel = "N", defaultValue = "1",
      description = "Simulations side by side, all driven by one batched decision per tick"
          + " (default: ${DEFAULT-VALUE}).")
  int npcs;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Game speed: 0.25, 0.5, 1, 2, 4, 8, or fast (no frame pacing)"
          + " (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--episodes", paramLabel = "N", defaultValue = "0",
      description = "Close the window after N finished episodes and print their mean return"
          + " (default: 0, run until closed).")
  int episodes;

  @Option(names = "--record", paramLabel = "FILE",
      description = "Write every finished episode (seed, actions, rewards, return) to FILE as JSON lines.")
  String record;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Render --frames frames, save the last as PNG to FILE, exit.")
  String screenshot;

  @Option(names = "--frames", paramLabel = "N",
      description = "Frames to render before the screenshot (default: " + DEFAULT_FRAMES + ").")
  Integer frames;

  @Option(names = "--generic-view", hidden = true,
      description = "Draw the env with the generic Box2D view even if it has its own view.")
  boolean genericView;

  /** {@code --act} seeded from {@code --seed}; a one-line usage error when it does not parse. */
  ActingMode actingMode(CommandSpec spec) {
    try {
      return ActingMode.parse(act, seed);
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec, "--act " + e.getMessage());
    }
  }

  /** Checks the values; every problem is a one-line usage error. */
  void validate(CommandSpec spec) {
    Main.requireNonNegative(spec, "--seed", seed);
    if (npcs < 1 || npcs > PlayConfig.MAX_NPCS) {
      throw Main.usage(spec, "--npcs must be in 1.." + PlayConfig.MAX_NPCS + ", got " + npcs);
    }
    Main.requireNonNegative(spec, "--episodes", episodes);
    speedValue(spec);
    actingMode(spec);
    if (frames != null) {
      Main.requirePositive(spec, "--frames", frames);
      if (screenshot == null) {
        throw Main.usage(spec, "--frames only applies with --screenshot FILE");
      }
    }
    screenshotPath(spec);
    recordPath(spec);
  }

  double speedValue(CommandSpec spec) {
    if ("fast".equalsIgnoreCase(speed)) {
      return PlayConfig.FAST;
    }
    String s = speed.toLowerCase(Locale.ROOT).replaceAll("x$", "");
    try {
      double v = Double.parseDouble(s);
      if (PlayConfig.speedIndex(v) >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Main.usage(spec, "--speed must be one of 0.25, 0.5, 1, 2, 4, 8 or fast, got '" + speed
        + "'");
  }

  Path screenshotPath(CommandSpec spec) {
    return screenshot == null ? null : newFile(spec, "--screenshot", screenshot, ".png", true);
  }

  Path recordPath(CommandSpec spec) {
    return record == null ? null : newFile(spec, "--record", record, null, false);
  }

  PlayConfig config(CommandSpec spec, String envId, String driver) {
    return new PlayConfig(envId, seed, driver, screenshotPath(spec),
        frames == null ? DEFAULT_FRAMES : frames, PlayConfig.DEFAULT_WIDTH,
        PlayConfig.DEFAULT_HEIGHT, npcs, speedValue(spec), episodes);
  }

  /**
   * A file the command will write: its directory must exist; {@code --record} never replaces an
   * existing file (a screenshot may).
   */
  static Path newFile(CommandSpec spec, String option, String file, String suffix,
      boolean mayReplace) {
    Path p;
    try {
      p = Paths.get(file).toAbsolutePath();
    } catch (RuntimeException e) {
      throw Main.usage(spec, option + " '" + file + "' is not a valid path");
    }
    if (suffix != null && !file.toLowerCase(Locale.ROOT).endsWith(suffix)) {
      throw Main.usage(spec, option + " FILE must end in " + suffix + ", got '" + file + "'");
    }
    Path dir = p.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw Main.usage(spec, option + " directory " + dir + " does not exist; create it first");
    }
    if (Files.isDirectory(p)) {
      throw Main.usage(spec, option + " " + p + " is a directory; give a file name");
    }
    if (!mayReplace && Files.exists(p)) {
      throw Main.usage(spec, option + " " + p + " already exists; give a new file name");
    }
    return p;
  }
}
