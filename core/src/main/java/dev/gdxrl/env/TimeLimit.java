package dev.gdxrl.env;

import java.util.Map;

/**
 * Ends an episode by truncation after {@code maxSteps} steps. Truncation is not termination: a
 * step that hits the limit reports {@code truncated = true} and keeps the inner env's {@code
 * terminated} as it was.
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

  public int maxSteps() {
    return maxSteps;
  }

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
