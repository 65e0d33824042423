package dev.gdxrl.desktop.game;

import dev.gdxrl.desktop.game.arena.ArenaView;
import dev.gdxrl.sim.arena.ArenaEnv;
import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import dev.gdxrl.env.Env;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;

/**
 * The views of the games gdx-rl ships (cartpole, lunarlander, lunarlander-continuous, arena, arena-continuous), found
 * through {@code META-INF/services} like any game's provider.
 */
public final class ShippedViews implements GameViewProvider {

  @Override
  public boolean supports(Env<float[], ?> env) {
    Env<float[], ?> raw = env.unwrapped();
    return raw instanceof CartPoleEnv || raw instanceof LunarLanderEnv
        || raw instanceof LunarLanderContinuousEnv || raw instanceof ArenaEnv<?>;
  }

  @Override
  public GameView<?> create(Env<float[], ?> env) {
    Env<float[], ?> raw = env.unwrapped();
    if (raw instanceof CartPoleEnv c) {
      return new CartPoleView(c);
    }
    if (raw instanceof LunarLanderEnv l) {
      return LunarLanderView.discrete(l);
    }
    if (raw instanceof LunarLanderContinuousEnv l) {
      return LunarLanderView.continuous(l);
    }
    if (raw instanceof ArenaEnv<?>) {
      return new ArenaView<>(env);
    }
    throw new IllegalArgumentException("not a shipped game: " + env.spec().id());
  }
}
