package dev.gdxrl.desktop.game;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.game.box2d.Box2DView;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Step;
import java.util.List;

/**
 * View providers of the tests, registered in the test resources' {@code META-INF/services}; each
 * claims only its own test env ids, so the shipped games are unaffected.
 */
public final class TestViewProviders {
  private TestViewProviders() {}

  static boolean is(Env<float[], ?> env, String id) {
    return env.spec().id().equals(id);
  }

  /** "ball-throws": the generic view, but drawing throws once the second episode has begun. */
  public static final class Throwing implements GameViewProvider {
    @Override
    public boolean supports(Env<float[], ?> env) {
      return is(env, "ball-throws");
    }

    @Override
    @SuppressWarnings("unchecked")
    public GameView<?> create(Env<float[], ?> env) {
      return new ThrowingView((Env<float[], Integer>) env);
    }
  }

  /** "ball-create-fails": the provider throws instead of making a view. */
  public static final class CreateFails implements GameViewProvider {
    @Override
    public boolean supports(Env<float[], ?> env) {
      return is(env, "ball-create-fails");
    }

    @Override
    public GameView<?> create(Env<float[], ?> env) {
      throw new IllegalStateException("no textures here");
    }
  }

  /** One of two providers both claiming "ball-twins". */
  public static final class TwinA implements GameViewProvider {
    @Override
    public boolean supports(Env<float[], ?> env) {
      return is(env, "ball-twins");
    }

    @Override
    @SuppressWarnings("unchecked")
    public GameView<?> create(Env<float[], ?> env) {
      return new Box2DView<>((Env<float[], Integer>) env, null);
    }
  }

  /** The other of the two providers claiming "ball-twins". */
  public static final class TwinB implements GameViewProvider {
    @Override
    public boolean supports(Env<float[], ?> env) {
      return is(env, "ball-twins");
    }

    @Override
    @SuppressWarnings("unchecked")
    public GameView<?> create(Env<float[], ?> env) {
      return new Box2DView<>((Env<float[], Integer>) env, null);
    }
  }

  /** The generic view whose render throws from the second episode on. */
  static final class ThrowingView implements GameView<Integer> {
    private final Box2DView<Integer> view;
    private int resets;

    ThrowingView(Env<float[], Integer> env) {
      this.view = new Box2DView<>(env, null);
    }

    @Override
    public float stepSeconds() {
      return view.stepSeconds();
    }

    @Override
    public float worldWidth() {
      return view.worldWidth();
    }

    @Override
    public float worldHeight() {
      return view.worldHeight();
    }

    @Override
    public float worldLeft() {
      return view.worldLeft();
    }

    @Override
    public float worldBottom() {
      return view.worldBottom();
    }

    @Override
    public Color background() {
      return view.background();
    }

    @Override
    public Policy<float[], Integer> keyboard(KeyInput keys) {
      return view.keyboard(keys);
    }

    @Override
    public String keysHelp() {
      return view.keysHelp();
    }

    @Override
    public void afterReset() {
      resets++;
      view.afterReset();
    }

    @Override
    public void beforeStep() {
      view.beforeStep();
    }

    @Override
    public void afterStep(Integer action, Step<float[]> step) {
      view.afterStep(action, step);
    }

    @Override
    public void render(ShapeRenderer shapes, float alpha) {
      if (resets >= 2) {
        throw new IllegalStateException("boom after the first episode");
      }
      view.render(shapes, alpha);
    }

    @Override
    public void hudLines(List<String> lines) {
      view.hudLines(lines);
    }
  }
}
