package dev.gdxrl.control;

/**
 * Decides an action from an observation. Heuristic pilots, learned agents and the keyboard all
 * are policies. A policy may keep state between calls within an episode; {@link #reset()} clears
 * it at the start of one.
 */
@FunctionalInterface
public interface Policy<O, A> {

  A act(O observation);

  /** Called at the start of each episode. */
  default void reset() {}
}
