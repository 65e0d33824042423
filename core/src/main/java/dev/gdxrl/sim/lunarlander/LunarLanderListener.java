package dev.gdxrl.sim.lunarlander;

/**
 * Events of a {@link LunarLanderSim}, for sounds, particles, scores and the like. Called on the
 * thread that steps the sim, after the physics step and never from inside Box2D's callbacks, so a
 * listener may read the sim freely (but must not step or reset it). Every method defaults to doing
 * nothing.
 */
public interface LunarLanderListener {

  /** The hull came to rest (Box2D put it to sleep): the episode ends with +100. */
  default void landed() {}

  /** The hull touched the ground: the episode ends with -100. */
  default void crashed() {}

  /** The lander left the screen sideways: the episode ends with -100. */
  default void flewOff() {}

  /**
   * Leg {@code leg} started touching the ground (0: the reference's leg i = -1, which hangs on the
   * hull's +x side; 1: leg i = +1, on the -x side).
   */
  default void legTouchdown(int leg) {}
}
