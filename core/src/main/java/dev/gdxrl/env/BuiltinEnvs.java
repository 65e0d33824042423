package dev.gdxrl.env;

import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.cartpole.CartPoleHeuristic;

/** The games shipped with gdx-rl: the one place where concrete games are named. */
final class BuiltinEnvs {
  private BuiltinEnvs() {}

  static void registerAll(EnvRegistry r) {
    r.register(new EnvRegistry.Entry(
        CartPoleEnv.SPEC, CartPoleEnv::new, CartPoleHeuristic::new,
        "Box2D cart-pole: keep the pole up by pushing the cart left or right (2 actions)"));
  }
}
