package dev.gdxrl.env;

/** Keys of {@link Step#info()} maps used across the project. */
public final class Info {
  private Info() {}

  /** {@link EpisodeStats} of the episode that just ended (set by {@link RecordEpisodeStatistics}). */
  public static final String EPISODE = "episode";

  /** How the episode ended, a game-defined word such as "landed", "crashed", "time_limit". */
  public static final String OUTCOME = "outcome";

  /**
   * Prefix of episode metrics: a numeric entry {@code "metric.NAME"} in the info of an episode's
   * last step is a game-defined figure of that episode (the arena's {@code metric.catch_rate}, 1 or
   * 0, and {@code metric.mean_catch_s}, only in episodes that ended with a catch). {@code eval}
   * adds {@code NAME=} with the mean over the episodes that reported it to its {@code RESULT} line.
   */
  public static final String METRIC_PREFIX = "metric.";
}
