package dev.gdxrl.desktop.game;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.utils.Disposable;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Step;
import java.util.List;

/**
 * Everything the rendered game ({@code play}, {@code watch}, {@code replay}) knows about one kind
 * of game: how to draw it, how the keyboard maps to its actions, and what its HUD adds. One view
 * per simulation (per NPC lane); views are found by {@link GameViews}: a {@link GameViewProvider}
 * of the game, else the generic Box2D view when the env exposes its world.
 *
 * <p>The contract, in the order the game calls things, all on the render thread:
 *
 * <ol>
 *   <li>Construction (by a provider, outside GL: do not touch {@code Gdx.gl} or create textures
 *       there; allocate GL resources lazily in {@link #render}). The env is already built, not
 *       yet reset: its world may not exist yet.
 *   <li>{@link #stepSeconds()}, once: the simulated seconds of one env step, the fixed dt of the
 *       screen's accumulator. The frame delta never reaches the env; the screen steps the env a
 *       whole number of times per frame.
 *   <li>{@link #keyboard(KeyInput)}, once: the human driver. Its policy is asked for an action
 *       once per decision tick, only while the human drives; it reads keys through the {@link
 *       KeyInput} given (never {@code Gdx.input} directly: screenshot mode passes "no key held").
 *       {@link #keysHelp()} and {@link #actionLabel(int)} feed the HUD.
 *   <li>Per episode: {@link #afterReset()} after every env reset (snap interpolation, clear
 *       decoration); then per env step {@link #beforeStep()} just before it and {@link
 *       #afterStep} just after it.
 *   <li>Per frame: the world rectangle ({@link #worldLeft()}, {@link #worldBottom()}, {@link
 *       #worldWidth()}, {@link #worldHeight()}, in world units, usually metres) is read again and
 *       fitted into the lane's cell keeping its aspect ratio, the rest of the cell filled with
 *       {@link #background()}; it may change between frames (the generic view grows it when
 *       bodies leave it) but should not change every frame. Then {@link #render} draws, then
 *       {@link #hudLines} adds lines to the HUD of lane 0.
 *   <li>{@link #dispose()} once when the window closes, before the env is closed.
 * </ol>
 *
 * <p>A view only READS the simulation's state (the env's sim, its Box2D world): it never steps,
 * pushes or resets it; the {@link Session} steps the env through the Env API, so the same actions
 * give the same episode with and without a window. Decoration the simulation must not pay for in
 * training (particles) lives here. An exception thrown by any of these methods ends the game with
 * one line naming the view class and the exception (exit status 2), and no {@code --record} file
 * is left behind.
 *
 * @param <A> the env's action type
 */
public interface GameView<A> extends Disposable {

  /** Simulated seconds per env step (the fixed dt of the accumulator); > 0. */
  float stepSeconds();

  /** Width of the world rectangle to fit in the window (world units, > 0). */
  float worldWidth();

  /** Height of the world rectangle to fit in the window (world units, > 0). */
  float worldHeight();

  /** World x of the rectangle's left edge. */
  float worldLeft();

  /** World y of the rectangle's bottom edge. */
  float worldBottom();

  /** Clears the window behind the world (and fills the bars around a letterboxed world). */
  Color background();

  /**
   * The human driver: a policy that turns the keys held now into an action of the env's action
   * space. Called once; the policy's {@code act} runs once per decision tick while the human
   * drives, its {@code reset} at each restart.
   */
  Policy<float[], A> keyboard(KeyInput keys);

  /** One line of key help for this game's actions, e.g. "Left/A, Right/D: push the cart". */
  String keysHelp();

  /** Called after every reset of the env (snap interpolation, clear particles). */
  void afterReset();

  /** Called just before each env step (remember the pose to interpolate from). */
  void beforeStep();

  /** Called after each env step with the action taken and its outcome. */
  void afterStep(A action, Step<float[]> step);

  /**
   * Draws the world, once per frame. The renderer has begun in filled-shape mode with the world
   * camera's matrix (world units); the view may switch shape types ({@code shapes.end();
   * shapes.begin(type)}) and must leave it begun (the screen ends it). {@code alpha} in [0, 1] is how far the display is
   * between the previous and the current step (1 when paused or fast).
   */
  void render(ShapeRenderer shapes, float alpha);

  /**
   * A short name of discrete action {@code index} (or of continuous action dimension {@code
   * index}) for the HUD's action-value bars.
   */
  default String actionLabel(int index) {
    return "a" + index;
  }

  /** Game-specific HUD lines, appended to the common ones once per frame (lane 0's view). */
  void hudLines(List<String> lines);

  /** Frees what the view allocated (not the env: the session closes that). */
  @Override
  default void dispose() {}
}
