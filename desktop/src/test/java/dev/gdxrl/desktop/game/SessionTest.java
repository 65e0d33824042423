package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.registry.EnvRegistry;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The game's session logic without a window: keyboard actions, drivers, restarts. */
class SessionTest {
  private final EnvRegistry registry = EnvRegistry.discovered();

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

  /** A driver that counts its calls and pushes right. */
  private static final class Counting implements dev.gdxrl.control.Controller<Integer> {
    int decide;
    int decideAll;
    int lastBatch;

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public Integer decide(float[] observation) {
      decide++;
      return 1;
    }

    @Override
    public void decideAll(float[][] observations, Integer[] out) {
      decideAll++;
      lastBatch = observations.length;
      java.util.Arrays.fill(out, 1);
    }
  }

  private Session<Integer> lanes(int n, long seed, java.util.List<dev.gdxrl.control.Controller<Integer>> controllers,
      String driver, java.util.function.Consumer<dev.gdxrl.desktop.record.EpisodeRecord> sink) {
    java.util.List<Env<float[], Integer>> envs = new java.util.ArrayList<>();
    java.util.List<GameView<Integer>> views = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Env<float[], Integer> env = Envs.asDiscrete(registry.make("cartpole"));
      envs.add(env);
      views.add(new CartPoleView((CartPoleEnv) env.unwrapped()));
    }
    return new Session<>(envs, views, controllers, driver, seed, sink, null);
  }

  @Test
  void allNpcsAreDecidedInOneBatchPerTickEachInItsOwnSeededSimulation() {
    Counting c = new Counting();
    try (Session<Integer> s = lanes(8, 100, java.util.List.of(c), "counting", null)) {
      java.util.Set<Float> starts = new HashSet<>();
      for (Session.Lane<Integer> l : s.lanes()) {
        starts.add(((CartPoleEnv) l.env.unwrapped()).sim().x());
      }
      assertThat(starts).as("lanes start from seeds 100..107").hasSize(8);
      for (int t = 0; t < 5; t++) {
        s.step();
      }
      assertThat(c.decideAll).isEqualTo(5);
      assertThat(c.decide).isZero();
      assertThat(c.lastBatch).isEqualTo(8);
      assertThat(s.ticks()).isEqualTo(5);
      assertThat(s.meanDecisionMs()).isGreaterThanOrEqualTo(0.0);
      assertThat(s.lanes()).allSatisfy(l -> assertThat(l.steps).isEqualTo(5));
      assertThat(s.lanes().get(3).seed).isEqualTo(103);
    }
  }

  @Test
  void swappingTheDriverKeepsTheEpisodeGoing() {
    try (Session<Integer> s = cartpole(k -> false, Driver.HEURISTIC, 2)) {
      for (int i = 0; i < 30; i++) {
        s.step();
      }
      assertThat(s.selectDriver(0)).isTrue();
      assertThat(s.driver().name()).isEqualTo("human");
      s.step();
      assertThat(s.steps()).isEqualTo(31);
      assertThat(s.episode()).isEqualTo(1);
      assertThat(s.selectDriver(7)).isFalse();
      assertThat(s.driver().name()).isEqualTo("human");
    }
  }

  @Test
  void endedLanesRestartWithTheirNextSeedAfterThePauseAndRecordedEpisodesReplayExactly() {
    java.util.List<dev.gdxrl.desktop.record.EpisodeRecord> recorded = new java.util.ArrayList<>();
    Env<float[], Integer> probe = Envs.asDiscrete(registry.make("cartpole"));
    CartPoleView probeView = new CartPoleView((CartPoleEnv) probe.unwrapped());
    java.util.List<dev.gdxrl.control.Controller<Integer>> drivers =
        Session.standardControllers(probe, probeView, k -> false, null, 9);
    try (Session<Integer> s = lanes(3, 20, drivers, "random", recorded::add)) {
      double dt = 0.02;
      while (s.finishedEpisodes() < 6) {
        s.tick(dt);
      }
      assertThat(recorded).hasSizeGreaterThanOrEqualTo(6);
      // lane i plays seeds 20+i, 23+i, 26+i, ...
      assertThat(recorded).allSatisfy(e -> assertThat(e.seed()).isGreaterThanOrEqualTo(20));
      assertThat(recorded.stream().map(dev.gdxrl.desktop.record.EpisodeRecord::seed).distinct()
          .count()).isEqualTo(recorded.size());
      assertThat(recorded).anySatisfy(e -> assertThat(e.seed()).isGreaterThanOrEqualTo(23));
      for (dev.gdxrl.desktop.record.EpisodeRecord e : recorded) {
        var r = dev.gdxrl.desktop.record.ReplayCheck.run(registry, e);
        assertThat(r.mismatch()).as("episode seed %d", e.seed()).isNull();
        assertThat(r.replayedReturn()).isEqualTo(e.episodeReturn());
      }
      assertThat(s.meanReturn()).isGreaterThan(5.0);
    } finally {
      probe.close();
    }
  }
}
