package dev.gdxrl.agent;

/**
 * An agent with an explicit policy distribution and a critic (REINFORCE, A2C, PPO): what a HUD
 * shows next to a learned NPC.
 */
public interface ActorCriticAgent {

  /** True for a categorical policy over {@code Discrete} actions, false for a Gaussian. */
  boolean discreteActions();

  /** Number of actions (categorical) or action dimensions (Gaussian). */
  int actionSize();

  /**
   * The policy at {@code observation}: action probabilities (categorical) or the Gaussian's mean,
   * before clipping (continuous), written into {@code out} (length {@link #actionSize()}).
   *
   * @return the critic's V(s)
   */
  float distribution(float[] observation, float[] out);

  /** The Gaussian's standard deviations into {@code out} (state-independent); NaN if discrete. */
  float[] std(float[] out);
}
