package dev.gdxrl.desktop.game;

import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import dev.gdxrl.env.Env;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;
import java.util.List;

/** The games that have a renderer: the one place where desktop names concrete games. */
public final class GameViews {
  private GameViews() {}

  /** Env ids {@code play} can show. */
  public static final List<String> PLAYABLE = List.of("cartpole", "lunarlander", "lunarlander-continuous");

  public static boolean playable(String envId) {
    return PLAYABLE.contains(envId);
  }

  /** The view for {@code env} (a registry env with its wrappers); throws if there is none. */
  static GameView<?> create(Env<float[], ?> env) {
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
    throw new IllegalArgumentException(
        "no renderer for env '" + env.spec().id() + "'; playable: " + String.join(", ", PLAYABLE));
  }
}
