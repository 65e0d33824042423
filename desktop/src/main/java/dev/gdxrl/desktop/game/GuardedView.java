package dev.gdxrl.desktop.game;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Step;
import java.util.List;
import java.util.function.Supplier;

/**
 * A view whose exceptions become {@link GameViewException}s naming the view's class and the
 * method, so the screen can end the game with one line instead of a stack trace.
 */
final class GuardedView<A> implements GameView<A> {
  private final GameView<A> view;

  @SuppressWarnings("unchecked")
  GuardedView(GameView<?> view) {
    this.view = (GameView<A>) view;
  }

  /** The view inside. */
  GameView<A> delegate() {
    return view;
  }

  private GameViewException failure(String method, RuntimeException e) {
    if (e instanceof GameViewException g) {
      return g;
    }
    return new GameViewException("view " + view.getClass().getName() + " failed in " + method
        + ": " + GameViewException.describe(e), e);
  }

  private <T> T call(String method, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw failure(method, e);
    }
  }

  private void run(String method, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      throw failure(method, e);
    }
  }

  @Override
  public float stepSeconds() {
    float dt = call("stepSeconds()", view::stepSeconds);
    if (!(dt > 0) || Float.isInfinite(dt)) {
      throw failure("stepSeconds()", new IllegalStateException("step seconds " + dt + " <= 0"));
    }
    return dt;
  }

  @Override
  public float worldWidth() {
    return call("worldWidth()", view::worldWidth);
  }

  @Override
  public float worldHeight() {
    return call("worldHeight()", view::worldHeight);
  }

  @Override
  public float worldLeft() {
    return call("worldLeft()", view::worldLeft);
  }

  @Override
  public float worldBottom() {
    return call("worldBottom()", view::worldBottom);
  }

  @Override
  public Color background() {
    return call("background()", view::background);
  }

  @Override
  public Policy<float[], A> keyboard(KeyInput keys) {
    Policy<float[], A> p = call("keyboard()", () -> view.keyboard(keys));
    return new Policy<>() {
      @Override
      public A act(float[] observation) {
        return call("keyboard policy act()", () -> p.act(observation));
      }

      @Override
      public void reset() {
        run("keyboard policy reset()", p::reset);
      }
    };
  }

  @Override
  public String keysHelp() {
    return call("keysHelp()", view::keysHelp);
  }

  @Override
  public void afterReset() {
    run("afterReset()", view::afterReset);
  }

  @Override
  public void beforeStep() {
    run("beforeStep()", view::beforeStep);
  }

  @Override
  public void afterStep(A action, Step<float[]> step) {
    run("afterStep()", () -> view.afterStep(action, step));
  }

  @Override
  public void render(ShapeRenderer shapes, float alpha) {
    run("render()", () -> view.render(shapes, alpha));
  }

  @Override
  public String actionLabel(int index) {
    return call("actionLabel()", () -> view.actionLabel(index));
  }

  @Override
  public void hudLines(List<String> lines) {
    run("hudLines()", () -> view.hudLines(lines));
  }

  @Override
  public void dispose() {
    run("dispose()", view::dispose);
  }
}
