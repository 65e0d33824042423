package dev.gdxrl.desktop.game.arena;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.game.GameView;
import dev.gdxrl.desktop.game.KeyInput;
import dev.gdxrl.desktop.game.box2d.RayDrawing;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Step;
import dev.gdxrl.npc.Npc;
import dev.gdxrl.sim.arena.ArenaEnv;
import dev.gdxrl.sim.arena.ArenaScene;
import java.util.List;
import java.util.Locale;

/**
 * The tag arena drawn top-down: walls, obstacles, the chaser (red) and the runner (green), and,
 * as a debug toggle (G, on at start), the chaser's rays coloured by what they hit.
 *
 * <p>Keys: when the human drives the chaser, arrows / WASD move it. When someone else drives it
 * (the learned agent, the heuristic), the same keys take over the runner from the scripted evader
 * ({@link dev.gdxrl.control.PlayerCharacter}): from the first key press the runner is the
 * player's, until the human takes the chaser.
 */
public final class ArenaView<A> implements GameView<A> {
  public static final Color BACKGROUND = new Color(0.09f, 0.1f, 0.12f, 1f);
  public static final Color FLOOR = new Color(0.16f, 0.18f, 0.2f, 1f);
  public static final Color WALL = new Color(0.5f, 0.52f, 0.56f, 1f);
  public static final Color OBSTACLE = new Color(0.55f, 0.42f, 0.3f, 1f);
  public static final Color CHASER = new Color(0.9f, 0.25f, 0.22f, 1f);
  public static final Color RUNNER = new Color(0.3f, 0.85f, 0.35f, 1f);
  /** Ray colours by tag: wall, obstacle, runner, chaser. */
  public static final Color[] RAY_TAGS = {
    new Color(0.75f, 0.77f, 0.8f, 0.8f), new Color(0.85f, 0.65f, 0.45f, 0.8f),
    new Color(1f, 0.9f, 0.2f, 1f), new Color(1f, 0.5f, 0.5f, 0.8f)
  };
  private static final float MARGIN = 0.6f;

  private final ArenaEnv<A> env;
  private final boolean continuous;
  private KeyInput keys = k -> false;
  private boolean humanChaser;
  private boolean runnerTaken;
  private boolean showRays = true;
  private boolean toggleHeld;
  private String lastOutcome = "";

  @SuppressWarnings("unchecked")
  public ArenaView(Env<float[], A> env) {
    if (!(env.unwrapped() instanceof ArenaEnv<?> a)) {
      throw new IllegalArgumentException("not an arena env: " + env.spec().id());
    }
    this.env = (ArenaEnv<A>) a;
    this.continuous = env.actionSpace() instanceof Box;
  }

  @Override
  public float stepSeconds() {
    return env.stepSeconds();
  }

  @Override
  public float worldWidth() {
    return 2 * (ArenaScene.HALF + MARGIN);
  }

  @Override
  public float worldHeight() {
    return 2 * (ArenaScene.HALF + MARGIN);
  }

  @Override
  public float worldLeft() {
    return -ArenaScene.HALF - MARGIN;
  }

  @Override
  public float worldBottom() {
    return -ArenaScene.HALF - MARGIN;
  }

  @Override
  public Color background() {
    return BACKGROUND;
  }

  /** The direction the arrows / WASD hold, {x, y} with length 0 or 1. */
  private float[] heldDirection() {
    float x = (keys.anyPressed(Keys.RIGHT, Keys.D) ? 1 : 0) - (keys.anyPressed(Keys.LEFT, Keys.A)
        ? 1 : 0);
    float y = (keys.anyPressed(Keys.UP, Keys.W) ? 1 : 0) - (keys.anyPressed(Keys.DOWN, Keys.S)
        ? 1 : 0);
    float len = (float) Math.sqrt(x * x + y * y);
    return len == 0 ? new float[2] : new float[] {x / len, y / len};
  }

  @Override
  @SuppressWarnings("unchecked")
  public Policy<float[], A> keyboard(KeyInput keys) {
    this.keys = keys;
    return obs -> {
      humanChaser = true;
      float[] d = heldDirection();
      if (continuous) {
        return (A) d;
      }
      if (d[0] == 0 && d[1] == 0) {
        return (A) Integer.valueOf(0);
      }
      int k = (int) Math.round(Math.atan2(d[1], d[0]) / (Math.PI / 4));
      return (A) Integer.valueOf(Math.floorMod(k, 8) + 1);
    };
  }

  @Override
  public String keysHelp() {
    return "Arrows/WASD: move (the chaser if you drive it, else the runner); G: rays";
  }

  @Override
  public void afterReset() {}

  @Override
  public void beforeStep() {
    boolean toggle = keys.pressed(Keys.G);
    if (toggle && !toggleHeld) {
      showRays = !showRays;
    }
    toggleHeld = toggle;
    if (humanChaser) {
      runnerTaken = false;
      env.drivePlayer(null);
    } else {
      float[] d = heldDirection();
      runnerTaken |= d[0] != 0 || d[1] != 0;
      if (runnerTaken) {
        env.drivePlayer(d);
      }
    }
    humanChaser = false;
  }

  @Override
  public void afterStep(A action, Step<float[]> step) {
    if (step.done()) {
      Object o = step.info().get(dev.gdxrl.env.Info.OUTCOME);
      Object s = step.info().get(dev.gdxrl.env.Info.METRIC_PREFIX + "mean_catch_s");
      lastOutcome = o == null ? "" : o + (s instanceof Number n
          ? String.format(Locale.ROOT, " after %.1f s", n.doubleValue()) : "");
    }
  }

  @Override
  public void render(ShapeRenderer shapes, float alpha) {
    ArenaScene<A> scene = env.scene();
    if (scene.world() == null || scene.runner() == null) {
      return;
    }
    float h = ArenaScene.HALF;
    shapes.setColor(WALL);
    shapes.rect(-h - 0.5f, -h - 0.5f, 2 * h + 1, 2 * h + 1);
    shapes.setColor(FLOOR);
    shapes.rect(-h, -h, 2 * h, 2 * h);
    shapes.setColor(OBSTACLE);
    for (Body o : scene.obstacles()) {
      float[] half = (float[]) o.getFixtureList().first().getUserData();
      Vector2 c = o.getPosition();
      shapes.rect(c.x - half[0], c.y - half[1], 2 * half[0], 2 * half[1]);
    }
    List<Npc<A>> npcs = scene.npcs();
    if (showRays) {
      RayDrawing.draw(shapes, npcs, RAY_TAGS);
      shapes.end();
      shapes.begin(ShapeRenderer.ShapeType.Filled);
    }
    shapes.setColor(RUNNER);
    Vector2 r = scene.runner().getPosition();
    shapes.circle(r.x, r.y, ArenaScene.RADIUS, 24);
    shapes.setColor(CHASER);
    for (Npc<A> n : npcs) {
      Vector2 p = n.body().getPosition();
      shapes.circle(p.x, p.y, ArenaScene.RADIUS, 24);
    }
  }

  @Override
  public String actionLabel(int index) {
    if (continuous) {
      return index == 0 ? "x" : "y";
    }
    return new String[] {"stay", "E", "NE", "N", "NW", "W", "SW", "S", "SE"}[index];
  }

  @Override
  public void hudLines(List<String> lines) {
    ArenaScene<A> scene = env.scene();
    lines.add(String.format(Locale.ROOT, "runner: %s   time %.1f s   rays %s (G)",
        runnerTaken ? "you (arrows/WASD)" : "scripted (arrows/WASD to take over)",
        scene.decisions() * scene.stepSeconds(), showRays ? "on" : "off"));
    if (!lastOutcome.isEmpty()) {
      lines.add("last round: " + lastOutcome);
    }
  }
}
