package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.cli.Main;
import dev.gdxrl.desktop.game.box2d.Box2DView;
import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view lookup, the guard, the generic view's camera and keys: all without a window. */
class GameViewsTest {
  private final EnvRegistry registry = TestGames.registry();
  private final GameViews views = GameViews.discovered();

  @TempDir Path dir;

  private GameView<?> viewOf(GameViews lookup, Env<float[], ?> env) {
    GameView<?> v = lookup.create(env);
    assertThat(v).isInstanceOf(GuardedView.class);
    return ((GuardedView<?>) v).delegate();
  }

  @Test
  void shippedGamesGetTheirOwnViewsThroughTheServiceLoader() {
    assertThat(views.providers()).anyMatch(p -> p instanceof ShippedViews);
    try (Env<float[], ?> c = registry.make("cartpole");
        Env<float[], ?> l = registry.make("lunarlander");
        Env<float[], ?> lc = registry.make("lunarlander-continuous")) {
      assertThat(viewOf(views, c)).isInstanceOf(CartPoleView.class);
      assertThat(viewOf(views, l)).isInstanceOf(LunarLanderView.class);
      assertThat(viewOf(views, lc)).isInstanceOf(LunarLanderView.class);
      // They expose their worlds too, so the generic view can draw them when asked.
      assertThat(viewOf(GameViews.genericOnly(), l)).isInstanceOf(Box2DView.class);
    }
    // No provider without the services file: the shipped games then fall back to the generic view.
    try (Env<float[], ?> c = registry.make("cartpole")) {
      assertThat(viewOf(new GameViews(List.of()), c)).isInstanceOf(Box2DView.class);
    }
  }

  @Test
  void aGameNobodyShipsGetsTheGenericView() {
    try (Env<float[], ?> ball = registry.make("ball")) {
      assertThat(views.problem(ball)).isNull();
      assertThat(viewOf(views, ball)).isInstanceOf(Box2DView.class);
    }
  }

  @Test
  void noViewTwoClaimsAndAFailingProviderAreOneLineEach() {
    assertThat(views.problem(registry, "no-world")).isEqualTo("env 'no-world' has no view:"
        + " implement dev.gdxrl.desktop.game.GameViewProvider or let the env expose its World"
        + " (dev.gdxrl.box2d.Box2DWorldEnv)");
    assertThat(views.problem(registry, "ball-twins")).isEqualTo("env 'ball-twins' is claimed by"
        + " two game view providers, dev.gdxrl.desktop.game.TestViewProviders$TwinA and"
        + " dev.gdxrl.desktop.game.TestViewProviders$TwinB; keep one of them on the classpath");
    try (Env<float[], ?> env = registry.make("ball-create-fails")) {
      assertThat(views.problem(env)).isNull();
      assertThatThrownBy(() -> views.create(env)).isInstanceOf(GameViewException.class)
          .hasMessage("game view provider dev.gdxrl.desktop.game.TestViewProviders$CreateFails"
              + " failed to create the view of env 'ball-create-fails': IllegalStateException:"
              + " no textures here");
    }
  }

  @Test
  void theCommandsRefuseAnEnvWithoutAViewInOneLine() {
    String[][] runs = {
        {"play", "--env", "no-world", "--record", dir.resolve("r.jsonl").toString()},
        {"play", "--env", "ball-twins"}};
    for (String[] args : runs) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
          registry, Map.of("DISPLAY", ":99"));
      assertThat(status).isEqualTo(Main.EXIT_USAGE);
      assertThat(err.toString().lines()).hasSize(1);
      assertThat(err.toString()).startsWith("gdx-rl play: env '")
          .containsAnyOf("has no view: implement", "is claimed by two game view providers");
      assertThat(out.toString()).isEmpty();
    }
    assertThat(Files.exists(dir.resolve("r.jsonl"))).isFalse();
  }

  @Test
  void aViewThatThrowsIsNamedInOneLine() {
    try (Env<float[], ?> env = registry.make("ball-throws")) {
      GameView<?> v = views.create(env);
      env.reset(0);
      v.afterReset();
      env.reset(1);
      v.afterReset();
      assertThatThrownBy(() -> v.render(null, 1f)).isInstanceOf(GameViewException.class)
          .hasMessage("view dev.gdxrl.desktop.game.TestViewProviders$ThrowingView failed in"
              + " render(): IllegalStateException: boom after the first episode");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void genericViewFramesTheBodiesAtResetAndGrowsOnlyWhenTheyLeave() {
    try (Env<float[], Integer> env = (Env<float[], Integer>) registry.make("ball", 0)) {
      Box2DView<Integer> view = new Box2DView<>(env, null);
      env.reset(3);
      view.afterReset();
      // Bodies span x in [-6, 6] and y in [0, 3.1] (the pendulum bob); a 10 % margin of the larger
      // side (1.2 m) on each side.
      assertThat(view.worldLeft()).isCloseTo(-7.2f, org.assertj.core.data.Offset.offset(1e-3f));
      assertThat(view.worldWidth()).isCloseTo(14.4f, org.assertj.core.data.Offset.offset(1e-3f));
      assertThat(view.worldBottom()).isCloseTo(-1.2f, org.assertj.core.data.Offset.offset(1e-3f));
      assertThat(view.worldHeight()).isCloseTo(5.5f, org.assertj.core.data.Offset.offset(1e-3f));
      float h0 = view.worldHeight();
      List<Float> heights = new ArrayList<>();
      // The ball drops and bounces, the pendulum swings, all inside the frame: no change.
      for (int i = 0; i < 30; i++) {
        view.beforeStep();
        Step<float[]> s = env.step(0);
        view.afterStep(0, s);
        heights.add(view.worldHeight());
      }
      assertThat(heights).containsOnly(h0);
      // Throw the ball high above the frame: the rectangle grows once, with room to spare.
      var bodies = new com.badlogic.gdx.utils.Array<com.badlogic.gdx.physics.box2d.Body>();
      ((BallEnv) env.unwrapped()).world().getBodies(bodies);
      for (var b : bodies) {
        if (b.getFixtureList().size > 0
            && b.getFixtureList().first().getShape() instanceof
                com.badlogic.gdx.physics.box2d.CircleShape) {
          b.setTransform(b.getPosition().x, 6f, 0);
        }
      }
      view.beforeStep();
      view.afterStep(0, env.step(0));
      float grown = view.worldHeight();
      assertThat(view.worldBottom() + grown).as("top now above the ball").isGreaterThan(6.4f);
      view.beforeStep();
      view.afterStep(0, env.step(0));
      assertThat(view.worldHeight()).as("no change the next step").isEqualTo(grown);
      // A new episode frames the new world from scratch.
      env.reset(3);
      view.afterReset();
      assertThat(view.worldHeight()).isEqualTo(h0);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void genericViewKeysComeFromTheEnvsBindingsOrTheDefaults() {
    try (Env<float[], Integer> ball = (Env<float[], Integer>) registry.make("ball")) {
      Box2DView<Integer> view = new Box2DView<>(ball, null);
      assertThat(view.keyboard(k -> k == Keys.RIGHT).act(null)).isEqualTo(2);
      assertThat(view.keyboard(k -> k == Keys.LEFT).act(null)).isEqualTo(1);
      assertThat(view.keyboard(k -> false).act(null)).isEqualTo(0);
      assertThat(view.keysHelp()).isEqualTo("Left: a1   Right: a2   no key: a0");
    }
    try (Env<float[], Integer> cart = (Env<float[], Integer>) registry.make("cartpole")) {
      Box2DView<Integer> view = new Box2DView<>(cart, null);
      Policy<float[], Integer> keys = view.keyboard(k -> k == Keys.F2);
      assertThat(keys.act(null)).isEqualTo(1);
      assertThat(view.keyboard(k -> k == Keys.NUM_2).act(null)).as("number keys pick drivers")
          .isEqualTo(0);
      assertThat(view.keysHelp()).isEqualTo("F1..F2: actions a0..a1 (no key: a0)");
    }
    try (Env<float[], float[]> lander =
        (Env<float[], float[]>) registry.make("lunarlander-continuous")) {
      Box2DView<float[]> view = new Box2DView<>(lander, null);
      assertThat(view.keyboard(k -> true).act(null)).containsExactly(0f, 0f);
      assertThat(view.keysHelp()).contains("no keyboard map");
      List<String> lines = new ArrayList<>();
      lander.reset(0);
      view.afterReset();
      view.hudLines(lines);
      assertThat(lines).anyMatch(l -> l.startsWith("bodies 4   joints 2"))
          .contains("no keyboard map: the human driver holds the zero action");
    }
  }
}
