package dev.gdxrl.agent;

/** An agent over a Discrete action space that acts greedily on per-action values (Q-values). */
public interface ValueAgent extends Agent<Integer> {

  /** Number of actions. */
  int actions();

  /**
   * Writes the action values of {@code observation} into {@code out} (length {@link #actions()})
   * and returns it. Does not change the agent's state; not thread-safe.
   */
  float[] actionValues(float[] observation, float[] out);
}
