package dev.gdxrl.desktop.game;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import dev.gdxrl.env.EnvRegistry;

/** The libGDX application: owns the GL resources shared by screens, and shows the play screen. */
final class GdxRlGame extends Game {
  private final PlayConfig config;
  private final EnvRegistry registry;
  private final PlayOutcome outcome;
  private ShapeRenderer shapes;
  private SpriteBatch batch;
  private BitmapFont font;

  GdxRlGame(PlayConfig config, EnvRegistry registry, PlayOutcome outcome) {
    this.config = config;
    this.registry = registry;
    this.outcome = outcome;
  }

  @Override
  public void create() {
    shapes = new ShapeRenderer();
    batch = new SpriteBatch();
    font = new BitmapFont(); // libGDX's built-in 15 px sans font
    setScreen(new PlayScreen(config, registry, outcome, shapes, batch, font));
  }

  @Override
  public void dispose() {
    if (getScreen() != null) {
      getScreen().dispose();
    }
    font.dispose();
    batch.dispose();
    shapes.dispose();
  }
}
