package dev.gdxrl.desktop.game;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;

/** The libGDX application: owns the GL resources shared by screens, and shows the play screen. */
final class GdxRlGame extends Game {
  private final GameSetup setup;
  private final PlayOutcome outcome;
  private ShapeRenderer shapes;
  private SpriteBatch batch;
  private BitmapFont font;

  GdxRlGame(GameSetup setup, PlayOutcome outcome) {
    this.setup = setup;
    this.outcome = outcome;
  }

  @Override
  public void create() {
    shapes = new ShapeRenderer();
    batch = new SpriteBatch();
    font = new BitmapFont(); // libGDX's built-in 15 px sans font
    try {
      setScreen(new PlayScreen(setup, outcome, shapes, batch, font));
    } catch (GameViewException e) {
      outcome.failView(e.getMessage());
      com.badlogic.gdx.Gdx.app.exit();
    } catch (RuntimeException e) {
      outcome.fail(String.valueOf(e.getMessage()));
      com.badlogic.gdx.Gdx.app.exit();
    }
  }

  @Override
  public void dispose() {
    if (getScreen() != null) {
      try {
        getScreen().dispose();
      } catch (GameViewException e) {
        outcome.failView(e.getMessage());
      }
    }
    font.dispose();
    batch.dispose();
    shapes.dispose();
  }
}
