package dev.gdxrl.env;

import java.util.Map;

/**
 * Ends an episode by truncation after {@code maxSteps} steps. Truncation is not termination: a
 * step that hits the limit reports {@code truncated = true} and keeps the inner env's {@code
 * terminated} as it was.
 *
 * <p>Like every layer that ends an episode, it refuses to continue the episode it ended: once it
 * has truncated, {@link #step} throws {@link IllegalStateException} (without stepping the inner
 * env) until the next {@code reset}. An episode the inner env ended is the inner env's to refuse.
 */
public final class TimeLimit<O, A> extends Wrapper<O, A> {
  private final int maxSteps;
  private int elapsed;

  public TimeLimit(Env<O, A> env, int maxSteps) {
    super(env);
    if (maxSteps < 1) {
      throw new IllegalArgumentException("TimeLimit needs maxSteps >= 1, got " + maxSteps);
    }
    this.maxSteps = maxSteps;
  }

  /** The limit: the step that reaches it reports {@code truncated = true}. */
  public int maxSteps() {
    return maxSteps;
  }

  /** Steps since the last reset; equal to {@link #maxSteps()} once this wrapper truncated. */
  public int elapsed() {
    return elapsed;
  }

  @Override
  public O reset(long seed) {
    elapsed = 0;
    return env.reset(seed);
  }

  @Override
  public O reset(long seed, Map<String, Object> options) {
    elapsed = 0;
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    if (elapsed >= maxSteps) {
      throw new IllegalStateException(env.spec().id()
          + ": step() after the episode was truncated by the time limit of " + maxSteps
          + " steps; call reset()");
    }
    Step<O> s = env.step(action);
    elapsed++;
    if (elapsed >= maxSteps && !s.truncated()) {
      return new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info());
    }
    return s;
  }

  @Override
  public EnvSpec spec() {
    return env.spec().withMaxEpisodeSteps(maxSteps);
  }
}
