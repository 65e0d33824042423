package dev.gdxrl.registry;

import dev.gdxrl.sim.arena.ArenaEnv;
import dev.gdxrl.sim.arena.ArenaPursuit;
import dev.gdxrl.sim.arena.ArenaScene;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.cartpole.CartPoleHeuristic;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousHeuristic;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderHeuristic;
import java.util.List;

/**
 * The games shipped with gdx-rl, declared like any other game's envs (in core's {@code
 * META-INF/services/dev.gdxrl.registry.EnvProvider}); their presets are core's {@code
 * gdx-rl/presets/*.yaml}.
 */
public final class BuiltinEnvProvider implements EnvProvider {

  /** ServiceLoader needs a public no-argument constructor. */
  public BuiltinEnvProvider() {}

  @Override
  public List<EnvRegistry.Entry> envs() {
    return List.of(
        new EnvRegistry.Entry(CartPoleEnv.SPEC, CartPoleEnv::new, CartPoleHeuristic::new,
            "Box2D cart-pole: keep the pole up by pushing the cart left or right (2 actions)"),
        new EnvRegistry.Entry(LunarLanderEnv.SPEC, LunarLanderEnv::new,
            LunarLanderHeuristic::new,
            "Box2D Lunar Lander: land on the pad with the main and side engines (4 actions)"),
        new EnvRegistry.Entry(LunarLanderContinuousEnv.SPEC, LunarLanderContinuousEnv::new,
            LunarLanderContinuousHeuristic::new,
            "Box2D Lunar Lander, continuous throttles: (main, lateral) in [-1, 1]^2"),
        new EnvRegistry.Entry(ArenaScene.SPEC, ArenaEnv::discrete, ArenaPursuit::new,
            "Box2D tag arena: chaser NPCs catch a scripted runner (9 moves; --npcs M chasers)"),
        new EnvRegistry.Entry(ArenaScene.CONTINUOUS_SPEC, ArenaEnv::continuous,
            ArenaPursuit.Continuous::new,
            "Box2D tag arena, continuous: planar thrust in [-1, 1]^2 (--npcs M chasers)"));
  }
}
