package dev.gdxrl.control;

/**
 * The seam a game calls once per decision tick to get the action for its NPC (or player). Human
 * (keyboard), heuristic (scripted) and learned controllers all implement it, so the game does not
 * know which one drives.
 *
 * @param <A> action type: {@code Integer} for discrete actions, {@code float[]} for continuous
 */
public interface Controller<A> {

  /** Who drives, for the HUD: "human", "heuristic", "agent", ... */
  String name();

  /** The action for this tick, from the env's raw observation. */
  A decide(float[] observation);

  /**
   * Decisions for several NPCs at once (one batched forward pass for learned controllers). The
   * default asks {@link #decide} for each.
   */
  default void decideAll(float[][] observations, A[] out) {
    for (int i = 0; i < observations.length; i++) {
      out[i] = decide(observations[i]);
    }
  }

  /** Called when an episode starts. */
  default void reset() {}

  /** What the controller thought at its last {@link #decide}, or null if it cannot say. */
  default Insight insight() {
    return null;
  }

  /** A controller that asks {@code policy}. */
  static <A> Controller<A> of(String name, Policy<float[], A> policy) {
    return new Controller<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public A decide(float[] observation) {
        return policy.act(observation);
      }

      @Override
      public void reset() {
        policy.reset();
      }
    };
  }
}
