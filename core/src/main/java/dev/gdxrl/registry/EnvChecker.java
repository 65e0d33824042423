package dev.gdxrl.registry;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.env.TimeLimit;
import dev.gdxrl.env.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The conformance check every env must pass: observations inside their space, same seed same
 * episode, {@link IllegalStateException} on a step after the episode ended (whether it was
 * terminated or truncated, and whichever layer ended it), truncation at the time limit reported as
 * truncation (not termination), invalid actions rejected with {@link IllegalArgumentException},
 * returned observations never reused by the env afterwards, and close() idempotent.
 *
 * <p>Each failure is one line, {@code "check name: reason"}. An env that needs a native library
 * that is not loaded (an {@link UnsatisfiedLinkError}) or whose classes cannot be linked (another
 * {@link LinkageError}) fails with one line saying so instead of the error, and the remaining
 * checks are skipped. Box2D's natives are loaded before any env is built.
 */
public final class EnvChecker {
  /** Steps per checked rollout. */
  private static final int ROLLOUT_STEPS = 400;
  /** A short time limit used to check truncation without waiting for the real one. */
  private static final int SHORT_LIMIT = 12;
  /** Steps allowed to reach a terminal state with random actions before giving up. */
  private static final int MAX_STEPS_TO_END = 20_000;

  private EnvChecker() {}

  /**
   * What is checked: how to build the env as it is used, and with a short time limit.
   *
   * @param make a new env with its usual wrappers
   * @param withLimit a new env whose time limit is the given number of steps
   * @param id the id the env's spec must have, or null when any non-blank id will do
   * @param limit the time limit the env's spec must have, or -1 when not known beforehand
   */
  private record Subject(Supplier<? extends Env<float[], ?>> make,
      IntFunction<? extends Env<float[], ?>> withLimit, String id, int limit) {}

  /**
   * Runs every check on registry env {@code id} as {@link EnvRegistry#make(String)} builds it;
   * returns the failures (empty when it passes).
   *
   * @throws UnknownEnvException if {@code id} is not registered
   */
  public static List<String> check(EnvRegistry registry, String id) {
    return check(new Subject(() -> registry.make(id), n -> registry.make(id, n), id,
        registry.spec(id).maxEpisodeSteps()));
  }

  /**
   * Runs every check on the envs {@code factory} builds, each call a new instance with the
   * wrappers it is meant to run with (e.g. {@code () -> new TimeLimit<>(new MyGame(), 1000)}):
   * the determinism check compares two instances, and the truncation check adds a short
   * {@link TimeLimit} around one. Returns the failures (empty when it passes).
   */
  public static List<String> check(Supplier<? extends Env<float[], ?>> factory) {
    Objects.requireNonNull(factory, "factory");
    return check(new Subject(factory, n -> new TimeLimit<>(factory.get(), n), null, -1));
  }

  private static List<String> check(Subject subject) {
    NativeLibraries.loadBox2D();
    List<String> failures = new ArrayList<>();
    boolean go = run(failures, "spaces", () -> checkSpaces(subject));
    go = go && run(failures, "step before reset", () -> checkStepBeforeReset(subject));
    go = go && run(failures, "observations in space", () -> checkObservations(subject));
    go = go && run(failures, "determinism", () -> checkDeterminism(subject));
    go = go && run(failures, "reset after terminal", () -> checkResetAfterEnd(subject));
    go = go && run(failures, "truncation", () -> checkTruncation(subject));
    go = go && run(failures, "invalid actions", () -> checkInvalidActions(subject));
    go = go && run(failures, "observations not reused", () -> checkNoAliasing(subject));
    go = go && run(failures, "close", () -> checkClose(subject));
    return failures;
  }

  /** Names of the checks, in order, for reports. */
  public static List<String> checkNames() {
    return List.of("spaces", "step before reset", "observations in space", "determinism", "reset after terminal",
        "truncation", "invalid actions", "observations not reused", "close");
  }

  private interface Check {
    void run();
  }

  /** Runs one check; false when a missing native library makes further checks pointless. */
  private static boolean run(List<String> failures, String name, Check check) {
    try {
      check.run();
    } catch (CheckFailed e) {
      failures.add(name + ": " + e.getMessage());
    } catch (EnvDiscoveryException e) {
      failures.add(name + ": " + e.getMessage() + " (other checks skipped)");
      return false;
    } catch (RuntimeException e) {
      failures.add(name + ": unexpected " + oneLine(e.toString()));
    } catch (UnsatisfiedLinkError e) {
      failures.add(name + ": " + missingNatives(e) + " (other checks skipped)");
      return false;
    } catch (LinkageError e) {
      String cause = e.getCause() == null ? "" : " caused by " + e.getCause();
      failures.add(name + ": the env's classes cannot be used: " + oneLine(e + cause)
          + " (other checks skipped)");
      return false;
    }
    return true;
  }

  /** The one-line reason for an UnsatisfiedLinkError, naming the fix when it is Box2D's. */
  static String missingNatives(UnsatisfiedLinkError e) {
    String detail = oneLine(String.valueOf(e.getMessage()));
    boolean gdx = detail.contains("com.badlogic.gdx");
    for (StackTraceElement frame : e.getStackTrace()) {
      gdx |= frame.getClassName().startsWith("com.badlogic.gdx");
    }
    if (gdx) {
      return "Box2D's native library is not loaded: call dev.gdxrl.box2d.Box2DNatives.load() "
          + "before creating a World (UnsatisfiedLinkError: " + detail + ")";
    }
    return "a native library is not loaded (UnsatisfiedLinkError: " + detail + ")";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
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

  private static void checkSpaces(Subject subject) {
    try (Env<float[], ?> env = subject.make().get()) {
      require(env != null, "the factory returned null");
      require(env.observationSpace() != null, "observationSpace() is null");
      require(env.actionSpace() != null, "actionSpace() is null");
      require(env.spec() != null, "spec() is null");
      require(subject.id() == null || subject.id().equals(env.spec().id()),
          "spec().id() is not '" + subject.id() + "'");
      TimeLimit<?, ?> limit = Wrapper.find(env, TimeLimit.class);
      require(subject.limit() < 0 || env.spec().maxEpisodeSteps() == subject.limit(),
          "wrapped spec lost the time limit");
      if (limit != null) {
        require(env.spec().maxEpisodeSteps() == limit.maxSteps(),
            "spec().maxEpisodeSteps() is " + env.spec().maxEpisodeSteps()
                + " but the outermost TimeLimit truncates at " + limit.maxSteps());
      }
    }
  }

  private static <A> void checkStepBeforeReset(Subject subject) {
    try (Env<float[], ?> raw = subject.make().get()) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      A action = env.actionSpace().sample(new SplittableRandom(3));
      try {
        env.step(action);
      } catch (IllegalStateException expected) {
        return;
      } catch (RuntimeException e) {
        throw new CheckFailed("step() before the first reset() threw " + e
            + " instead of an IllegalStateException saying reset() comes first");
      }
      throw new CheckFailed("step() before the first reset() did not throw; it must throw an"
          + " IllegalStateException saying reset() comes first");
    }
  }

  private static <A> void checkObservations(Subject subject) {
    try (Env<float[], ?> raw = subject.make().get()) {
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

  private static void checkDeterminism(Subject subject) {
    Trace a;
    Trace b;
    Trace c;
    try (Env<float[], ?> env = subject.make().get()) {
      a = rollout(env, 3);
      b = rollout(env, 3); // same instance, after an episode: no hidden state may leak
    }
    try (Env<float[], ?> env = subject.make().get()) {
      c = rollout(env, 3);
    }
    requireSame(a, b, "same seed on the same env instance");
    requireSame(a, c, "same seed on a fresh env instance");
    try (Env<float[], ?> env = subject.make().get()) {
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

  private static <A> void checkResetAfterEnd(Subject subject) {
    try (Env<float[], ?> raw = subject.make().get()) {
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
      requireRefusesToContinue(env, rng, s, t);
      float[] obs = env.reset(12);
      require(env.observationSpace().contains(obs), "observation after re-reset outside space");
      Step<float[]> again = env.step(env.actionSpace().sample(rng));
      require(env.observationSpace().contains(again.observation()), "step after re-reset failed");
    }
  }

  /** Requires a step after {@code last} (the end of an episode at step t) to be refused. */
  private static <A> void requireRefusesToContinue(
      Env<float[], A> env, SplittableRandom rng, Step<float[]> last, int t) {
    String how = howItEnded(env, last, t);
    try {
      env.step(env.actionSpace().sample(rng));
    } catch (IllegalStateException expected) {
      return; // the env refuses to continue an ended episode
    } catch (RuntimeException e) {
      throw new CheckFailed("step() after the episode " + how + " threw " + oneLine(e.toString())
          + " instead of IllegalStateException");
    }
    throw new CheckFailed("step() after the episode " + how + " did not throw "
        + "IllegalStateException; the layer that ends an episode must refuse steps until reset()");
  }

  /** E.g. "was truncated by TimeLimit(12) at step 12 (layers: ...)". */
  private static String howItEnded(Env<?, ?> env, Step<?> last, int t) {
    List<String> ends = new ArrayList<>();
    if (last.terminated()) {
      ends.add("terminated");
    }
    if (last.truncated()) {
      TimeLimit<?, ?> limit = Wrapper.find(env, TimeLimit.class);
      while (limit != null && limit.elapsed() < limit.maxSteps()) {
        limit = Wrapper.find(limit.inner(), TimeLimit.class);
      }
      ends.add(limit != null ? "truncated by TimeLimit(" + limit.maxSteps() + ")"
          : "truncated by a layer that is not a TimeLimit");
    }
    return "was " + String.join(" and ", ends) + " at step " + t + " (layers: " + layers(env)
        + ")";
  }

  /** The wrapper chain, outermost first: "RecordEpisodeStatistics > TimeLimit(500) > MyEnv". */
  private static String layers(Env<?, ?> env) {
    List<String> names = new ArrayList<>();
    Env<?, ?> e = env;
    while (true) {
      names.add(e instanceof TimeLimit<?, ?> tl ? "TimeLimit(" + tl.maxSteps() + ")"
          : e.getClass().getSimpleName());
      if (!(e instanceof Wrapper<?, ?> w)) {
        return String.join(" > ", names);
      }
      e = w.inner();
    }
  }

  private static <A> void checkTruncation(Subject subject) {
    int truncatedEpisodes = 0;
    int shortLimit = SHORT_LIMIT;
    if (subject.id() == null) {
      // an instance keeps its own time limit inside the short one: use the shorter of the two
      try (Env<float[], ?> env = subject.make().get()) {
        int own = env.spec().maxEpisodeSteps();
        if (own > 0) {
          shortLimit = Math.min(SHORT_LIMIT, own);
        }
      }
    }
    try (Env<float[], ?> raw = subject.withLimit().apply(shortLimit)) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(3);
      for (int e = 0; e < 20; e++) {
        env.reset(100 + e);
        for (int t = 1; t <= shortLimit; t++) {
          Step<float[]> s = env.step(env.actionSpace().sample(rng));
          if (t < shortLimit) {
            require(!s.truncated(), "truncated at step " + t + " before the limit " + shortLimit);
            if (s.terminated()) {
              break;
            }
          } else {
            require(s.truncated(), "step " + t + " reached the limit but truncated is false");
            if (!s.terminated()) {
              truncatedEpisodes++;
              requireRefusesToContinue(env, rng, s, t);
            }
          }
        }
      }
    }
    require(truncatedEpisodes > 0,
        "no episode survived " + shortLimit + " random steps to show truncation");
  }

  private static void checkInvalidActions(Subject subject) {
    try (Env<float[], ?> raw = subject.make().get()) {
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

  private static <A> void checkNoAliasing(Subject subject) {
    try (Env<float[], ?> raw = subject.make().get()) {
      @SuppressWarnings("unchecked")
      Env<float[], A> env = (Env<float[], A>) raw;
      SplittableRandom rng = new SplittableRandom(4);
      float[] first = env.reset(21);
      float[] copy = first.clone();
      Step<float[]> s = env.step(env.actionSpace().sample(rng));
      float[] second = s.observation();
      float[] secondCopy = second.clone();
      if (s.done()) {
        env.reset(22); // an episode may end on its first step: then the reset must not reuse it
      } else {
        env.step(env.actionSpace().sample(rng));
      }
      require(Arrays.equals(first, copy), "the reset observation array was changed by step()");
      require(Arrays.equals(second, secondCopy), "a step observation array was changed later");
    }
  }

  private static void checkClose(Subject subject) {
    Env<float[], ?> env = subject.make().get();
    env.reset(0);
    env.close();
    env.close();
  }
}
