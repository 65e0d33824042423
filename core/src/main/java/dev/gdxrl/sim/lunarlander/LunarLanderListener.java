package dev.gdxrl.sim.lunarlander;

/**
 * Events of a {@link LunarLanderSim}, for sounds, particles, scores and the like. Called on the
 * thread that steps the sim, after the physics step and never from inside Box2D's callbacks, so a
 * listener may read the sim freely (but must not step or reset it). Every method defaults to doing
 * nothing. Per step, in this order: the engine events, leg touchdowns, then at most one of
 * landed, crashed, flew off (once, on the step the episode ends). Arguments are primitives: a sim
 * with no listener does no work for events, one with listeners allocates nothing for them.
 */
public interface LunarLanderListener {

  /**
   * The main engine fired on this step. The impulse was applied at world point (x, y) before the
   * physics step; the exhaust leaves opposite to the impulse.
   *
   * @param power main engine power, in [0.5, 1]
   * @param x world x (metres) where the impulse was applied
   * @param y world y (metres) where the impulse was applied
   * @param impulseX x of the impulse on the hull (N s)
   * @param impulseY y of the impulse on the hull (N s)
   */
  default void mainEngineFired(double power, float x, float y, float impulseX, float impulseY) {}

  /**
   * An orientation engine fired on this step; arguments as for {@link #mainEngineFired}.
   *
   * @param direction -1 (action "left": pushes the hull's nose left) or +1 ("right")
   * @param power orientation engine power, in [0.5, 1]
   */
  default void sideEngineFired(int direction, double power, float x, float y, float impulseX,
      float impulseY) {}

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
