package dev.gdxrl.env;

/**
 * Repeats each action for {@code skip} inner steps (a decision period), summing the rewards and
 * stopping early when the episode ends. Put it inside {@link TimeLimit} so the limit counts
 * decisions: {@code new TimeLimit<>(new FrameSkip<>(env, 4), 250)}.
 */
public final class FrameSkip<O, A> extends Wrapper<O, A> {
  private final int skip;

  public FrameSkip(Env<O, A> env, int skip) {
    super(env);
    if (skip < 1) {
      throw new IllegalArgumentException("FrameSkip needs skip >= 1, got " + skip);
    }
    this.skip = skip;
  }

  public int skip() {
    return skip;
  }

  @Override
  public Step<O> step(A action) {
    double total = 0;
    Step<O> s = null;
    for (int k = 0; k < skip; k++) {
      s = env.step(action);
      total += s.reward();
      if (s.done()) {
        break;
      }
    }
    return new Step<>(s.observation(), total, s.terminated(), s.truncated(), s.info());
  }
}
