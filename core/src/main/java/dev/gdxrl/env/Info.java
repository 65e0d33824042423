package dev.gdxrl.env;

/** Keys of {@link Step#info()} maps used across the project. */
public final class Info {
  private Info() {}

  /** {@link EpisodeStats} of the episode that just ended (set by {@link RecordEpisodeStatistics}). */
  public static final String EPISODE = "episode";

  /** How the episode ended, a game-defined word such as "landed", "crashed", "time_limit". */
  public static final String OUTCOME = "outcome";
}
