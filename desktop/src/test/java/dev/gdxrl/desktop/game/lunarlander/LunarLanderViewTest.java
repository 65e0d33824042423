package dev.gdxrl.desktop.game.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Step;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keyboard mapping and exhaust particles of the lander view, without a window. */
class LunarLanderViewTest {

  @Test
  void discreteKeysPickOneEngineMainFirst() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      LunarLanderView<Integer> view = LunarLanderView.discrete(env);
      assertThat(act(view, Set.of())).isEqualTo(LunarLanderEnv.NOOP);
      assertThat(act(view, Set.of(Keys.UP))).isEqualTo(LunarLanderEnv.MAIN_ENGINE);
      assertThat(act(view, Set.of(Keys.W, Keys.A))).isEqualTo(LunarLanderEnv.MAIN_ENGINE);
      assertThat(act(view, Set.of(Keys.LEFT))).isEqualTo(LunarLanderEnv.LEFT_ENGINE);
      assertThat(act(view, Set.of(Keys.D))).isEqualTo(LunarLanderEnv.RIGHT_ENGINE);
      assertThat(act(view, Set.of(Keys.LEFT, Keys.RIGHT))).isEqualTo(LunarLanderEnv.NOOP);
    }
  }

  @Test
  void continuousKeysGiveFullThrottles() {
    try (LunarLanderContinuousEnv env = new LunarLanderContinuousEnv()) {
      LunarLanderView<float[]> view = LunarLanderView.continuous(env);
      assertThat(act(view, Set.of())).containsExactly(-1f, 0f);
      assertThat(act(view, Set.of(Keys.UP, Keys.LEFT))).containsExactly(1f, -1f);
      assertThat(act(view, Set.of(Keys.RIGHT))).containsExactly(-1f, 1f);
      assertThat(env.actionSpace().contains(act(view, Set.of(Keys.W, Keys.D)))).isTrue();
    }
  }

  @Test
  void mainEngineStepsSpawnExhaustAndResetClearsIt() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      LunarLanderView<Integer> view = LunarLanderView.discrete(env);
      env.reset(0);
      view.afterReset();
      for (int i = 0; i < 5; i++) {
        view.beforeStep();
        Step<float[]> s = env.step(LunarLanderEnv.NOOP);
        view.afterStep(LunarLanderEnv.NOOP, s);
      }
      assertThat(view.particlesAlive()).as("no engine, no exhaust").isZero();
      for (int i = 0; i < 5; i++) {
        view.beforeStep();
        Step<float[]> s = env.step(LunarLanderEnv.MAIN_ENGINE);
        view.afterStep(LunarLanderEnv.MAIN_ENGINE, s);
      }
      assertThat(view.particlesAlive()).isBetween(10, 15);
      env.reset(1);
      view.afterReset();
      assertThat(view.particlesAlive()).isZero();
    }
  }

  @Test
  void engineLineAndExhaustComeFromTheSimsEventsAcrossResets() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      LunarLanderView<Integer> view = LunarLanderView.discrete(env);
      for (long seed = 0; seed < 2; seed++) {
        env.reset(seed);
        view.afterReset();
        assertThat(hud(view)).contains("engines: main off   side off");
        step(view, env, LunarLanderEnv.MAIN_ENGINE);
        assertThat(hud(view)).contains("engines: main 100%   side off");
        assertThat(view.particlesAlive()).isBetween(2, 3);
        step(view, env, LunarLanderEnv.RIGHT_ENGINE);
        assertThat(hud(view)).contains("engines: main off   side right 100%");
        step(view, env, LunarLanderEnv.NOOP);
        assertThat(hud(view)).contains("engines: main off   side off");
      }
      view.dispose();
      env.reset(3);
      view.afterReset();
      env.step(LunarLanderEnv.MAIN_ENGINE);
      assertThat(hud(view)).as("a disposed view no longer listens").contains(
          "engines: main off   side off");
    }
  }

  private static void step(LunarLanderView<Integer> view, LunarLanderEnv env, int action) {
    view.beforeStep();
    Step<float[]> s = env.step(action);
    view.afterStep(action, s);
  }

  private static List<String> hud(LunarLanderView<?> view) {
    List<String> lines = new ArrayList<>();
    view.hudLines(lines);
    return lines;
  }

  private static <A> A act(LunarLanderView<A> view, Set<Integer> held) {
    Policy<float[], A> p = view.keyboard(held::contains);
    return p.act(new float[8]);
  }
}
