package dev.gdxrl.sim.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LunarLanderTest {
  private final EnvRegistry registry = EnvRegistry.discovered();

  @Test
  void registryHasBothLanders() {
    assertThat(registry.spec("lunarlander").maxEpisodeSteps()).isEqualTo(1000);
    assertThat(registry.spec("lunarlander").rewardThreshold()).isEqualTo(200);
    assertThat(registry.spec("lunarlander-continuous").maxEpisodeSteps()).isEqualTo(1000);
    try (Env<float[], ?> d = registry.make("lunarlander");
        Env<float[], ?> c = registry.make("lunarlander-continuous")) {
      assertThat(d.actionSpace()).hasToString("Discrete(4)");
      assertThat(Envs.asContinuous(c).actionSpace().flatSize()).isEqualTo(2);
      assertThat(Envs.observationBox(d).dim()).isEqualTo(8);
    }
  }

  @Test
  void mainEngineAlwaysOnMakesTheLanderRise() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      float[] start = env.reset(3);
      float y0 = env.sim().hullY();
      Step<float[]> s = null;
      for (int t = 0; t < 40; t++) {
        s = env.step(LunarLanderEnv.MAIN_ENGINE);
        if (s.done()) {
          break;
        }
      }
      assertThat(env.sim().hullY()).isGreaterThan(y0 + 0.5f);
      assertThat(s.observation()[1]).isGreaterThan(start[1]);
      assertThat(s.observation()[3]).isPositive(); // still climbing
    }
  }

  @Test
  void leftAloneItFallsAndTheEpisodeEndsByItself() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      for (long seed = 0; seed < 5; seed++) {
        float[] start = env.reset(seed);
        Step<float[]> s;
        int t = 0;
        do {
          s = env.step(LunarLanderEnv.NOOP);
          t++;
        } while (!s.done() && t < 1000);
        assertThat(s.terminated()).as("seed %d terminated", seed).isTrue();
        assertThat(s.info().get(Info.OUTCOME)).isIn("crashed", "landed", "flew_off");
        assertThat(s.reward()).isIn(-100.0, 100.0);
        assertThat(s.observation()[1]).isLessThan(start[1]);
        assertThat(env.sim().outcome().terminal()).isTrue();
      }
    }
  }

  @Test
  void simFiresOneEventPerEpisodeEnd() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      List<String> events = new ArrayList<>();
      env.sim().addListener(new LunarLanderListener() {
        @Override
        public void crashed() {
          events.add("crashed");
        }

        @Override
        public void landed() {
          events.add("landed");
        }

        @Override
        public void flewOff() {
          events.add("flew_off");
        }
      });
      env.reset(1);
      Step<float[]> s;
      do {
        s = env.step(LunarLanderEnv.NOOP);
      } while (!s.done());
      assertThat(events).containsExactly((String) s.info().get(Info.OUTCOME));
    }
  }

  @Test
  void rendererStateIsConsistent() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      env.reset(7);
      LunarLanderSim sim = env.sim();
      assertThat(sim.terrainPoints()).isEqualTo(11);
      assertThat(sim.terrainX(0)).isZero();
      assertThat(sim.terrainX(10)).isEqualTo(20f);
      assertThat(sim.helipadX1()).isEqualTo(8f);
      assertThat(sim.helipadX2()).isEqualTo(12f);
      // the pad's points are smoothed from three pad heights: 0.99 * H/4
      assertThat(sim.terrainY(5)).isCloseTo((float) (0.99 * LunarLanderSim.HELIPAD_Y), org.assertj.core.data.Offset.offset(1e-5f));
      assertThat(LunarLanderSim.hullVertexCount()).isEqualTo(6);
      assertThat(LunarLanderSim.hullVertexX(0)).isCloseTo(-14 / 30f, org.assertj.core.data.Offset.offset(1e-6f));
      EngineLog engines = new EngineLog();
      sim.addListener(engines);
      float hullYBefore = sim.hullY();
      engines.step(() -> env.step(LunarLanderEnv.MAIN_ENGINE));
      assertThat(engines.mainPower).isEqualTo(1.0);
      assertThat(engines.mainImpulseY).isPositive();
      assertThat(engines.mainY).as("the nozzle is below the hull").isLessThan(hullYBefore);
      assertThat(engines.sideDirection).isZero();
      engines.step(() -> env.step(LunarLanderEnv.LEFT_ENGINE));
      assertThat(engines.mainPower).isZero();
      assertThat(engines.sideDirection).isEqualTo(-1);
      assertThat(engines.sidePower).isEqualTo(1.0);
      assertThat(engines.sideImpulseX).isNegative();
      engines.step(() -> env.step(LunarLanderEnv.NOOP));
      assertThat(engines.events).as("no engine, no engine event").isZero();
      // leg 0 is the reference's i = -1, which hangs on the +x side of the hull
      assertThat(sim.legX(0)).isGreaterThan(sim.hullX());
      assertThat(sim.legX(1)).isLessThan(sim.hullX());
    }
  }

  @Test
  void randomPolicyMatchesTheReferenceStatistics() {
    double[] stats = randomStats(registry.make("lunarlander"), 100);
    System.out.printf("RANDOM discrete: mean return %.1f, mean length %.1f%n", stats[0], stats[1]);
    assertThat(stats[0]).isBetween(-230.0, -150.0);
    assertThat(stats[1]).isBetween(70.0, 115.0);
  }

  private static double[] randomStats(Env<float[], ?> raw, int episodes) {
    try (Env<float[], Integer> env = Envs.asDiscrete(raw)) {
      double total = 0;
      long steps = 0;
      for (int e = 0; e < episodes; e++) {
        env.reset(e);
        // episode e's actions come from its own stream, seeded like the env
        SplittableRandom actions = new SplittableRandom(e);
        Step<float[]> s;
        do {
          s = env.step(env.actionSpace().sample(actions));
          total += s.reward();
          steps++;
        } while (!s.done());
      }
      return new double[] {total / episodes, (double) steps / episodes};
    }
  }

  @Test
  void discreteHeuristicSolvesIt() {
    double mean = heuristicMean("lunarlander", 100);
    System.out.printf("HEURISTIC discrete: mean return %.1f over 100 episodes%n", mean);
    assertThat(mean).isGreaterThanOrEqualTo(200);
  }

  @Test
  void continuousHeuristicSolvesIt() {
    double mean = heuristicMean("lunarlander-continuous", 100);
    System.out.printf("HEURISTIC continuous: mean return %.1f over 100 episodes%n", mean);
    assertThat(mean).isGreaterThanOrEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private double heuristicMean(String id, int episodes) {
    try (Env<float[], Object> env = (Env<float[], Object>) registry.make(id)) {
      Policy<float[], Object> pilot = (Policy<float[], Object>) registry.heuristic(id);
      double total = 0;
      for (int e = 0; e < episodes; e++) {
        pilot.reset();
        float[] obs = env.reset(e);
        Step<float[]> s;
        do {
          s = env.step(pilot.act(obs));
          obs = s.observation();
          total += s.reward();
        } while (!s.done());
      }
      return total / episodes;
    }
  }

  @Test
  void drawsComeInTheReferenceOrder() {
    List<double[]> asked = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(9);
    RandomSource recording = (lo, hi) -> {
      asked.add(new double[] {lo, hi});
      return lo + rng.nextDouble() * (hi - lo);
    };
    try (LunarLanderEnv env = new LunarLanderEnv(seed -> recording)) {
      env.reset(0);
      assertThat(asked).hasSize(16);
      for (int i = 0; i < 12; i++) {
        assertThat(asked.get(i)).containsExactly(0, LunarLanderSim.H / 2);
      }
      assertThat(asked.get(12)).containsExactly(-1000, 1000);
      assertThat(asked.get(13)).containsExactly(-1000, 1000);
      assertThat(asked.get(14)).containsExactly(-1, 1);
      assertThat(asked.get(15)).containsExactly(-1, 1);
      env.step(LunarLanderEnv.NOOP); // no engine: still two draws
      env.step(LunarLanderEnv.MAIN_ENGINE);
      assertThat(asked).hasSize(20);
      assertThat(asked.get(19)).containsExactly(-1, 1);
    }
  }

  @Test
  void continuousThrottlesFollowTheReferenceMapping() {
    try (LunarLanderContinuousEnv env = new LunarLanderContinuousEnv()) {
      env.reset(0);
      EngineLog engines = new EngineLog();
      env.sim().addListener(engines);
      engines.step(() -> env.step(new float[] {0f, 0.5f}));
      assertThat(engines.mainPower).isZero();
      assertThat(engines.sideDirection).isZero();
      engines.step(() -> env.step(new float[] {0.5f, -0.7f}));
      assertThat(engines.mainPower).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-7));
      assertThat(engines.sideDirection).isEqualTo(-1);
      assertThat(engines.sidePower).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
      engines.step(() -> env.step(new float[] {1f, 1f}));
      assertThat(engines.mainPower).isEqualTo(1.0);
      assertThat(engines.sideDirection).isEqualTo(1);
      assertThat(engines.sidePower).isEqualTo(1.0);
    }
  }

  @Test
  void sameSeedSameEpisode() {
    try (LunarLanderContinuousEnv a = new LunarLanderContinuousEnv();
        LunarLanderContinuousEnv b = new LunarLanderContinuousEnv()) {
      assertThat(a.reset(42)).containsExactly(b.reset(42));
      SplittableRandom ra = new SplittableRandom(5);
      SplittableRandom rb = new SplittableRandom(5);
      for (int t = 0; t < 60; t++) {
        Step<float[]> sa = a.step(a.actionSpace().sample(ra));
        Step<float[]> sb = b.step(b.actionSpace().sample(rb));
        assertThat(sa.observation()).containsExactly(sb.observation());
        assertThat(sa.reward()).isEqualTo(sb.reward());
        assertThat(sa.done()).isEqualTo(sb.done());
        if (sa.done()) {
          break;
        }
      }
      // a reset with the same seed replays it, another seed does not
      float[] again = a.reset(42);
      assertThat(again).containsExactly(b.reset(42));
      assertThat(a.reset(43)).isNotEqualTo(again);
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void invalidActionsAreRejected() {
    try (LunarLanderEnv d = new LunarLanderEnv();
        LunarLanderContinuousEnv c = new LunarLanderContinuousEnv()) {
      assertThatThrownBy(() -> d.step(0)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("reset");
      d.reset(0);
      c.reset(0);
      assertThatThrownBy(() -> d.step(4)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Discrete(4)");
      assertThatThrownBy(() -> d.step(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> d.step(null)).isInstanceOf(IllegalArgumentException.class);
      Env raw = d;
      assertThatThrownBy(() -> raw.step(new float[] {1, 0}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> c.step(new float[] {0.5f})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("length 1");
      assertThatThrownBy(() -> c.step(new float[] {Float.NaN, 0}))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> c.step(new float[] {1.5f, 0}))
          .isInstanceOf(IllegalArgumentException.class);
      Env rawC = c;
      assertThatThrownBy(() -> rawC.step(2)).isInstanceOf(IllegalArgumentException.class);
      // rejected actions did not advance or break the episode
      assertThat(d.step(0).done()).isFalse();
      assertThat(c.step(new float[] {1f, -1f}).done()).isFalse();
    }
  }

  @Test
  void stepAfterTheEndThrowsUntilReset() {
    try (LunarLanderEnv env = new LunarLanderEnv()) {
      env.reset(0);
      Step<float[]> s;
      do {
        s = env.step(LunarLanderEnv.NOOP);
      } while (!s.done());
      assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
      env.reset(1);
      assertThat(env.step(0)).isNotNull();
      env.close();
      env.close();
      assertThatThrownBy(() -> env.reset(2)).isInstanceOf(IllegalStateException.class);
    }
  }

  /** Records the engine events of one step. */
  private static final class EngineLog implements LunarLanderListener {
    int events;
    double mainPower;
    float mainY;
    float mainImpulseY;
    int sideDirection;
    double sidePower;
    float sideImpulseX;

    void step(Runnable step) {
      events = 0;
      mainPower = 0;
      mainY = Float.NaN;
      mainImpulseY = 0;
      sideDirection = 0;
      sidePower = 0;
      sideImpulseX = 0;
      step.run();
    }

    @Override
    public void mainEngineFired(double power, float x, float y, float impulseX, float impulseY) {
      events++;
      mainPower = power;
      mainY = y;
      mainImpulseY = impulseY;
    }

    @Override
    public void sideEngineFired(int direction, double power, float x, float y, float impulseX,
        float impulseY) {
      events++;
      sideDirection = direction;
      sidePower = power;
      sideImpulseX = impulseX;
    }
  }
}
