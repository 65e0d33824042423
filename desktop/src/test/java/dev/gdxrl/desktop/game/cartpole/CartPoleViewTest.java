package dev.gdxrl.desktop.game.cartpole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.env.Step;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.cartpole.CartPoleSim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the cart-pole view would draw, without a window: always the env's current sim. */
class CartPoleViewTest {

  @Test
  void afterEachResetTheViewReadsTheNewSimNotTheDisposedOne() {
    try (CartPoleEnv env = new CartPoleEnv()) {
      CartPoleView view = new CartPoleView(env);
      env.reset(1);
      view.afterReset();
      for (int i = 0; i < 10; i++) {
        step(view, env, i % 2); // left and right in turn: the episode goes on
      }
      CartPoleSim first = env.sim();
      float firstX = first.x();

      env.reset(2);
      view.afterReset();
      assertThat(first.disposed()).as("the env disposed the first episode's sim").isTrue();
      assertThatThrownBy(first::x).isInstanceOf(IllegalStateException.class);
      CartPoleSim second = env.sim();
      assertThat(second).isNotSameAs(first);
      assertThat(second.x()).isNotEqualTo(firstX);
      // snapped to the new episode's start, at either end of the interpolation
      assertThat(view.cartX(0f)).isEqualTo(second.x());
      assertThat(view.cartX(1f)).isEqualTo(second.x());
      assertThat(view.poleTheta(1f)).isEqualTo(second.theta());

      float before = second.x();
      step(view, env, 1);
      assertThat(view.cartX(0f)).isEqualTo(before);
      assertThat(view.cartX(1f)).isEqualTo(env.sim().x()).isNotEqualTo(before);
      List<String> hud = new ArrayList<>();
      view.hudLines(hud);
      assertThat(hud).anySatisfy(line -> assertThat(line).startsWith(
          String.format(java.util.Locale.ROOT, "x %+.3f m", env.sim().x())));

      env.reset(3); // a third episode, with no step between the resets
      view.afterReset();
      assertThat(view.cartX(0.5f)).isEqualTo(env.sim().x());
    }
  }

  private static void step(CartPoleView view, CartPoleEnv env, int action) {
    view.beforeStep();
    Step<float[]> s = env.step(action);
    view.afterStep(action, s);
  }
}
