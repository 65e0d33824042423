package dev.gdxrl.desktop.cli;

import dev.gdxrl.desktop.game.DesktopLauncher;
import dev.gdxrl.desktop.game.Driver;
import dev.gdxrl.desktop.game.GameViews;
import dev.gdxrl.desktop.game.PlayConfig;
import dev.gdxrl.desktop.game.PlayOutcome;
import dev.gdxrl.desktop.game.WindowUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code play --env ID [--driver human|heuristic|random] [--seed S] [--screenshot FILE --frames N]}:
 * opens the rendered game. With {@code --screenshot} it renders N frames (each 1/60 s of game
 * time), saves the last one as PNG and exits.
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description = "Play a game in a window (keyboard, or watch the heuristic or random driver).",
    footer = {
      "",
      "Keys: R restart (same seed), N next seed, C cycle driver, Space pause, . step, Esc quit.",
      "cartpole: Left/A and Right/D push the cart.",
      "lunarlander, lunarlander-continuous: Up/W main engine, Left/A and Right/D side engines."
    })
final class PlayCommand implements Callable<Integer> {
  static final int DEFAULT_FRAMES = 120;

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "ID", description = "Env id to play.")
  String envId;

  @Option(names = {"--driver", "--policy"}, paramLabel = "DRIVER", defaultValue = "human",
      description = "Who acts: human, heuristic or random (default: ${DEFAULT-VALUE}).")
  String driver;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the first episode (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Render --frames frames, save the last as PNG to FILE, exit.")
  String screenshot;

  @Option(names = "--frames", paramLabel = "N",
      description = "Frames to render before the screenshot (default: " + DEFAULT_FRAMES + ").")
  Integer frames;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    if (!GameViews.playable(id)) {
      throw Main.usage(spec, "env '" + id + "' has no renderer yet; playable: "
          + String.join(", ", GameViews.PLAYABLE) + " (headless: gdx-rl eval --env " + id + ")");
    }
    Driver d = Driver.fromLabel(driver);
    if (d == null) {
      throw Main.usage(spec, "unknown driver '" + driver + "'; use one of "
          + Arrays.stream(Driver.values()).map(Driver::label).collect(Collectors.joining(", ")));
    }
    if (d == Driver.HEURISTIC && main.registry().entry(id).heuristic() == null) {
      throw Main.usage(spec, "env '" + id + "' has no heuristic driver; use human or random");
    }
    Main.requireNonNegative(spec, "--seed", seed);
    if (frames != null) {
      Main.requirePositive(spec, "--frames", frames);
      if (screenshot == null) {
        throw Main.usage(spec, "--frames only applies with --screenshot FILE");
      }
    }
    Path shot = screenshot == null ? null : screenshotPath(screenshot);
    if (!Displays.available(main.environment(), System.getProperty("os.name", ""))) {
      throw Main.usage(spec, "no display (DISPLAY and WAYLAND_DISPLAY are unset): play opens a window;"
          + " run headless with 'gdx-rl eval --env " + id + " --policy heuristic'"
          + " or under a virtual display: xvfb-run -a ./gdx-rl play --env " + id);
    }
    PlayConfig config = new PlayConfig(id, seed, d, shot, frames == null ? DEFAULT_FRAMES : frames,
        PlayConfig.DEFAULT_WIDTH, PlayConfig.DEFAULT_HEIGHT);
    PlayOutcome outcome;
    try {
      outcome = DesktopLauncher.launch(config, main.registry());
    } catch (WindowUnavailableException e) {
      throw Main.usage(spec, "could not open a window: " + e.getMessage() + "; check DISPLAY="
          + main.environment().getOrDefault("DISPLAY", "") + ", or run under xvfb-run -a,"
          + " or headless: gdx-rl eval --env " + id + " --policy heuristic");
    }
    if (outcome.error() != null) {
      spec.commandLine().getErr().println("gdx-rl play: " + outcome.error());
      return Main.EXIT_FAILURE;
    }
    if (shot != null) {
      spec.commandLine().getErr().println("gdx-rl play: wrote " + shot);
    }
    return 0;
  }

  private Path screenshotPath(String file) {
    Path p;
    try {
      p = Paths.get(file).toAbsolutePath();
    } catch (RuntimeException e) {
      throw Main.usage(spec, "--screenshot '" + file + "' is not a valid path");
    }
    if (!file.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      throw Main.usage(spec, "--screenshot FILE must end in .png, got '" + file + "'");
    }
    Path dir = p.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw Main.usage(spec, "--screenshot directory " + dir + " does not exist; create it first");
    }
    if (Files.isDirectory(p)) {
      throw Main.usage(spec, "--screenshot " + p + " is a directory; give a .png file name");
    }
    return p;
  }
}
