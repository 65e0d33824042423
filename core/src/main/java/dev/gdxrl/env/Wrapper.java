package dev.gdxrl.env;

import java.util.Map;

/**
 * An env that decorates another; by default everything is passed through. A wrapper that ends an
 * episode itself (returns {@code terminated} or {@code truncated} where the inner env did not)
 * must also refuse the next step with {@link IllegalStateException} until reset, as {@link
 * TimeLimit} does: see the contract of {@link Env}.
 */
public abstract class Wrapper<O, A> implements Env<O, A> {
  protected final Env<O, A> env;

  protected Wrapper(Env<O, A> env) {
    if (env == null) {
      throw new IllegalArgumentException("wrapped env is null");
    }
    this.env = env;
  }

  public Env<O, A> inner() {
    return env;
  }

  @Override
  public O reset(long seed) {
    return env.reset(seed);
  }

  @Override
  public O reset(long seed, Map<String, Object> options) {
    return env.reset(seed, options);
  }

  @Override
  public Step<O> step(A action) {
    return env.step(action);
  }

  @Override
  public Space<O> observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return env.actionSpace();
  }

  @Override
  public EnvSpec spec() {
    return env.spec();
  }

  @Override
  public Env<O, A> unwrapped() {
    return env.unwrapped();
  }

  /** The first wrapper of type {@code type} in this chain (this one included), or null. */
  public static <W> W find(Env<?, ?> env, Class<W> type) {
    Env<?, ?> e = env;
    while (true) {
      if (type.isInstance(e)) {
        return type.cast(e);
      }
      if (e instanceof Wrapper<?, ?> w) {
        e = w.env;
      } else {
        return null;
      }
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
