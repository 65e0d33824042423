package dev.gdxrl.desktop.game.lunarlander;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.MathUtils;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.game.GameView;
import dev.gdxrl.desktop.game.KeyInput;
import dev.gdxrl.env.Step;
import dev.gdxrl.sim.lunarlander.AbstractLunarLanderEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderContinuousEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderEnv;
import dev.gdxrl.sim.lunarlander.LunarLanderListener;
import dev.gdxrl.sim.lunarlander.LunarLanderSim;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Draws the Lunar Lander from {@link LunarLanderSim}'s read-only state: a starry sky, the moon's
 * surface as a filled polygon, the helipad with its two flags, the hull and legs (legs turn green
 * on contact), interpolated between the last two steps, and exhaust particles spawned from the
 * sim's engine events ({@link LunarLanderListener}) of each step. Reads the env's sim afresh
 * each time, never a copy kept from an earlier episode.
 *
 * <p>Keys: Up/W main engine, Left/A left orientation engine (turns and drifts left), Right/D right
 * orientation engine. Discrete: one engine per step, the main engine first. Continuous: main at
 * full throttle while held, the side engine at full power.
 *
 * @param <A> {@code Integer} for {@code lunarlander}, {@code float[]} for the continuous game
 */
public final class LunarLanderView<A> implements GameView<A> {
  /** Colours of the scene; tests look for them in screenshots. */
  public static final Color SPACE = new Color(0.02f, 0.02f, 0.05f, 1f);
  public static final Color SKY = new Color(0.05f, 0.07f, 0.18f, 1f);
  public static final Color STAR = new Color(0.8f, 0.82f, 0.9f, 1f);
  public static final Color MOON = new Color(0.72f, 0.72f, 0.76f, 1f);
  public static final Color PAD = new Color(0.95f, 0.95f, 0.95f, 1f);
  public static final Color FLAG_POLE = new Color(0.9f, 0.9f, 0.9f, 1f);
  public static final Color FLAG = new Color(0.95f, 0.8f, 0.1f, 1f);
  public static final Color HULL = new Color(0.5f, 0.4f, 0.9f, 1f);
  public static final Color HULL_EDGE = new Color(0.3f, 0.3f, 0.5f, 1f);
  public static final Color LEG = new Color(0.6f, 0.55f, 0.85f, 1f);
  public static final Color LEG_CONTACT = new Color(0.3f, 0.9f, 0.4f, 1f);

  private static final float W = (float) LunarLanderSim.W;
  private static final float H = (float) LunarLanderSim.H;
  private static final float SCALE = (float) LunarLanderSim.SCALE;
  private static final float DT = 1f / LunarLanderSim.FPS;
  private static final int STARS = 70;

  private final AbstractLunarLanderEnv<A> env;
  private final Engines engines = new Engines();
  private final Function<KeyInput, Policy<float[], A>> keyboard;
  private final ExhaustParticles particles = new ExhaustParticles(600, 7);
  private final float[] hull = LunarLanderSim.copyHullVertices(new float[12]);
  private final float[] hullWorld = new float[12];
  private final float[] stars = new float[2 * STARS];
  /** Previous and current pose: hull x, y, angle, then leg 0 and leg 1 the same way. */
  private final float[] prev = new float[9];
  private final float[] cur = new float[9];

  private LunarLanderView(AbstractLunarLanderEnv<A> env,
      Function<KeyInput, Policy<float[], A>> keyboard) {
    this.env = env;
    this.keyboard = keyboard;
    env.sim().addListener(engines);
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < STARS; i++) {
      stars[2 * i] = (float) (rng.nextDouble() * W);
      stars[2 * i + 1] = (float) (H * (0.45 + 0.55 * rng.nextDouble()));
    }
  }

  /** The view of the discrete game: one engine per step. */
  public static LunarLanderView<Integer> discrete(LunarLanderEnv env) {
    return new LunarLanderView<>(env, keys -> obs -> {
      if (keys.anyPressed(Keys.UP, Keys.W)) {
        return LunarLanderEnv.MAIN_ENGINE;
      }
      boolean left = keys.anyPressed(Keys.LEFT, Keys.A);
      boolean right = keys.anyPressed(Keys.RIGHT, Keys.D);
      if (left != right) {
        return left ? LunarLanderEnv.LEFT_ENGINE : LunarLanderEnv.RIGHT_ENGINE;
      }
      return LunarLanderEnv.NOOP;
    });
  }

  /** The view of the continuous game: (main, lateral) throttles from the keys. */
  public static LunarLanderView<float[]> continuous(LunarLanderContinuousEnv env) {
    return new LunarLanderView<>(env, keys -> obs -> {
      float main = keys.anyPressed(Keys.UP, Keys.W) ? 1f : -1f;
      boolean left = keys.anyPressed(Keys.LEFT, Keys.A);
      boolean right = keys.anyPressed(Keys.RIGHT, Keys.D);
      float lateral = left == right ? 0f : left ? -1f : 1f;
      return new float[] {main, lateral};
    });
  }

  @Override
  public float stepSeconds() {
    return DT;
  }

  @Override
  public float worldWidth() {
    return W;
  }

  @Override
  public float worldHeight() {
    return H;
  }

  @Override
  public float worldLeft() {
    return 0;
  }

  @Override
  public float worldBottom() {
    return 0;
  }

  @Override
  public Color background() {
    return SPACE;
  }

  @Override
  public Policy<float[], A> keyboard(KeyInput keys) {
    return keyboard.apply(keys);
  }

  @Override
  public String keysHelp() {
    return "Up/W main engine   Left/A, Right/D side engines";
  }

  @Override
  public String actionLabel(int index) {
    if (env instanceof LunarLanderContinuousEnv) {
      return index == 0 ? "main" : index == 1 ? "lateral" : GameView.super.actionLabel(index);
    }
    return switch (index) {
      case LunarLanderEnv.NOOP -> "noop";
      case LunarLanderEnv.LEFT_ENGINE -> "left";
      case LunarLanderEnv.MAIN_ENGINE -> "main";
      case LunarLanderEnv.RIGHT_ENGINE -> "right";
      default -> GameView.super.actionLabel(index);
    };
  }

  /** The env's sim now (the env keeps one sim and rebuilds its world on reset). */
  private LunarLanderSim sim() {
    return env.sim();
  }

  @Override
  public void afterReset() {
    readPose(cur);
    System.arraycopy(cur, 0, prev, 0, cur.length);
    particles.clear();
    engines.clear();
  }

  @Override
  public void beforeStep() {
    readPose(prev);
    engines.clear();
  }

  @Override
  public void afterStep(A action, Step<float[]> step) {
    readPose(cur);
    particles.update(DT, this::groundHeight);
    LunarLanderSim sim = sim();
    float vx = sim.hullVelocityX();
    float vy = sim.hullVelocityY();
    Engines e = engines;
    if (e.mainPower > 0) {
      particles.emit(e.mainPower > 0.75 ? 3 : 2, e.mainX, e.mainY, e.mainImpulseX,
          e.mainImpulseY, 6f, vx, vy, 0.5f, 3.5f / SCALE);
    }
    if (e.sideDirection != 0 && e.sidePower > 0) {
      particles.emit(1, e.sideX, e.sideY, e.sideImpulseX, e.sideImpulseY, 3f, vx, vy, 0.3f,
          2.5f / SCALE);
    }
  }

  @Override
  public void dispose() {
    env.sim().removeListener(engines);
  }

  /** What the engines did on the last step, as the sim's events reported it (decoration only). */
  private static final class Engines implements LunarLanderListener {
    double mainPower;
    float mainX;
    float mainY;
    float mainImpulseX;
    float mainImpulseY;
    int sideDirection;
    double sidePower;
    float sideX;
    float sideY;
    float sideImpulseX;
    float sideImpulseY;

    void clear() {
      mainPower = 0;
      sideDirection = 0;
      sidePower = 0;
    }

    @Override
    public void mainEngineFired(double power, float x, float y, float impulseX, float impulseY) {
      mainPower = power;
      mainX = x;
      mainY = y;
      mainImpulseX = impulseX;
      mainImpulseY = impulseY;
    }

    @Override
    public void sideEngineFired(int direction, double power, float x, float y, float impulseX,
        float impulseY) {
      sideDirection = direction;
      sidePower = power;
      sideX = x;
      sideY = y;
      sideImpulseX = impulseX;
      sideImpulseY = impulseY;
    }
  }

  /** The terrain polyline's height at x (metres); 0 outside it. */
  private float groundHeight(float x) {
    LunarLanderSim sim = sim();
    int points = sim.terrainPoints();
    for (int k = 0; k + 1 < points; k++) {
      float x0 = sim.terrainX(k);
      float x1 = sim.terrainX(k + 1);
      if (x >= x0 && x <= x1) {
        return MathUtils.lerp(sim.terrainY(k), sim.terrainY(k + 1), (x - x0) / (x1 - x0));
      }
    }
    return 0;
  }

  private void readPose(float[] pose) {
    LunarLanderSim sim = sim();
    pose[0] = sim.hullX();
    pose[1] = sim.hullY();
    pose[2] = sim.hullAngle();
    for (int n = 0; n < 2; n++) {
      pose[3 + 3 * n] = sim.legX(n);
      pose[4 + 3 * n] = sim.legY(n);
      pose[5 + 3 * n] = sim.legAngle(n);
    }
  }

  private float pose(int i, float alpha) {
    return MathUtils.lerp(prev[i], cur[i], alpha);
  }

  @Override
  public void render(ShapeRenderer shapes, float alpha) {
    shapes.setColor(SKY);
    shapes.rect(0, 0, W, H);
    shapes.setColor(STAR);
    for (int i = 0; i < STARS; i++) {
      shapes.rect(stars[2 * i], stars[2 * i + 1], 1.5f / SCALE, 1.5f / SCALE);
    }
    drawMoon(shapes);
    drawFlags(shapes);

    Gdx.gl.glEnable(GL20.GL_BLEND);
    Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
    particles.render(shapes);
    shapes.flush();
    Gdx.gl.glDisable(GL20.GL_BLEND);

    LunarLanderSim sim = sim();
    for (int n = 0; n < 2; n++) {
      shapes.setColor(sim.legContact(n) ? LEG_CONTACT : LEG);
      float hw = LunarLanderSim.LEG_HALF_WIDTH;
      float hh = LunarLanderSim.LEG_HALF_HEIGHT;
      shapes.rect(pose(3 + 3 * n, alpha) - hw, pose(4 + 3 * n, alpha) - hh, hw, hh, 2 * hw,
          2 * hh, 1, 1, pose(5 + 3 * n, alpha) * MathUtils.radiansToDegrees);
    }
    drawHull(shapes, pose(0, alpha), pose(1, alpha), pose(2, alpha));
  }

  private void drawMoon(ShapeRenderer shapes) {
    LunarLanderSim sim = sim();
    shapes.setColor(MOON);
    int points = sim.terrainPoints();
    for (int k = 0; k + 1 < points; k++) {
      float x0 = sim.terrainX(k);
      float y0 = sim.terrainY(k);
      float x1 = sim.terrainX(k + 1);
      float y1 = sim.terrainY(k + 1);
      shapes.triangle(x0, 0, x1, 0, x1, y1);
      shapes.triangle(x0, 0, x1, y1, x0, y0);
    }
    shapes.setColor(PAD);
    shapes.rect(sim.helipadX1(), sim.helipadY() - 2 / SCALE, sim.helipadX2() - sim.helipadX1(),
        3 / SCALE);
  }

  private void drawFlags(ShapeRenderer shapes) {
    LunarLanderSim sim = sim();
    float y1 = sim.helipadY();
    float y2 = y1 + 50 / SCALE;
    for (float x : new float[] {sim.helipadX1(), sim.helipadX2()}) {
      shapes.setColor(FLAG_POLE);
      shapes.rect(x - 1 / SCALE, y1, 2 / SCALE, y2 - y1);
      shapes.setColor(FLAG);
      shapes.triangle(x, y2, x, y2 - 10 / SCALE, x + 25 / SCALE, y2 - 5 / SCALE);
    }
  }

  private void drawHull(ShapeRenderer shapes, float cx, float cy, float angle) {
    float cos = MathUtils.cos(angle);
    float sin = MathUtils.sin(angle);
    for (int i = 0; i < 6; i++) {
      float lx = hull[2 * i];
      float ly = hull[2 * i + 1];
      hullWorld[2 * i] = cx + lx * cos - ly * sin;
      hullWorld[2 * i + 1] = cy + lx * sin + ly * cos;
    }
    shapes.setColor(HULL_EDGE);
    float grow = 1.08f;
    for (int i = 1; i < 5; i++) {
      shapes.triangle(
          cx + (hullWorld[0] - cx) * grow, cy + (hullWorld[1] - cy) * grow,
          cx + (hullWorld[2 * i] - cx) * grow, cy + (hullWorld[2 * i + 1] - cy) * grow,
          cx + (hullWorld[2 * i + 2] - cx) * grow, cy + (hullWorld[2 * i + 3] - cy) * grow);
    }
    shapes.setColor(HULL);
    for (int i = 1; i < 5; i++) {
      shapes.triangle(hullWorld[0], hullWorld[1], hullWorld[2 * i], hullWorld[2 * i + 1],
          hullWorld[2 * i + 2], hullWorld[2 * i + 3]);
    }
  }

  @Override
  public void hudLines(List<String> lines) {
    LunarLanderSim sim = sim();
    Engines e = engines;
    lines.add(String.format(Locale.ROOT, "legs: left %s   right %s",
        sim.legContact(0) ? "CONTACT" : "air", sim.legContact(1) ? "CONTACT" : "air"));
    String side = e.sideDirection == 0 || e.sidePower == 0
        ? "off"
        : String.format(Locale.ROOT, "%s %.0f%%", e.sideDirection < 0 ? "left" : "right",
            100 * e.sidePower);
    lines.add(String.format(Locale.ROOT, "engines: main %s   side %s",
        e.mainPower > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * e.mainPower) : "off",
        side));
    lines.add(String.format(Locale.ROOT, "v (%+.2f, %+.2f) m/s   angle %+.1f deg",
        sim.hullVelocityX(), sim.hullVelocityY(), Math.toDegrees(sim.hullAngle())));
  }

  /** For tests: exhaust particles alive now. */
  int particlesAlive() {
    return particles.alive();
  }

  AbstractLunarLanderEnv<A> env() {
    return env;
  }
}
