package dev.gdxrl.sim.cartpole;

import dev.gdxrl.control.Policy;

/**
 * A scripted balancer: push towards the side the pole is falling to, with a weak pull of the cart
 * back to the centre. A linear rule on the state, as a state-feedback controller would give.
 */
public final class CartPoleHeuristic implements Policy<float[], Integer> {
  /** Gains on (x, x', theta, theta'). */
  private static final double KX = 0.1;
  private static final double KXDOT = 0.5;
  private static final double KTHETA = 10.0;
  private static final double KTHETADOT = 2.0;

  @Override
  public Integer act(float[] s) {
    double u = KX * s[0] + KXDOT * s[1] + KTHETA * s[2] + KTHETADOT * s[3];
    return u > 0 ? 1 : 0;
  }
}
