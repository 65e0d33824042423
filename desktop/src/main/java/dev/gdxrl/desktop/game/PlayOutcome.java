package dev.gdxrl.desktop.game;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * How a rendered session ended, written by the game thread and read by the caller once the
 * application loop has returned: an error, or the drivers offered, the episodes played and the
 * decision cost per tick.
 */
public final class PlayOutcome {
  private final PrintStream episodeLog;
  private volatile String error;
  private volatile boolean viewFailed;
  private volatile List<String> drivers = List.of();
  private volatile int episodes;
  private volatile double meanReturn = Double.NaN;
  private volatile double stdReturn = Double.NaN;
  private volatile long ticks;
  private volatile double decisionMs = Double.NaN;

  /** An outcome that prints one line per finished episode to {@code episodeLog} (or not, if null). */
  public PlayOutcome(PrintStream episodeLog) {
    this.episodeLog = episodeLog;
  }

  public PlayOutcome() {
    this(null);
  }

  /** Records a failure; the first one wins. */
  void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  /** Records that the game could not be shown (no view, or a view that threw); first one wins. */
  void failView(String message) {
    if (error == null) {
      error = message;
      viewFailed = true;
    }
  }

  void drivers(List<String> names) {
    drivers = List.copyOf(names);
  }

  void episode(int lane, long seed, int steps, double episodeReturn, String outcome) {
    if (episodeLog != null) {
      episodeLog.printf(Locale.ROOT, "episode lane %d seed %d: return %.2f in %d steps (%s)%n",
          lane, seed, episodeReturn, steps, outcome);
    }
  }

  void finish(int episodes, double meanReturn, double stdReturn, long ticks, double decisionMs) {
    this.episodes = episodes;
    this.meanReturn = meanReturn;
    this.stdReturn = stdReturn;
    this.ticks = ticks;
    this.decisionMs = decisionMs;
  }

  /** The failure message, or null if the session ended normally. */
  public String error() {
    return error;
  }

  /** Whether {@link #error()} says the game's view failed (exit status 2, nothing recorded). */
  public boolean viewFailed() {
    return viewFailed;
  }

  /** The drivers the game offered, in key order. */
  public List<String> drivers() {
    return drivers;
  }

  /** Episodes finished (over all lanes). */
  public int episodes() {
    return episodes;
  }

  public double meanReturn() {
    return meanReturn;
  }

  public double stdReturn() {
    return stdReturn;
  }

  /** Decision ticks run. */
  public long ticks() {
    return ticks;
  }

  /** Mean wall time of one tick's decision for all NPCs together, in ms. */
  public double decisionMs() {
    return decisionMs;
  }
}
