package dev.gdxrl.desktop.record;

import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * Re-simulates a recorded episode headless (same env id with the registry's wrappers, same seed,
 * same actions) and compares every recorded result with the record, exactly: every reward, that
 * the replay ends on the record's last step (no sooner, no later), the terminated and truncated
 * flags, the outcome and the return. (Env, seed and actions are the replay's input; the drivers
 * say who chose the actions.) A record without steps never matches.
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
    if (e.length() == 0) {
      return new Result(0, "the record has no steps; a recorded episode has at least one");
    }
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
      if (last && !s.done()) {
        return new Result(ret, "the record ends at step " + t + " but the replay goes on");
      }
      if (last && (s.terminated() != e.terminated() || s.truncated() != e.truncated())) {
        return new Result(ret, "last step: terminated=" + s.terminated() + " truncated="
            + s.truncated() + " replayed, terminated=" + e.terminated() + " truncated="
            + e.truncated() + " recorded");
      }
      if (last) {
        Object o = s.info().get(Info.OUTCOME);
        String outcome = o == null ? null : o.toString();
        if (!Objects.equals(outcome, e.outcome())) {
          return new Result(ret, "last step: outcome " + quote(outcome) + " replayed, "
              + quote(e.outcome()) + " recorded");
        }
      }
    }
    if (Double.doubleToLongBits(ret) != Double.doubleToLongBits(e.episodeReturn())) {
      return new Result(ret, "return " + ret + " replayed, " + e.episodeReturn() + " recorded");
    }
    return new Result(ret, null);
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  private static String describe(EpisodeRecord e, int t) {
    return e.discrete() ? Integer.toString(e.discreteActions()[t])
        : java.util.Arrays.toString(e.continuousActions()[t]);
  }
}
