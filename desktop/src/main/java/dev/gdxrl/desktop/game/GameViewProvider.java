package dev.gdxrl.desktop.game;

import dev.gdxrl.env.Env;

/**
 * Supplies the {@link GameView} of one's own games, found with {@link java.util.ServiceLoader}:
 * implement it (public class, public no-argument constructor) and list the class in {@code
 * META-INF/services/dev.gdxrl.desktop.game.GameViewProvider}. The shipped games' views are
 * registered exactly this way ({@link ShippedViews}).
 *
 * <p>A provider must claim only its own games: when two providers claim one env the game refuses
 * to start and says which. Neither method may step or reset the env.
 */
public interface GameViewProvider {

  /**
   * Whether this provider draws {@code env} (a registry env with its wrappers; look at {@code
   * env.unwrapped()} or {@code env.spec().id()}). Cheap, no GL.
   */
  boolean supports(Env<float[], ?> env);

  /**
   * The view of {@code env}, only called when {@link #supports} said yes; the view's action type
   * must be the env's. Called outside GL (see {@link GameView}'s contract).
   */
  GameView<?> create(Env<float[], ?> env);
}
