package dev.gdxrl.sim.cartpole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CartPoleTest {

  @Test
  void poleFallsWithoutControl() {
    try (CartPoleEnv env = new CartPoleEnv()) {
      env.reset(0);
      env.sim().setState(0, 0, 0.02f, 0);
      // alternate pushes: no net push, no feedback; gravity tips the pole over
      Step<float[]> s = null;
      int t = 0;
      while (t < 200) {
        s = env.step(t % 2);
        t++;
        if (s.terminated()) {
          break;
        }
      }
      assertThat(s.terminated()).isTrue();
      assertThat(Math.abs(s.observation()[2])).isGreaterThan(CartPoleEnv.THETA_THRESHOLD);
      assertThat(s.observation()[2]).isPositive(); // fell the way it leaned
      assertThat(t).isBetween(20, 150);
    }
  }

  @Test
  void pushingRightMovesTheCartRightAndTipsThePoleLeft() {
    try (CartPoleEnv env = new CartPoleEnv()) {
      env.reset(0);
      env.sim().setState(0, 0, 0, 0);
      Step<float[]> s = env.step(1);
      // a = F (m_c + m_p ... ): for a cart at rest with a vertical pole, x'' = F / (m_c + m_p/4)
      // (the uniform rod reacts with a quarter of its mass); after one step x' = x'' dt
      double expected = 10.0 / (1.0 + 0.1 / 4) * 0.02;
      assertThat((double) s.observation()[1]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-3));
      assertThat(s.observation()[3]).isNegative();
    }
  }

  @Test
  void randomPolicyMeanReturnMatchesTheClassicBenchmark() {
    EnvRegistry reg = EnvRegistry.discovered();
    try (Env<float[], Integer> env = Envs.asDiscrete(reg.make("cartpole"))) {
      SplittableRandom rng = new SplittableRandom(42);
      int episodes = 2000;
      double total = 0;
      for (int e = 0; e < episodes; e++) {
        env.reset(e);
        boolean done = false;
        while (!done) {
          Step<float[]> s = env.step(rng.nextInt(2));
          total += s.reward();
          done = s.done();
        }
      }
      assertThat(total / episodes).isBetween(18.0, 32.0);
    }
  }

  @Test
  void heuristicBalancesToTheTimeLimit() {
    EnvRegistry reg = EnvRegistry.discovered();
    try (Env<float[], Integer> env = Envs.asDiscrete(reg.make("cartpole"))) {
      CartPoleHeuristic pilot = new CartPoleHeuristic();
      double total = 0;
      for (int e = 0; e < 20; e++) {
        float[] obs = env.reset(e);
        Step<float[]> s;
        do {
          s = env.step(pilot.act(obs));
          obs = s.observation();
          total += s.reward();
        } while (!s.done());
        assertThat(s.truncated()).isTrue();
        assertThat(s.terminated()).isFalse();
      }
      assertThat(total / 20).isGreaterThanOrEqualTo(475);
    }
  }
}
