package dev.gdxrl.env;

import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.cartpole.CartPoleHeuristic;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousHeuristic;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderHeuristic;

/** The games shipped with gdx-rl: the one place where concrete games are named. */
final class BuiltinEnvs {
  private BuiltinEnvs() {}

  static void registerAll(EnvRegistry r) {
    r.register(new EnvRegistry.Entry(
        CartPoleEnv.SPEC, CartPoleEnv::new, CartPoleHeuristic::new,
        "Box2D cart-pole: keep the pole up by pushing the cart left or right (2 actions)"));
    r.register(new EnvRegistry.Entry(
        LunarLanderEnv.SPEC, LunarLanderEnv::new, LunarLanderHeuristic::new,
        "Box2D Lunar Lander: land on the pad with the main and side engines (4 actions)"));
    r.register(new EnvRegistry.Entry(
        LunarLanderContinuousEnv.SPEC, LunarLanderContinuousEnv::new,
        LunarLanderContinuousHeuristic::new,
        "Box2D Lunar Lander, continuous throttles: (main, lateral) in [-1, 1]^2"));
  }
}
