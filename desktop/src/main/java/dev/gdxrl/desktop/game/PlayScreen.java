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
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.record.EpisodeRecord;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.RecordEpisodeStatistics;
import dev.gdxrl.env.TimeLimit;
import dev.gdxrl.npc.SceneEnv;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The play screen: advances the session by whole fixed steps (the frame delta, times the speed,
 * only decides how many; the simulation always advances by its fixed dt), draws every lane in a
 * grid, each interpolated between its last two steps, then the HUD. In screenshot mode every frame
 * counts as 1/60 s of game time, so the picture after N frames is the same on every machine
 * (except at speed "fast", which runs as many steps as fit in the frame budget).
 *
 * <p>Keys: 1..9 pick a driver (listed in the help line), C cycles drivers, Space pause, period
 * one step while paused, minus/plus slower/faster (0.25x..8x), F fast on/off, R restart with the
 * same seed, N next seed, I shows/hides the agent's action values, Esc quit; the game's own keys
 * are in its view.
 */
final class PlayScreen extends ScreenAdapter {
  /** Game time per frame in screenshot mode. */
  private static final float SCREENSHOT_FRAME_S = 1f / 60f;
  /** Real time per frame that speed "fast" spends stepping. */
  private static final long FAST_BUDGET_NS = 12_000_000L;
  /** Frame time beyond this is dropped (the game slows down instead of spiralling). */
  private static final double MAX_FRAME_S = 0.25;
  private static final String COMMON_KEYS = "R restart   N next seed   Space pause   . step"
      + "   -/+ speed   F fast   I insight   Esc quit";

  private final PlayConfig config;
  private final PlayOutcome outcome;
  private final ShapeRenderer shapes;
  private final SpriteBatch batch;
  private final BitmapFont font;
  private final Session<?> session;
  private final GameView<?> view;
  private final ReplayController<?> replay;
  private final FixedStepClock clock;
  private final OrthographicCamera camera = new OrthographicCamera();
  private final FitViewport viewport;
  private final ScreenViewport hudViewport = new ScreenViewport();
  private final Hud hud;
  private final List<String> keysHelp = new ArrayList<>();
  private int speedIndex;
  private boolean fast;
  private boolean paused;
  private boolean stepOnce;
  private boolean showInsight = true;
  private int frames;
  private boolean captured;
  private boolean finishing;
  /** A view threw: nothing more is drawn or stepped, the window closes. */
  private boolean failed;
  private int cols = 1;
  private int rows = 1;

  PlayScreen(GameSetup setup, PlayOutcome outcome, ShapeRenderer shapes, SpriteBatch batch,
      BitmapFont font) {
    this.config = setup.config();
    this.outcome = outcome;
    this.shapes = shapes;
    this.batch = batch;
    this.font = font;
    this.hud = new Hud(font);
    KeyInput keys = config.screenshotMode() ? k -> false : Gdx.input::isKeyPressed;
    this.replay = setup.replay() == null ? null : new ReplayController<>(setup.replay());
    this.session = open(setup, keys, replay, outcome);
    this.view = session.view();
    this.clock = new FixedStepClock(view.stepSeconds(), MAX_FRAME_S * PlayConfig.SPEEDS[
        PlayConfig.SPEEDS.length - 1]);
    this.viewport = new FitViewport(view.worldWidth(), view.worldHeight(), camera);
    frame(view);
    this.fast = config.fast();
    this.speedIndex = fast ? PlayConfig.speedIndex(1.0) : PlayConfig.speedIndex(config.speed());
    keysHelp.add(view.keysHelp() + "   " + COMMON_KEYS);
    StringBuilder drivers = new StringBuilder("drivers:");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < session.controllers().size() && i < 9; i++) {
      String name = session.controllers().get(i).name();
      names.add(name);
      drivers.append("   ").append(i + 1).append(' ').append(name);
    }
    drivers.append("   C next driver");
    keysHelp.add(drivers.toString());
    outcome.drivers(names);
    if (!config.screenshotMode()) {
      Gdx.input.setInputProcessor(new Keyboard());
    }
  }

  @SuppressWarnings("unchecked")
  private static <A> Session<A> open(GameSetup setup, KeyInput keys, ReplayController<?> replay,
      PlayOutcome outcome) {
    PlayConfig config = setup.config();
    EnvRegistry registry = setup.registry();
    GameViews lookup = setup.views();
    List<Env<float[], A>> envs = new ArrayList<>();
    List<GameView<A>> views = new ArrayList<>();
    try {
      Env<float[], A> first = (Env<float[], A>) registry.make(config.envId());
      if (config.npcs() > 1 && replay == null && first.unwrapped() instanceof SceneEnv<?> scene) {
        // A game built as a scene: all NPCs in one world. NPC 0 follows the driver keys; the
        // others are driven by the learned agent, else the heuristic, else they stand still.
        Controller<A> companions = companions(setup, registry, config, first.actionSpace());
        first.close();
        Env<float[], A> together = new TimeLimit<>(((SceneEnv<A>) scene).together(config.npcs(),
            companions), registry.entry(config.envId()).spec().maxEpisodeSteps());
        envs.add(new RecordEpisodeStatistics<>(together));
        views.add((GameView<A>) lookup.create(envs.get(0)));
      } else {
        envs.add(first);
        views.add((GameView<A>) lookup.create(first));
        for (int i = 1; i < config.npcs(); i++) {
          Env<float[], A> env = (Env<float[], A>) registry.make(config.envId());
          envs.add(env);
          views.add((GameView<A>) lookup.create(env));
        }
      }
      List<Controller<A>> controllers = new ArrayList<>();
      long seed = config.seed();
      Session.SeedSchedule schedule = null;
      Consumer<EpisodeRecord> sink = setup.recorder();
      if (replay != null) {
        controllers.add((Controller<A>) replay);
        seed = replay.current().seed();
        schedule = (lane, s) -> replay.advance();
        sink = replayReport(replay, setup.recorder());
      } else {
        if (setup.agent() != null) {
          controllers.add((Controller<A>) setup.agent());
        }
        Policy<float[], A> heuristic = registry.entry(config.envId()).heuristic() == null
            ? null
            : (Policy<float[], A>) registry.heuristic(config.envId());
        controllers.addAll(Session.standardControllers(envs.get(0), views.get(0), keys,
            heuristic, config.seed()));
      }
      Session<A> s = new Session<>(envs, views, controllers, config.driver(), seed, sink,
          schedule);
      s.setEpisodeListener(outcome::episode);
      return s;
    } catch (RuntimeException e) {
      envs.forEach(Env::close);
      throw e;
    }
  }

  /** Who drives the other NPCs of a scene: the learned agent, else the heuristic, else none. */
  @SuppressWarnings("unchecked")
  private static <A> Controller<A> companions(GameSetup setup, EnvRegistry registry,
      PlayConfig config, dev.gdxrl.env.Space<A> actions) {
    if (setup.agent() != null) {
      return (Controller<A>) setup.agent();
    }
    if (registry.entry(config.envId()).heuristic() != null) {
      return Controller.of("heuristic",
          (Policy<float[], A>) registry.heuristic(config.envId()));
    }
    A still = (A) (actions instanceof dev.gdxrl.env.Box b ? new float[b.dim()]
        : Integer.valueOf(0));
    return Controller.of("still", obs -> still);
  }

  /** In replay mode: prints how each replayed episode compares with its record. */
  private static Consumer<EpisodeRecord> replayReport(ReplayController<?> replay,
      Consumer<EpisodeRecord> next) {
    return e -> {
      EpisodeRecord rec = replay.current();
      boolean same = Double.doubleToLongBits(e.episodeReturn())
          == Double.doubleToLongBits(rec.episodeReturn()) && e.length() == rec.length();
      System.out.printf(Locale.ROOT,
          "replay episode %d/%d seed %d: return %s in the window, %s recorded, %d steps: %s%n",
          replay.index() + 1, replay.size(), rec.seed(), e.episodeReturn(), rec.episodeReturn(),
          e.length(), same ? "match" : "MISMATCH");
      System.out.flush();
      if (next != null) {
        next.accept(e);
      }
    };
  }

  /** Points the world camera at {@code v}'s world rectangle (read again every frame). */
  private void frame(GameView<?> v) {
    viewport.setWorldSize(v.worldWidth(), v.worldHeight());
    camera.position.set(v.worldLeft() + v.worldWidth() / 2, v.worldBottom() + v.worldHeight() / 2,
        0);
  }

  @Override
  public void render(float delta) {
    if (failed) {
      return;
    }
    try {
      draw(delta);
    } catch (GameViewException e) {
      // The view broke: one line for the user, no screenshot, the window closes.
      failed = true;
      outcome.failView(e.getMessage());
      Gdx.app.exit();
    }
  }

  private void draw(float delta) {
    update(config.screenshotMode() ? SCREENSHOT_FRAME_S : delta);

    Color bg = view.background();
    ScreenUtils.clear(bg.r, bg.g, bg.b, 1f);
    renderLanes();

    hudViewport.apply(true);
    shapes.setProjectionMatrix(hudViewport.getCamera().combined);
    batch.setProjectionMatrix(hudViewport.getCamera().combined);
    if (session.laneCount() > 1) {
      laneLabels();
    }
    hud.draw(shapes, batch, hudViewport.getWorldWidth(), hudViewport.getWorldHeight(), session,
        new Hud.Status(speedLabel(), paused, showInsight, replayLine()), keysHelp);

    if (config.screenshotMode() && !captured && ++frames >= config.frames()) {
      captured = true;
      try {
        saveScreenshot(config.screenshot());
      } catch (IOException | RuntimeException e) {
        outcome.fail("could not write screenshot " + config.screenshot() + ": " + e.getMessage());
      }
      finish();
    }
    if (finishing) {
      finish();
    }
  }

  private void finish() {
    outcome.finish(session.finishedEpisodes(), session.meanReturn(), session.stdReturn(),
        session.ticks(), session.meanDecisionMs());
    Gdx.app.exit();
  }

  private String speedLabel() {
    if (paused) {
      return "paused";
    }
    if (fast) {
      return "fast";
    }
    double s = PlayConfig.SPEEDS[speedIndex];
    return s == Math.rint(s) ? (int) s + "x" : s + "x";
  }

  private String replayLine() {
    if (replay == null) {
      return null;
    }
    EpisodeRecord r = replay.current();
    return String.format(Locale.ROOT, "replay %d/%d   recorded return %.2f in %d steps",
        replay.index() + 1, replay.size(), r.episodeReturn(), r.length());
  }

  private void update(float frameSeconds) {
    if (finishing) {
      return;
    }
    if (paused) {
      clock.clear();
      if (stepOnce) {
        stepOnce = false;
        session.step();
      }
      return;
    }
    double dt = clock.dt();
    if (fast) {
      long end = System.nanoTime() + FAST_BUDGET_NS;
      do {
        session.tick(dt);
      } while (!limitReached() && System.nanoTime() < end);
      clock.clear();
      return;
    }
    int steps = clock.advance(Math.min(frameSeconds, MAX_FRAME_S) * PlayConfig.SPEEDS[speedIndex]);
    for (int i = 0; i < steps && !limitReached(); i++) {
      session.tick(dt);
    }
  }

  /** True (and the game ends after this frame) once {@code --episodes} episodes are finished. */
  private boolean limitReached() {
    if (config.episodes() > 0 && session.finishedEpisodes() >= config.episodes()) {
      finishing = true;
    }
    return finishing;
  }

  /** Chooses the grid that shows every lane largest. */
  private void layout(float width, float height) {
    int n = session.laneCount();
    float best = -1;
    for (int c = 1; c <= n; c++) {
      int r = (n + c - 1) / c;
      float scale = Math.min(width / c / view.worldWidth(), height / r / view.worldHeight());
      if (scale > best) {
        best = scale;
        cols = c;
        rows = r;
      }
    }
  }

  private void renderLanes() {
    int w = Gdx.graphics.getWidth();
    int h = Gdx.graphics.getHeight();
    int n = session.laneCount();
    layout(w, h);
    int cellW = w / cols;
    int cellH = h / rows;
    float alpha = paused || fast ? 1f : clock.alpha();
    for (int i = 0; i < n; i++) {
      Session.Lane<?> lane = session.lanes().get(i);
      frame(lane.view());
      if (n == 1) {
        viewport.update(w, h, false);
      } else {
        viewport.update(cellW, cellH, false);
        viewport.setScreenX(viewport.getScreenX() + (i % cols) * cellW);
        viewport.setScreenY(viewport.getScreenY() + h - (i / cols + 1) * cellH);
      }
      viewport.apply();
      shapes.setProjectionMatrix(camera.combined);
      shapes.begin(ShapeRenderer.ShapeType.Filled);
      lane.view().render(shapes, lane.done() ? 1f : alpha);
      shapes.end();
    }
  }

  /** Each lane's number and return (or outcome) in its cell's corner. */
  private void laneLabels() {
    int w = (int) hudViewport.getWorldWidth();
    int h = (int) hudViewport.getWorldHeight();
    int cellW = w / cols;
    int cellH = h / rows;
    batch.begin();
    font.setColor(Color.WHITE);
    for (int i = 0; i < session.laneCount(); i++) {
      Session.Lane<?> lane = session.lanes().get(i);
      float x = (i % cols) * cellW + 4;
      float y = h - (i / cols) * cellH - 4;
      String text = lane.done()
          ? String.format(Locale.ROOT, "#%d %s %.0f", i, lane.outcome(), lane.episodeReturn())
          : String.format(Locale.ROOT, "#%d %.0f", i, lane.episodeReturn());
      font.draw(batch, text, x, y);
    }
    batch.end();
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

  private void changeSpeed(int by) {
    if (fast) {
      fast = false;
      if (by < 0) {
        return;
      }
    }
    speedIndex = Math.max(0, Math.min(PlayConfig.SPEEDS.length - 1, speedIndex + by));
    clock.clear();
  }

  /** One-shot keys; the game's action keys are polled by its keyboard policy instead. */
  private final class Keyboard extends InputAdapter {
    @Override
    public boolean keyDown(int keycode) {
      if (failed) {
        return true;
      }
      try {
        return handle(keycode);
      } catch (GameViewException e) {
        failed = true;
        outcome.failView(e.getMessage());
        Gdx.app.exit();
        return true;
      }
    }

    private boolean handle(int keycode) {
      if (keycode >= Keys.NUM_1 && keycode <= Keys.NUM_9) {
        return session.selectDriver(keycode - Keys.NUM_1);
      }
      if (keycode >= Keys.NUMPAD_1 && keycode <= Keys.NUMPAD_9) {
        return session.selectDriver(keycode - Keys.NUMPAD_1);
      }
      switch (keycode) {
        case Keys.R -> {
          session.restartSameSeeds();
          clock.clear();
        }
        case Keys.N -> {
          session.restartNextSeeds();
          clock.clear();
        }
        case Keys.C -> session.cycleDriver();
        case Keys.SPACE -> paused = !paused;
        case Keys.PERIOD -> stepOnce = paused;
        case Keys.MINUS, Keys.NUMPAD_SUBTRACT -> changeSpeed(-1);
        case Keys.PLUS, Keys.EQUALS, Keys.NUMPAD_ADD -> changeSpeed(+1);
        case Keys.F -> {
          fast = !fast;
          clock.clear();
        }
        case Keys.I -> showInsight = !showInsight;
        case Keys.ESCAPE -> finishing = true;
        default -> {
          return false;
        }
      }
      return true;
    }
  }
}
