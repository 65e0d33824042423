package dev.gdxrl.desktop.record;

import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvRegistry;
import dev.gdxrl.env.Step;
import java.util.Locale;

/**
 * Re-simulates a recorded episode headless (same env id with the registry's wrappers, same seed,
 * same actions) and compares every reward, the ending and the return with the record, exactly.
 */
public final class ReplayCheck {
  private ReplayCheck() {}

  /**
   * The result of one replay.
   *
   * @param replayedReturn the return of the re-simulation (rewards added in step order)
   * @param mismatch null when everything matched, else what differed first
   */
  public record Result(double replayedReturn, String mismatch) {
    public boolean matches() {
      return mismatch == null;
    }
  }

  /** Replays {@code e} in a fresh env from {@code registry}. */
  public static Result run(EnvRegistry registry, EpisodeRecord e) {
    if (!registry.contains(e.envId())) {
      return new Result(Double.NaN, "env '" + e.envId() + "' is not registered");
    }
    try (Env<float[], ?> env = registry.make(e.envId())) {
      return replay(env, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <A> Result replay(Env<float[], A> env, EpisodeRecord e) {
    env.reset(e.seed());
    double ret = 0;
    for (int t = 0; t < e.length(); t++) {
      A action = (A) e.action(t);
      if (!env.actionSpace().contains(action)) {
        return new Result(ret, "step " + t + ": action " + describe(e, t)
            + " is not in the env's action space " + env.actionSpace());
      }
      Step<float[]> s = env.step(action);
      ret += s.reward();
      if (Double.doubleToLongBits(s.reward()) != Double.doubleToLongBits(e.rewards()[t])) {
        return new Result(ret, String.format(Locale.ROOT,
            "step %d: reward %s replayed, %s recorded", t, s.reward(), e.rewards()[t]));
      }
      boolean last = t == e.length() - 1;
      if (s.done() && !last) {
        return new Result(ret, "the replay ended at step " + t + " of " + e.length());
      }
      if (last && (s.terminated() != e.terminated() || s.truncated() != e.truncated())) {
        return new Result(ret, "last step: terminated=" + s.terminated() + " truncated="
            + s.truncated() + " replayed, terminated=" + e.terminated() + " truncated="
            + e.truncated() + " recorded");
      }
    }
    if (Double.doubleToLongBits(ret) != Double.doubleToLongBits(e.episodeReturn())) {
      return new Result(ret, "return " + ret + " replayed, " + e.episodeReturn() + " recorded");
    }
    return new Result(ret, null);
  }

  private static String describe(EpisodeRecord e, int t) {
    return e.discrete() ? Integer.toString(e.discreteActions()[t])
        : java.util.Arrays.toString(e.continuousActions()[t]);
  }
}
