package dev.gdxrl.env;

import java.util.Map;

/**
 * A reinforcement-learning environment: the API every game and every learner speaks.
 *
 * <p>Contract (checked by {@link EnvChecker}): {@link #reset(long)} must be called before the first
 * step and after every step that returned {@code done()}; the same seed gives the same episode for
 * the same actions; observations lie in {@link #observationSpace()}; an action outside {@link
 * #actionSpace()} throws {@link IllegalArgumentException}. An env is not thread-safe; use one per
 * thread ({@link VectorEnv} does).
 *
 * @param <O> observation type ({@code float[]} for every game in this project)
 * @param <A> action type ({@code Integer} for {@link Discrete}, {@code float[]} for {@link Box})
 */
public interface Env<O, A> extends AutoCloseable {

  /** Starts a new episode whose randomness is fully determined by {@code seed}. */
  O reset(long seed);

  /** Starts a new episode with game-specific options (ignored by default). */
  default O reset(long seed, Map<String, Object> options) {
    return reset(seed);
  }

  /** Advances one decision step. */
  Step<O> step(A action);

  Space<O> observationSpace();

  Space<A> actionSpace();

  EnvSpec spec();

  /** The innermost env under all wrappers. */
  default Env<O, A> unwrapped() {
    return this;
  }

  /** Releases native resources (Box2D worlds). Idempotent. */
  @Override
  void close();
}
