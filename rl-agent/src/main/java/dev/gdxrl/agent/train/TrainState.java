package dev.gdxrl.agent.train;

import java.util.List;

/**
 * Where a run stands; owned and updated by {@link Trainer}, read by listeners. Mutable on
 * purpose: the loop updates it every step without allocating.
 */
public final class TrainState {
  private final long totalSteps;
  private final double[] window;
  long envSteps;
  long episodes;
  long gradientSteps;
  long startSteps;
  long startGradientSteps;
  long startNanos;
  double lastReturn = Double.NaN;
  private int filled;
  private int next;

  TrainState(long totalSteps, int returnWindow) {
    this.totalSteps = totalSteps;
    this.window = new double[returnWindow];
  }

  void addReturn(double r) {
    lastReturn = r;
    window[next] = r;
    next = (next + 1) % window.length;
    filled = Math.min(filled + 1, window.length);
  }

  /**
   * The state at the start of a run (a fresh one, or a resumed one from {@code startSteps} env
   * steps and {@code startEpisodes} episodes), with its clock started and {@code listeners}
   * told.
   */
  static TrainState begin(TrainConfig config, long agentGradientSteps, long startSteps,
      long startEpisodes, List<TrainListener> listeners) {
    TrainState s = new TrainState(config.steps(), config.returnWindow());
    s.envSteps = startSteps;
    s.startSteps = startSteps;
    s.episodes = startEpisodes;
    s.gradientSteps = agentGradientSteps;
    s.startGradientSteps = agentGradientSteps;
    s.startNanos = System.nanoTime();
    for (TrainListener l : listeners) {
      l.onStart(s);
    }
    return s;
  }

  public long totalSteps() {
    return totalSteps;
  }

  /** Env steps so far (counting those of a resumed run's checkpoint). */
  public long envSteps() {
    return envSteps;
  }

  public long episodes() {
    return episodes;
  }

  public long gradientSteps() {
    return gradientSteps;
  }

  /** Gradient steps at the start of this run (non-zero when resuming). */
  public long startGradientSteps() {
    return startGradientSteps;
  }

  /** Mean return of the last episodes (the window), NaN before the first one ends. */
  public double recentMeanReturn() {
    if (filled == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < filled; i++) {
      s += window[i];
    }
    return s / filled;
  }

  public double lastReturn() {
    return lastReturn;
  }

  /** Seconds since this run (or resumption) started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Env steps per second of this run (or resumption). */
  public double envStepsPerSecond() {
    double t = elapsedSeconds();
    return t > 0 ? (envSteps - startSteps) / t : 0;
  }

  public double gradientStepsPerSecond() {
    double t = elapsedSeconds();
    return t > 0 ? (gradientSteps - startGradientSteps) / t : 0;
  }
}
