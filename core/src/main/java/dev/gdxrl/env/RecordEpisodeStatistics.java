package dev.gdxrl.env;

import java.util.HashMap;
import java.util.Map;

/**
 * Tracks the running return and length of the current episode and, on the step that ends it, adds
 * an {@link EpisodeStats} under {@link Info#EPISODE} to the step's info. Ordinary steps pass
 * through untouched (no allocation).
 */
public final class RecordEpisodeStatistics<O, A> extends Wrapper<O, A> {
  private double episodeReturn;
  private int length;
  private EpisodeStats last;

  public RecordEpisodeStatistics(Env<O, A> env) {
    super(env);
  }

  @Override
  public O reset(long seed) {
    episodeReturn = 0;
    length = 0;
    return env.reset(seed);
  }

  @Override
  public O reset(long seed, Map<String, Object> options) {
    episodeReturn = 0;
    length = 0;
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    Step<O> s = env.step(action);
    episodeReturn += s.reward();
    length++;
    if (!s.done()) {
      return s;
    }
    last = new EpisodeStats(episodeReturn, length, s.terminated(), s.truncated());
    Map<String, Object> info = new HashMap<>(s.info());
    info.put(Info.EPISODE, last);
    return s.withInfo(info);
  }

  /** Return so far in the current episode. */
  public double episodeReturn() {
    return episodeReturn;
  }

  public int episodeLength() {
    return length;
  }

  /** Statistics of the last finished episode, or null. */
  public EpisodeStats lastEpisode() {
    return last;
  }
}
