package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvRegistry;
import dev.gdxrl.env.Envs;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The game's session logic without a window: keyboard actions, drivers, restarts. */
class SessionTest {
  private final EnvRegistry registry = EnvRegistry.builtin();

  private Session<Integer> cartpole(KeyInput keys, Driver driver, long seed) {
    Env<float[], Integer> env = Envs.asDiscrete(registry.make("cartpole"));
    @SuppressWarnings("unchecked")
    var heuristic = (dev.gdxrl.control.Policy<float[], Integer>) registry.heuristic("cartpole");
    CartPoleView view = new CartPoleView((CartPoleEnv) env.unwrapped());
    return new Session<>(env, view, Session.standardControllers(env, view, keys, heuristic, seed),
        driver.label(), seed);
  }

  @Test
  void holdingRightPushesTheCartRight() {
    Set<Integer> held = new HashSet<>();
    held.add(Keys.RIGHT);
    try (Session<Integer> s = cartpole(held::contains, Driver.HUMAN, 0)) {
      for (int i = 0; i < 5; i++) {
        s.step();
      }
      assertThat(s.steps()).isEqualTo(5);
      assertThat(s.episodeReturn()).isEqualTo(5.0);
      CartPoleEnv env = (CartPoleEnv) unwrapped(s);
      assertThat(env.sim().xDot()).isGreaterThan(0.5f);
    }
  }

  @Test
  void heuristicDriverLastsAndRestartReplaysTheEpisode() {
    try (Session<Integer> s = cartpole(k -> false, Driver.HEURISTIC, 4)) {
      CartPoleEnv env = (CartPoleEnv) unwrapped(s);
      float x0 = env.sim().x();
      float theta0 = env.sim().theta();
      for (int i = 0; i < 200; i++) {
        s.step();
      }
      assertThat(s.done()).isFalse();
      assertThat(s.episodeReturn()).isEqualTo(200.0);
      float x200 = env.sim().x();
      s.reset(4);
      assertThat(env.sim().x()).isEqualTo(x0);
      assertThat(env.sim().theta()).isEqualTo(theta0);
      assertThat(s.steps()).isZero();
      for (int i = 0; i < 200; i++) {
        s.step();
      }
      // R replays the episode exactly (the env rebuilds its world on reset).
      assertThat(env.sim().x()).isEqualTo(x200);
      assertThat(s.episode()).isEqualTo(2);
    }
  }

  @Test
  void episodeEndsWithAnOutcomeAndStepsStop() {
    try (Session<Integer> s = cartpole(k -> k == Keys.LEFT, Driver.HUMAN, 1)) {
      while (!s.done()) {
        s.step();
      }
      assertThat(s.outcome()).isIn(CartPoleEnv.OUTCOME_FELL, CartPoleEnv.OUTCOME_OFF_TRACK);
      int steps = s.steps();
      s.step();
      assertThat(s.steps()).isEqualTo(steps);
    }
  }

  @Test
  void driverCycles() {
    try (Session<Integer> s = cartpole(k -> false, Driver.HUMAN, 0)) {
      s.cycleDriver();
      assertThat(s.driver().name()).isEqualTo("heuristic");
      s.cycleDriver();
      assertThat(s.driver().name()).isEqualTo("random");
      s.cycleDriver();
      assertThat(s.driver().name()).isEqualTo("human");
    }
  }

  private static Env<float[], ?> unwrapped(Session<?> s) {
    return s.env().unwrapped();
  }
}
