package dev.gdxrl.desktop.cli;

import dev.gdxrl.desktop.game.PlayConfig;
import dev.gdxrl.desktop.record.EpisodeFile;
import dev.gdxrl.desktop.record.EpisodeRecord;
import dev.gdxrl.desktop.record.ReplayCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code replay FILE [--verify] [--speed X|fast] [--screenshot FILE --frames N]}: plays recorded
 * episodes (from {@code --record}) back in the window, or, with {@code --verify} (alias {@code
 * --headless}), re-simulates them headless and checks every recorded result exactly (each reward,
 * the step count, terminated and truncated, the outcome, the return; see {@link ReplayCheck}). Verify
 * prints one line per episode and {@code RESULT file=.. episodes=.. matched=.. mismatched=..};
 * exit status 0 when all match, 2 otherwise.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Play recorded episodes back in a window, or --verify them headless.")
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Episode file written by --record.")
  String file;

  @Option(names = {"--verify", "--headless"},
      description = "Re-simulate headless and check every reward, the ending, the outcome and"
          + " the return match exactly (no window).")
  boolean verify;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "Game speed: 0.25, 0.5, 1, 2, 4, 8 or fast (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--screenshot", paramLabel = "FILE",
      description = "Render --frames frames, save the last as PNG to FILE, exit.")
  String screenshot;

  @Option(names = "--frames", paramLabel = "N",
      description = "Frames to render before the screenshot (default: "
          + WindowOptions.DEFAULT_FRAMES + ").")
  Integer frames;

  @Override
  public Integer call() {
    Path path;
    try {
      path = Paths.get(file);
    } catch (RuntimeException e) {
      throw Main.usage(spec, "'" + file + "' is not a valid path");
    }
    if (!Files.isRegularFile(path)) {
      throw Main.usage(spec, "episode file " + path + " does not exist");
    }
    List<EpisodeRecord> episodes;
    try {
      episodes = EpisodeFile.read(path);
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec, e.getMessage());
    }
    if (verify && (spec.commandLine().getParseResult().hasMatchedOption("--speed")
        || screenshot != null || frames != null)) {
      throw Main.usage(spec, "--speed, --screenshot and --frames are options of the window;"
          + " --verify replays headless: drop them");
    }
    return verify ? verify(path, episodes) : window(episodes);
  }

  private int verify(Path path, List<EpisodeRecord> episodes) {
    for (EpisodeRecord e : episodes) {
      if (!main.registry().contains(e.envId())) {
        throw Main.usage(spec, path + " holds episodes of env '" + e.envId()
            + "', which is not registered; known envs: "
            + String.join(", ", main.registry().ids()) + Main.OWN_GAME_HINT);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    int matched = 0;
    for (int i = 0; i < episodes.size(); i++) {
      EpisodeRecord e = episodes.get(i);
      ReplayCheck.Result r = ReplayCheck.run(main.registry(), e);
      if (r.matches()) {
        matched++;
      }
      out.println(String.format(Locale.ROOT, "episode %d env %s seed %d steps %d: return %s"
          + " recorded, %s replayed: %s", i + 1, e.envId(), e.seed(), e.length(),
          e.episodeReturn(), r.replayedReturn(), r.matches() ? "match" : "MISMATCH (" + r.mismatch() + ")"));
    }
    out.println(new ResultLine()
        .put("file", path.getFileName().toString().replace(' ', '_'))
        .put("episodes", episodes.size())
        .put("matched", matched)
        .put("mismatched", episodes.size() - matched));
    out.flush();
    if (matched != episodes.size()) {
      spec.commandLine().getErr().println("gdx-rl replay: " + (episodes.size() - matched) + " of "
          + episodes.size() + " episodes did not replay to their recorded rewards, ending, outcome and return");
      return Main.EXIT_USAGE;
    }
    return 0;
  }

  private int window(List<EpisodeRecord> episodes) {
    String id = episodes.get(0).envId();
    for (EpisodeRecord e : episodes) {
      if (!e.envId().equals(id)) {
        throw Main.usage(spec, "the file mixes envs '" + id + "' and '" + e.envId()
            + "'; the window replays one env (--verify checks them all)");
      }
    }
    if (!main.registry().contains(id)) {
      throw Main.usage(spec, "the episodes are of env '" + id + "', which is not registered" + Main.OWN_GAME_HINT);
    }
    var views = Windowed.requireView(spec, main, id, false);
    WindowOptions w = new WindowOptions();
    w.speed = speed;
    w.screenshot = screenshot;
    w.frames = frames;
    w.npcs = 1;
    w.validate(spec);
    String headless = "gdx-rl replay " + file + " --verify";
    Windowed.requireDisplay(spec, main, "replay", headless);
    PlayConfig c = w.config(spec, id, "replay");
    return Windowed.launch(spec, main, new PlayConfig(id, episodes.get(0).seed(), c.driver(),
        c.screenshot(), c.frames(), c.width(), c.height(), 1, c.speed(), 0), null, null,
        episodes, views, headless);
  }
}
