package dev.gdxrl.npc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DNatives;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.VectorEnv;
import dev.gdxrl.registry.EnvChecker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scene of discs that must reach x >= 2 by moving east: the decision period, the round's end,
 * rewards, time limit, the single-NPC env and the vector env over scenes.
 */
class SceneTest {

  /** M discs on a line at random heights; +1 to all and the round ends when any reaches x = 2. */
  static final class Race extends Scene<Integer> {
    static final EnvSpec SPEC = new EnvSpec("race", 40, Double.NaN);
    int physicsSteps;

    Race(int agents, int period) {
      super(SPEC, agents, 0.05f, period);
    }

    @Override
    protected List<Npc<Integer>> populate(World world, RandomSource rng) {
      List<Npc<Integer>> npcs = new ArrayList<>();
      for (int i = 0; i < agents(); i++) {
        BodyDef def = new BodyDef();
        def.type = BodyDef.BodyType.DynamicBody;
        def.position.set(0, (float) rng.uniform(-5, 5) + 20 * i);
        Body b = world.createBody(def);
        CircleShape c = new CircleShape();
        c.setRadius(0.1f);
        b.createFixture(c, 1f);
        c.dispose();
        npcs.add(new Npc<>("disc-" + i, b, new DiscreteMoves(new float[][] {{0, 0}, {0.05f, 0}}),
            List.of(new FloatSensor(-10, 10, n -> n.body().getPosition().x),
                new FloatSensor(-10, 30, n -> n.body().getPosition().y))));
      }
      return npcs;
    }

    @Override
    protected void afterPhysicsStep(float dt) {
      physicsSteps++;
      for (Npc<Integer> n : npcs()) {
        if (n.body().getPosition().x >= 2) {
          npcs().forEach(o -> o.addReward(1));
          metric("finish_s", (decisions() + 1) * stepSeconds());
          endRound("finished");
          return;
        }
      }
    }
  }

  @BeforeAll
  static void natives() {
    Box2DNatives.load();
  }

  @Test
  void theActionIsHeldForTheDecisionPeriod() {
    try (Race race = new Race(1, 4)) {
      race.reset(1);
      race.step(new Integer[] {1});
      assertEquals(4, race.physicsSteps);
      float vx = race.npcs().get(0).body().getLinearVelocity().x;
      float mass = race.npcs().get(0).body().getMass();
      assertEquals(4 * 0.05f * 0.05f / mass, vx, 1e-5f);
      assertEquals(0.2f, race.stepSeconds(), 1e-6f);
    }
  }

  @Test
  void theRoundEndsForEveryNpcWithRewardsOutcomeAndMetrics() {
    try (Race race = new Race(3, 2)) {
      race.reset(7);
      MultiAgentEnv.Result r;
      int steps = 0;
      do {
        r = race.step(new Integer[] {0, 1, 0});
        steps++;
      } while (!r.done());
      assertTrue(r.terminated());
      assertFalse(r.truncated());
      assertArrayEquals(new double[] {1, 1, 1}, r.rewards());
      assertEquals("finished", r.info().get(Info.OUTCOME));
      assertEquals(steps * 0.1, (double) r.info().get("metric.finish_s"), 1e-6);
      assertTrue(race.physicsSteps < steps * 2 + 1);
      assertThrows(IllegalStateException.class, () -> race.step(new Integer[] {0, 0, 0}));
    }
  }

  @Test
  void aRoundWithoutAFinishIsCutAtTheTimeLimit() {
    try (Race race = new Race(2, 1)) {
      race.reset(3);
      MultiAgentEnv.Result r = null;
      for (int i = 0; i < 40; i++) {
        assertTrue(r == null || !r.done());
        r = race.step(new Integer[] {0, 0});
      }
      assertTrue(r.truncated());
      assertFalse(r.terminated());
      assertEquals(Scene.TIME_LIMIT, r.info().get(Info.OUTCOME));
    }
  }

  @Test
  void badActionsChangeNothing() {
    try (Race race = new Race(2, 1)) {
      race.reset(3);
      assertThrows(IllegalArgumentException.class, () -> race.step(new Integer[] {0, 2}));
      assertThrows(IllegalArgumentException.class, () -> race.step(new Integer[] {0}));
      assertEquals(0, race.decisions());
      assertEquals(0, race.physicsSteps);
    }
  }

  @Test
  void spacesAreKnownBeforeTheFirstResetAndTheWorldIsNew() {
    try (Race race = new Race(2, 1)) {
      assertEquals(2, race.observationSpace().flatSize());
      assertNull(race.world());
      race.reset(1);
      World first = race.world();
      race.reset(1);
      assertTrue(first != race.world());
    }
  }

  @Test
  void theSingleNpcEnvPassesTheEnvChecker() {
    List<String> failures = EnvChecker.check(() -> new SceneEnv<>(m -> new Race(m, 2)));
    assertEquals(List.of(), failures);
  }

  @Test
  void theVectorEnvOfScenesGivesEverySlotItsEpisode() {
    List<Race> scenes = List.of(new Race(2, 1), new Race(2, 1));
    try (VectorEnv<Integer> v = VectorEnv.ofScenes(scenes, 1)) {
      assertEquals(4, v.size());
      float[][] obs = v.reset(10);
      assertEquals(4, obs.length);
      // Slot k*2+j is scene k's NPC j: NPC 1 starts 20 m above NPC 0.
      assertTrue(obs[1][1] > obs[0][1] + 10);
      int ended = 0;
      for (int t = 0; t < 40; t++) {
        VectorEnv.Result r = v.step(new Integer[] {1, 0, 0, 0});
        for (int i = 0; i < 4; i++) {
          if (r.episodes()[i] != null) {
            ended++;
          }
        }
        if (r.episodes()[0] != null) {
          // Scene 0 finished: both of its slots end with the team reward; scene 1 goes on.
          assertTrue(r.terminated()[0] && r.terminated()[1]);
          assertEquals(1.0, r.episodes()[1].episodeReturn(), 0);
          assertFalse(r.done(2));
          assertEquals(0f, r.observations()[0][0], 1e-6f); // next round started
          break;
        }
      }
      assertEquals(2, ended);
    }
  }

  @Test
  void togetherTheCompanionsDriveTheOtherNpcsOfTheWorld() {
    SceneEnv<Integer> solo = new SceneEnv<>(m -> new Race(m, 2));
    dev.gdxrl.control.Controller<Integer> east =
        dev.gdxrl.control.Controller.of("east", obs -> 1);
    try (SceneEnv<Integer> three = solo.together(3, east)) {
      assertEquals(3, three.scene().agents());
      three.reset(4);
      dev.gdxrl.env.Step<float[]> s;
      int steps = 0;
      do {
        s = three.step(0); // NPC 0 stands still; its two companions push east
        steps++;
      } while (!s.done());
      assertTrue(s.terminated());
      assertEquals(0f, s.observation()[0], 1e-6f); // NPC 0 never moved
      assertTrue(three.scene().npcs().get(1).body().getPosition().x >= 2);
      assertEquals(1.0, s.reward(), 0.0); // the team reward reaches NPC 0 too
      assertTrue(steps < 40);
    } finally {
      solo.close();
    }
  }

  @Test
  void vectorEnvOfScenesIsTheSameOnTwoThreads() {
    double[] one = run(1);
    double[] two = run(2);
    assertArrayEquals(one, two);
  }

  private static double[] run(int threads) {
    List<Race> scenes = List.of(new Race(2, 1), new Race(2, 1), new Race(2, 1));
    double[] sum = new double[6];
    try (VectorEnv<Integer> v = VectorEnv.ofScenes(scenes, threads)) {
      v.reset(5);
      for (int t = 0; t < 100; t++) {
        VectorEnv.Result r = v.step(new Integer[] {1, 0, 0, 1, t % 2, 0});
        for (int i = 0; i < 6; i++) {
          sum[i] += r.rewards()[i] + r.observations()[i][1];
        }
      }
    }
    return sum;
  }
}
