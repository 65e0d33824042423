package dev.gdxrl.desktop.game;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.InputAdapter;
import com.badlogic.gdx.ScreenAdapter;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.OrthographicCamera;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.utils.ScreenUtils;
import com.badlogic.gdx.utils.viewport.FitViewport;
import com.badlogic.gdx.utils.viewport.ScreenViewport;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The play screen: advances the session by whole fixed steps from an accumulator (the frame delta
 * never reaches the simulation), draws the world interpolated between the last two steps, then the
 * HUD. In screenshot mode every frame counts as 1/60 s of game time, so the picture after N frames
 * is the same on every machine.
 *
 * <p>Keys: R restart the episode with the same seed, N next seed, C cycle the driver (human,
 * heuristic, random), Space pause, period one step while paused, Esc quit; the game's own keys
 * are in its view.
 */
final class PlayScreen extends ScreenAdapter {
  /** Game time the "episode over" banner stays before the next seed starts. */
  private static final float EPISODE_END_PAUSE_S = 1.5f;
  /** Game time per frame in screenshot mode. */
  private static final float SCREENSHOT_FRAME_S = 1f / 60f;
  private static final String COMMON_KEYS =
      "R restart   N next seed   C driver   Space pause   . step   Esc quit";

  private final PlayConfig config;
  private final PlayOutcome outcome;
  private final ShapeRenderer shapes;
  private final SpriteBatch batch;
  private final Session<?> session;
  private final GameView<?> view;
  private final FixedStepClock clock;
  private final OrthographicCamera camera = new OrthographicCamera();
  private final FitViewport viewport;
  private final ScreenViewport hudViewport = new ScreenViewport();
  private final Hud hud;
  private final String keysHelp;
  private float endedFor;
  private boolean paused;
  private boolean stepOnce;
  private int frames;
  private boolean captured;

  PlayScreen(PlayConfig config, EnvRegistry registry, PlayOutcome outcome, ShapeRenderer shapes,
      SpriteBatch batch, BitmapFont font) {
    this.config = config;
    this.outcome = outcome;
    this.shapes = shapes;
    this.batch = batch;
    this.hud = new Hud(font);
    KeyInput keys = config.screenshotMode() ? k -> false : Gdx.input::isKeyPressed;
    this.session = open(registry, config, keys);
    this.view = session.view();
    this.clock = new FixedStepClock(view.stepSeconds(), 0.25);
    this.viewport = new FitViewport(view.worldWidth(), view.worldHeight(), camera);
    camera.position.set(
        view.worldLeft() + view.worldWidth() / 2, view.worldBottom() + view.worldHeight() / 2, 0);
    this.keysHelp = view.keysHelp() + "   " + COMMON_KEYS;
    if (!config.screenshotMode()) {
      Gdx.input.setInputProcessor(new Keyboard());
    }
  }

  @SuppressWarnings("unchecked")
  private static <A> Session<A> open(EnvRegistry registry, PlayConfig config, KeyInput keys) {
    Env<float[], A> env = (Env<float[], A>) registry.make(config.envId());
    try {
      GameView<A> view = (GameView<A>) GameViews.create(env);
      Policy<float[], A> heuristic = registry.entry(config.envId()).heuristic() == null
          ? null
          : (Policy<float[], A>) registry.heuristic(config.envId());
      return new Session<>(env, view,
          Session.standardControllers(env, view, keys, heuristic, config.seed()),
          config.driver().label(), config.seed());
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  @Override
  public void render(float delta) {
    update(config.screenshotMode() ? SCREENSHOT_FRAME_S : delta);

    Color bg = view.background();
    ScreenUtils.clear(bg.r, bg.g, bg.b, 1f);
    viewport.apply();
    shapes.setProjectionMatrix(camera.combined);
    shapes.begin(ShapeRenderer.ShapeType.Filled);
    view.render(shapes, paused || session.done() ? 1f : clock.alpha());
    shapes.end();

    hudViewport.apply(true);
    shapes.setProjectionMatrix(hudViewport.getCamera().combined);
    batch.setProjectionMatrix(hudViewport.getCamera().combined);
    hud.draw(shapes, batch, hudViewport.getWorldWidth(), hudViewport.getWorldHeight(), session,
        paused, keysHelp);

    if (config.screenshotMode() && !captured && ++frames >= config.frames()) {
      captured = true;
      try {
        saveScreenshot(config.screenshot());
      } catch (IOException | RuntimeException e) {
        outcome.fail("could not write screenshot " + config.screenshot() + ": " + e.getMessage());
      }
      Gdx.app.exit();
    }
  }

  private void update(float frameSeconds) {
    if (paused) {
      clock.clear();
      if (stepOnce) {
        stepOnce = false;
        session.step();
      }
      return;
    }
    int steps = clock.advance(frameSeconds);
    for (int i = 0; i < steps; i++) {
      if (!session.done()) {
        session.step();
      } else {
        endedFor += (float) clock.dt();
        if (endedFor >= EPISODE_END_PAUSE_S) {
          restart(session.seed() + 1);
        }
      }
    }
  }

  private void restart(long seed) {
    session.reset(seed);
    endedFor = 0;
    clock.clear();
  }

  /** Reads the back buffer, flips it to top-down rows, makes it opaque, writes it as PNG. */
  private void saveScreenshot(Path file) throws IOException {
    int w = Gdx.graphics.getBackBufferWidth();
    int h = Gdx.graphics.getBackBufferHeight();
    Pixmap pixmap = Pixmap.createFromFrameBuffer(0, 0, w, h);
    try {
      ByteBuffer px = pixmap.getPixels();
      int stride = w * 4;
      byte[] top = new byte[stride];
      byte[] bottom = new byte[stride];
      for (int y = 0; y < h / 2; y++) {
        px.position(y * stride);
        px.get(top);
        px.position((h - 1 - y) * stride);
        px.get(bottom);
        px.position(y * stride);
        px.put(bottom);
        px.position((h - 1 - y) * stride);
        px.put(top);
      }
      for (int i = 3; i < h * stride; i += 4) {
        px.put(i, (byte) 0xFF);
      }
      px.position(0);
      Path target = file.toAbsolutePath();
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      PixmapIO.writePNG(Gdx.files.absolute(tmp.toString()), pixmap);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      pixmap.dispose();
    }
  }

  @Override
  public void resize(int width, int height) {
    viewport.update(width, height);
    hudViewport.update(width, height, true);
  }

  @Override
  public void dispose() {
    session.close();
  }

  /** One-shot keys; the game's action keys are polled by its keyboard policy instead. */
  private final class Keyboard extends InputAdapter {
    @Override
    public boolean keyDown(int keycode) {
      switch (keycode) {
        case Keys.R -> restart(session.seed());
        case Keys.N -> restart(session.seed() + 1);
        case Keys.C -> session.cycleDriver();
        case Keys.SPACE -> paused = !paused;
        case Keys.PERIOD -> stepOnce = paused;
        case Keys.ESCAPE -> Gdx.app.exit();
        default -> {
          return false;
        }
      }
      return true;
    }
  }
}
