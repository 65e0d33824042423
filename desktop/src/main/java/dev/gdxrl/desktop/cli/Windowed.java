package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.Controller;
import dev.gdxrl.desktop.game.DesktopLauncher;
import dev.gdxrl.desktop.game.GameSetup;
import dev.gdxrl.desktop.game.GameViewException;
import dev.gdxrl.desktop.game.GameViews;
import dev.gdxrl.desktop.game.PlayConfig;
import dev.gdxrl.desktop.game.PlayOutcome;
import dev.gdxrl.desktop.game.WindowUnavailableException;
import dev.gdxrl.desktop.record.EpisodeRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code play}, {@code watch} and {@code replay} share: the display check and the launch. */
final class Windowed {
  private Windowed() {}

  /** A one-line usage error when no window can be opened; {@code headless} says what to run instead. */
  /** Closes a learned controller that never reached the game (null and plain ones are skipped). */
  static void close(Object agent) {
    if (agent instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // freeing memory on the way out; nothing to report
      }
    }
  }

  static void requireDisplay(CommandSpec spec, Main main, String what, String headless) {
    if (!Displays.available(main.environment(), System.getProperty("os.name", ""))) {
      throw Main.usage(spec, "no display (DISPLAY and WAYLAND_DISPLAY are unset): " + what
          + " opens a window; run headless with '" + headless + "' or under a virtual display:"
          + " xvfb-run -a ./gdx-rl " + what + " ...");
    }
  }

  /**
   * The view lookup ({@code genericOnly}: every Box2D env gets the generic view), after checking
   * that env {@code id} has a view; a usage error (one line, status 2) when it has none.
   */
  static GameViews requireView(CommandSpec spec, Main main, String id, boolean genericOnly) {
    GameViews views;
    String problem;
    try {
      views = genericOnly ? GameViews.genericOnly() : GameViews.discovered();
      problem = views.problem(main.registry(), id);
    } catch (GameViewException e) {
      throw Main.usage(spec, e.getMessage());
    }
    if (problem != null) {
      throw Main.usage(spec, problem);
    }
    return views;
  }

  /**
   * Opens the window and waits until it closes. Prints one line per finished episode to stderr
   * and, at the end, {@code RESULT env=.. driver=.. npcs=.. episodes=.. mean_return=..
   * std_return=.. ticks=.. decision_ms_per_tick=..} to stdout.
   *
   * @param record --record file or null
   * @param agent a learned controller (closed by the game), or null
   * @param replay episodes to play back, or null
   * @param views the view lookup ({@link #requireView})
   */
  static int launch(CommandSpec spec, Main main, PlayConfig config, Path record,
      Controller<?> agent, List<EpisodeRecord> replay, GameViews views, String headless) {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName(" ");
    RecordSink sink = null;
    try {
      if (record != null) {
        try {
          sink = new RecordSink(record);
        } catch (IOException e) {
          throw Main.usage(spec, "--record " + record + " cannot be written: " + e.getMessage());
        }
      }
      err.flush();
      PlayOutcome outcome = new PlayOutcome(System.err);
      try {
        DesktopLauncher.launch(
            new GameSetup(config, main.registry(), agent, replay, sink, views), outcome);
      } catch (WindowUnavailableException e) {
        throw Main.usage(spec, "could not open a window: " + e.getMessage() + "; check DISPLAY="
            + main.environment().getOrDefault("DISPLAY", "") + ", or run under xvfb-run -a,"
            + " or headless: " + headless);
      }
      if (outcome.viewFailed()) {
        // The game could not be shown: like bad input, one line, status 2, no --record file.
        if (sink != null) {
          sink.discard();
        }
        err.println(name + ": " + outcome.error());
        return Main.EXIT_USAGE;
      }
      if (outcome.error() != null) {
        err.println(name + ": " + outcome.error());
        return Main.EXIT_FAILURE;
      }
      err.println(name + ": drivers " + String.join(", ", outcome.drivers()));
      if (config.screenshot() != null) {
        err.println(name + ": wrote " + config.screenshot());
      }
      if (sink != null) {
        if (sink.error() != null) {
          err.println(name + ": " + sink.error());
          return Main.EXIT_FAILURE;
        }
        err.println(name + ": recorded " + sink.episodes() + " episodes to " + record);
      }
      err.flush();
      spec.commandLine().getOut().println(new ResultLine()
          .put("env", config.envId())
          .put("driver", config.driver())
          .put("npcs", config.npcs())
          .put("speed", config.fast() ? "fast" : Double.toString(config.speed()))
          .put("episodes", outcome.episodes())
          .put("mean_return", outcome.meanReturn(), 2)
          .put("std_return", outcome.stdReturn(), 2)
          .put("ticks", outcome.ticks())
          .put("decision_ms_per_tick", outcome.decisionMs(), 4));
      return 0;
    } finally {
      if (sink != null) {
        try {
          sink.close();
        } catch (IOException e) {
          err.println(name + ": could not close " + record + ": " + e.getMessage());
        }
      }
    }
  }
}
