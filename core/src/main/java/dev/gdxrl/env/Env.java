package dev.gdxrl.env;

import java.util.Map;

/**
 * A reinforcement-learning environment: the API every game and every learner speaks.
 *
 * <p>Contract (checked by {@code dev.gdxrl.registry.EnvChecker}):
 *
 * <ul>
 *   <li><b>Episodes.</b> {@link #reset(long)} starts an episode. An episode ends on the step that
 *       returns {@code terminated} (the task ended) or {@code truncated} (cut short, e.g. by
 *       {@link TimeLimit}), or both. After that step, and before the first reset, {@link #step}
 *       throws {@link IllegalStateException} until the next reset, whichever layer (the game or a
 *       wrapper) ended the episode: the layer that ends an episode is the one that refuses to
 *       continue it.
 *   <li><b>Actions.</b> An action outside {@link #actionSpace()} (null included) throws {@link
 *       IllegalArgumentException} with a message, and changes nothing.
 *   <li><b>Observations.</b> Every observation lies in {@link #observationSpace()} and is a new
 *       array: the env never writes to an array it has returned (callers keep them, e.g. in
 *       replay buffers).
 *   <li><b>Seeding.</b> Every random draw of an episode comes from a {@link RandomSource} built
 *       from the seed given to reset ({@link RandomSource#seeded(long)} by default), built anew
 *       on every reset; nothing random is carried from one episode to the next and there is no
 *       global or unseeded generator. So {@code reset(seed)} followed by the same actions gives
 *       the same observations, rewards and flags on any instance, after any history.
 *   <li><b>Resources.</b> {@link #close()} releases native resources and is idempotent.
 * </ul>
 *
 * <p>An env is not thread-safe; use one per thread ({@link VectorEnv} does).
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

  /**
   * Advances one decision step.
   *
   * @throws IllegalArgumentException if {@code action} is not in {@link #actionSpace()}
   * @throws IllegalStateException before the first reset and after the step that ended the
   *     episode, until the next reset
   */
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
