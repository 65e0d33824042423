package dev.gdxrl.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The conformance check every env must pass: observations inside their space, same seed same
 * episode, reset after a terminal step, truncation at the time limit reported as truncation (not
 * termination), invalid actions rejected with {@link IllegalArgumentException}, stepping an ended
 * episode rejected with {@link IllegalStateException}, returned observations never reused by the
 * env afterwards, and close() idempotent.
 */
public final class EnvChecker {
  /** Steps per checked rollout. */
  private static final int ROLLOUT_STEPS = 400;
  /** A short time limit used to check truncation without waiting for the real one. */
  private static final int SHORT_LIMIT = 12;
  /** Steps allowed to reach a terminal state with random actions before giving up. */
  private static final int MAX_STEPS_TO_END = 20_000;

  private EnvChecker() {}

  /** Runs every check on registry env {@code id}; returns the failures (empty when it passes). */
  public static List<String> check(EnvRegistry registry, String id) {
    List<String> failures = new ArrayList<>();
    run(failures, "spaces", () -> checkSpaces(registry, id));
    run(failures, "observations in space", () -> checkObservations(registry, id));
    run(failures, "determinism", () -> checkDeterminism(registry, id));
    run(failures, "reset after terminal", () -> checkResetAfterEnd(registry, id));
    run(failures, "truncation", () -> checkTruncation(registry, id));
    run(failures, "invalid actions", () -> checkInvalidActions(registry, id));
    run(failures, "observations not reused", () -> checkNoAliasing(registry, id));
    run(failures, "close", () -> checkClose(registry, id));
    return failures;
  }

  /** Names of the checks, in order, for reports. */
  public static List<String> checkNames() {
    return List.of("spaces", "observations in space", "determinism", "reset after terminal",
        "truncation", "invalid actions", "observations not reused", "close");
  }

  private interface Check {
    void run();
  }

  private static void run(List<String> failures, String name, Check check) {
    try {
      check.run();
    } catch (CheckFailed e) {
      failures.add(name + ": " + e.getMessage());
    } catch (RuntimeException e) {
      failures.add(name + ": unexpected " + e);
    }
  }

  private static final class CheckFailed extends RuntimeException {
    CheckFailed(String message) {
      super(message, null, false, false);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new CheckFailed(message);
    }
  }

  private static void checkSpaces(EnvRegistry registry, String id) {
    try (Env<float[], ?> env = registry.make(id)) {
      require(env.observationSpace() != null, "observationSpace() is null");
      require(env.actionSpace() != null, "actionSpace() is null");
      require(env.spec() != null && id.equals(env.spec().id()),
          "spec().id() is not '" + id + "'");
      require(env.spec().maxEpisodeSteps() == registry.spec(id).maxEpisodeSteps(),
          "wrapped spec lost the time limit");
    }
  }

  private static <A> void checkObservations(EnvRegistry registry, String id) {
    try (Env<float[], ?> raw = registry.make(id)) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(1);
      float[] obs = env.reset(7);
      require(env.observationSpace().contains(obs),
          "reset observation " + Arrays.toString(obs) + " outside " + env.observationSpace());
      long seed = 8;
      for (int t = 0; t < ROLLOUT_STEPS; t++) {
        Step<float[]> s = env.step(env.actionSpace().sample(rng));
        require(env.observationSpace().contains(s.observation()), "step " + t + " observation "
            + Arrays.toString(s.observation()) + " outside " + env.observationSpace());
        require(Double.isFinite(s.reward()), "step " + t + " reward " + s.reward());
        if (s.done()) {
          obs = env.reset(seed++);
          require(env.observationSpace().contains(obs), "reset observation outside space");
        }
      }
    }
  }

  private record Trace(List<float[]> observations, List<Double> rewards, List<String> flags) {}

  private static <A> Trace rollout(Env<float[], ?> raw, long seed) {
    @SuppressWarnings("unchecked")
    Env<float[], A> env = (Env<float[], A>) raw;
    SplittableRandom rng = new SplittableRandom(seed * 31 + 5);
    Trace trace = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    trace.observations.add(env.reset(seed));
    long next = seed + 1;
    for (int t = 0; t < ROLLOUT_STEPS; t++) {
      Step<float[]> s = env.step(env.actionSpace().sample(rng));
      trace.observations.add(s.observation());
      trace.rewards.add(s.reward());
      trace.flags.add(s.terminated() + "/" + s.truncated());
      if (s.done()) {
        trace.observations.add(env.reset(next++));
      }
    }
    return trace;
  }

  private static void checkDeterminism(EnvRegistry registry, String id) {
    Trace a;
    Trace b;
    Trace c;
    try (Env<float[], ?> env = registry.make(id)) {
      a = rollout(env, 3);
      b = rollout(env, 3); // same instance, after an episode: no hidden state may leak
    }
    try (Env<float[], ?> env = registry.make(id)) {
      c = rollout(env, 3);
    }
    requireSame(a, b, "same seed on the same env instance");
    requireSame(a, c, "same seed on a fresh env instance");
    try (Env<float[], ?> env = registry.make(id)) {
      float[] first = env.reset(0);
      boolean differs = false;
      for (long seed = 1; seed < 20 && !differs; seed++) {
        differs = !Arrays.equals(first, env.reset(seed));
      }
      require(differs, "seeds 0..19 all gave the same first observation: the seed is ignored");
    }
  }

  private static void requireSame(Trace a, Trace b, String what) {
    require(a.observations.size() == b.observations.size(), what + ": episode boundaries differ");
    for (int i = 0; i < a.observations.size(); i++) {
      require(Arrays.equals(a.observations.get(i), b.observations.get(i)),
          what + ": observation " + i + " differs");
    }
    require(a.rewards.equals(b.rewards), what + ": rewards differ");
    require(a.flags.equals(b.flags), what + ": terminated/truncated differ");
  }

  private static <A> void checkResetAfterEnd(EnvRegistry registry, String id) {
    try (Env<float[], ?> raw = registry.make(id)) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(2);
      env.reset(11);
      Step<float[]> s = null;
      int t = 0;
      while (t < MAX_STEPS_TO_END) {
        s = env.step(env.actionSpace().sample(rng));
        t++;
        if (s.done()) {
          break;
        }
      }
      require(s != null && s.done(), "no episode ended within " + MAX_STEPS_TO_END + " steps");
      int limit = env.spec().maxEpisodeSteps();
      require(limit == 0 || t <= limit, "episode ran " + t + " steps past its limit " + limit);
      try {
        env.step(env.actionSpace().sample(rng));
        throw new CheckFailed("step() after the episode ended did not throw IllegalStateException");
      } catch (IllegalStateException expected) {
        // the env refuses to continue an ended episode
      }
      float[] obs = env.reset(12);
      require(env.observationSpace().contains(obs), "observation after re-reset outside space");
      Step<float[]> again = env.step(env.actionSpace().sample(rng));
      require(env.observationSpace().contains(again.observation()), "step after re-reset failed");
    }
  }

  private static <A> void checkTruncation(EnvRegistry registry, String id) {
    int truncatedEpisodes = 0;
    try (Env<float[], ?> raw = registry.make(id, SHORT_LIMIT)) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(3);
      for (int e = 0; e < 20; e++) {
        env.reset(100 + e);
        for (int t = 1; t <= SHORT_LIMIT; t++) {
          Step<float[]> s = env.step(env.actionSpace().sample(rng));
          if (t < SHORT_LIMIT) {
            require(!s.truncated(), "truncated at step " + t + " before the limit " + SHORT_LIMIT);
            if (s.terminated()) {
              break;
            }
          } else {
            require(s.truncated(), "step " + t + " reached the limit but truncated is false");
            if (!s.terminated()) {
              truncatedEpisodes++;
            }
          }
        }
      }
    }
    require(truncatedEpisodes > 0,
        "no episode survived " + SHORT_LIMIT + " random steps to show truncation");
  }

  private static void checkInvalidActions(EnvRegistry registry, String id) {
    try (Env<float[], ?> raw = registry.make(id)) {
      @SuppressWarnings("unchecked")
      Env<float[], Object> env = (Env<float[], Object>) raw;
      List<Object> bad = new ArrayList<>();
      bad.add(null);
      Space<?> space = raw.actionSpace();
      if (space instanceof Discrete d) {
        bad.add(-1);
        bad.add(d.n());
      } else if (space instanceof Box b) {
        bad.add(new float[b.dim() + 1]);
        float[] nan = new float[b.dim()];
        nan[0] = Float.NaN;
        bad.add(nan);
      }
      for (Object action : bad) {
        env.reset(5);
        try {
          env.step(action);
          throw new CheckFailed("action " + describe(action) + " was accepted");
        } catch (IllegalArgumentException expected) {
          require(expected.getMessage() != null && !expected.getMessage().isBlank(),
              "rejection of " + describe(action) + " has no message");
        }
      }
    }
  }

  private static String describe(Object action) {
    return action instanceof float[] f ? Arrays.toString(f) : Objects.toString(action);
  }

  private static <A> void checkNoAliasing(EnvRegistry registry, String id) {
    try (Env<float[], ?> raw = registry.make(id)) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(4);
      float[] first = env.reset(21);
      float[] copy = first.clone();
      Step<float[]> s = env.step(env.actionSpace().sample(rng));
      float[] second = s.observation();
      float[] secondCopy = second.clone();
      env.step(env.actionSpace().sample(rng));
      require(Arrays.equals(first, copy), "the reset observation array was changed by step()");
      require(Arrays.equals(second, secondCopy), "a step observation array was changed later");
    }
  }

  private static void checkClose(EnvRegistry registry, String id) {
    Env<float[], ?> env = registry.make(id);
    env.reset(0);
    env.close();
    env.close();
  }
}
