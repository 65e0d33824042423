package dev.gdxrl.desktop.game;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.utils.Disposable;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Step;
import java.util.List;

/**
 * Everything the rendered game knows about one kind of game: how to draw it, how the keyboard
 * maps to its actions, and what its HUD adds. A view only READS the simulation's state (it gets the
 * unwrapped env at construction); the env is stepped by {@link Session} through the Env API.
 * Decoration that the simulation must not pay for in training (particles) lives here.
 *
 * @param <A> the env's action type
 */
public interface GameView<A> extends Disposable {

  /** Simulated seconds per env step (the fixed dt of the accumulator). */
  float stepSeconds();

  /** Width and height of the world rectangle to fit in the window, in metres. */
  float worldWidth();

  float worldHeight();

  /** World coordinates of the rectangle's lower-left corner. */
  float worldLeft();

  float worldBottom();

  Color background();

  /** A policy that reads the keyboard. */
  Policy<float[], A> keyboard(KeyInput keys);

  /** One line of key help for this game's actions, e.g. "Left/Right: push the cart". */
  String keysHelp();

  /** Called after every reset (snap interpolation, clear particles). */
  void afterReset();

  /** Called just before each env step (remember the pose to interpolate from). */
  void beforeStep();

  /** Called after each env step with the action taken and its outcome. */
  void afterStep(A action, Step<float[]> step);

  /**
   * Draws the world. The renderer is already in filled-shape mode with the world camera; {@code
   * alpha} in [0, 1] is how far between the previous and the current step the display is.
   */
  void render(ShapeRenderer shapes, float alpha);

  /**
   * A short name of discrete action {@code index} (or of continuous action dimension {@code
   * index}) for the HUD's action-value bars.
   */
  default String actionLabel(int index) {
    return "a" + index;
  }

  /** Game-specific HUD lines (appended to the common ones). */
  void hudLines(List<String> lines);

  @Override
  default void dispose() {}
}
