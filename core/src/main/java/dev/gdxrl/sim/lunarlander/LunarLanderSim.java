package dev.gdxrl.sim.lunarlander;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.Contact;
import com.badlogic.gdx.physics.box2d.ContactImpulse;
import com.badlogic.gdx.physics.box2d.ContactListener;
import com.badlogic.gdx.physics.box2d.EdgeShape;
import com.badlogic.gdx.physics.box2d.FixtureDef;
import com.badlogic.gdx.physics.box2d.Manifold;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import com.badlogic.gdx.physics.box2d.joints.RevoluteJointDef;
import dev.gdxrl.box2d.Box2DNatives;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lunar Lander as Box2D bodies, following the rules in {@code shared/specs/lunar-lander.md}:
 * a static moon (a floor edge plus a polyline of 10 edges), a hull polygon and two legs on motorised
 * revolute joints, a main engine and two orientation engines that act by linear impulses.
 *
 * <p>The sim draws no random numbers itself: {@link #reset} takes the terrain heights and the
 * initial force, and {@link #step} the two dispersion values, which the env draws in the
 * reference's order. Constants are computed in double and rounded to float once, as the reference
 * does. Mutators are package-private (the env drives the sim); the public API is a read-only view
 * for renderers plus {@link #addListener listeners}.
 *
 * <p>Owns its {@link World}; a new world is built on every reset (the reference does this to
 * avoid stale contacts). Call {@link #dispose()} when done. Not thread-safe.
 */
public final class LunarLanderSim {
  /** Pixels per metre of the reference's 600 x 400 viewport. */
  public static final double SCALE = 30.0;
  /** Steps per second. */
  public static final int FPS = 50;
  /** World width in metres (600 px). */
  public static final double W = 600 / SCALE;
  /** World height in metres (400 px). */
  public static final double H = 400 / SCALE;
  /** Height of the helipad (and of chunks 3..7 before smoothing), H / 4. */
  public static final double HELIPAD_Y = H / 4;
  /** Number of terrain points (the polyline has one edge fewer). */
  public static final int CHUNKS = 11;
  /** Terrain heights drawn per reset (one more than the chunks: the wrap-around neighbour). */
  public static final int HEIGHT_DRAWS = CHUNKS + 1;
  /** Bound of each initial random force component, in newtons. */
  public static final double INITIAL_RANDOM = 1000.0;
  public static final double MAIN_ENGINE_POWER = 13.0;
  public static final double SIDE_ENGINE_POWER = 0.6;
  /** Leg distance from the hull centre, sideways, in metres (20 px). */
  public static final double LEG_AWAY = 20 / SCALE;
  /** Leg anchor height, in metres (18 px). */
  public static final double LEG_DOWN = 18 / SCALE;
  /** Leg box half-width, metres (2 px). */
  public static final float LEG_HALF_WIDTH = (float) (2 / SCALE);
  /** Leg box half-height, metres (8 px). */
  public static final float LEG_HALF_HEIGHT = (float) (8 / SCALE);

  private static final double MAIN_ENGINE_Y = 4 / SCALE;
  private static final double SIDE_ENGINE_AWAY_PX = 12;
  private static final double SIDE_ENGINE_HEIGHT_PX = 14;
  /** The reference's horizontal lever arm of the side engines, 17 px (not 14). */
  private static final double SIDE_ENGINE_LEVER_PX = 17;
  private static final float DT = (float) (1.0 / FPS);
  private static final int VELOCITY_ITERATIONS = 6 * 30;
  private static final int POSITION_ITERATIONS = 2 * 30;
  private static final double LEG_SPRING_TORQUE = 40;
  private static final short CATEGORY_HULL = 0x0010;
  private static final short CATEGORY_LEG = 0x0020;
  private static final short MASK_GROUND_ONLY = 0x0001;

  /** Hull polygon in pixels, (x, y) pairs. */
  private static final int[] HULL_PX = {-14, 17, -17, 0, -17, -10, 17, -10, 17, 0, 14, 17};
  private static final float[] HULL_VERTICES = new float[HULL_PX.length];

  static {
    for (int i = 0; i < HULL_PX.length; i++) {
      HULL_VERTICES[i] = (float) (HULL_PX[i] / SCALE);
    }
  }

  private final Vector2 gravity = new Vector2(0, -10);
  private final Contacts contacts = new Contacts();
  private final List<LunarLanderListener> listeners = new ArrayList<>();
  private final float[] terrainX = new float[CHUNKS];
  private final float[] terrainY = new float[CHUNKS];
  private final Body[] legs = new Body[2];
  private final boolean[] legContact = new boolean[2];
  private final boolean[] legContactBefore = new boolean[2];

  private World world;
  private Body hull;
  // hull state read once after each step (one JNI round per value, none in the getters)
  private float hullX;
  private float hullY;
  private float hullAngle;
  private float hullVx;
  private float hullVy;
  private float hullOmega;
  private boolean hullAwake;
  private boolean hullTouched;
  private Outcome outcome = Outcome.NONE;
  private boolean disposed;

  /** A sim with no world yet; {@link #reset} builds the first one. */
  public LunarLanderSim() {
    Box2DNatives.load();
  }

  // ---------------------------------------------------------------- driving (package-private)

  /**
   * Builds a fresh world: terrain from the 12 drawn heights (metres, uniform in [0, H/2]), the
   * lander at (W/2, H) with the initial force (newtons) applied to its centre until the next step.
   */
  void reset(double[] heights, double forceX, double forceY) {
    if (heights.length != HEIGHT_DRAWS) {
      throw new IllegalArgumentException(
          "lunar lander terrain needs " + HEIGHT_DRAWS + " heights, got " + heights.length);
    }
    checkNotDisposed();
    destroyWorld();
    world = new World(gravity, true);
    world.setContactListener(contacts);
    hullTouched = false;
    outcome = Outcome.NONE;
    legContact[0] = false;
    legContact[1] = false;

    buildTerrain(heights);
    buildLander(forceX, forceY);
    readHull();
  }

  private void readHull() {
    Vector2 p = hull.getPosition();
    hullX = p.x;
    hullY = p.y;
    Vector2 v = hull.getLinearVelocity();
    hullVx = v.x;
    hullVy = v.y;
    hullAngle = hull.getAngle();
    hullOmega = hull.getAngularVelocity();
    hullAwake = hull.isAwake();
  }

  private void buildTerrain(double[] drawn) {
    double[] h = drawn.clone();
    int mid = CHUNKS / 2;
    for (int k = mid - 2; k <= mid + 2; k++) {
      h[k] = HELIPAD_Y;
    }
    Body moon = world.createBody(new BodyDef()); // static at the origin
    EdgeShape edge = new EdgeShape();
    FixtureDef fd = new FixtureDef();
    fd.shape = edge;
    edge.set(0, 0, (float) W, 0); // the floor: default fixture, friction 0.2
    moon.createFixture(fd);
    for (int k = 0; k < CHUNKS; k++) {
      double left = h[k == 0 ? HEIGHT_DRAWS - 1 : k - 1];
      terrainX[k] = (float) (W / (CHUNKS - 1) * k);
      terrainY[k] = (float) (0.33 * (left + h[k] + h[k + 1]));
    }
    fd.friction = 0.1f;
    for (int k = 0; k < CHUNKS - 1; k++) {
      edge.set(terrainX[k], terrainY[k], terrainX[k + 1], terrainY[k + 1]);
      moon.createFixture(fd);
    }
    edge.dispose();
  }

  private void buildLander(double forceX, double forceY) {
    BodyDef bd = new BodyDef();
    bd.type = BodyDef.BodyType.DynamicBody;
    bd.position.set((float) (W / 2), (float) H);
    bd.angle = 0;
    hull = world.createBody(bd);
    PolygonShape hullShape = new PolygonShape();
    hullShape.set(HULL_VERTICES);
    FixtureDef hf = new FixtureDef();
    hf.shape = hullShape;
    hf.density = 5.0f;
    hf.friction = 0.1f;
    hf.restitution = 0.0f;
    hf.filter.categoryBits = CATEGORY_HULL;
    hf.filter.maskBits = MASK_GROUND_ONLY;
    hull.createFixture(hf);
    hullShape.dispose();
    hull.applyForceToCenter((float) forceX, (float) forceY, true);

    PolygonShape legShape = new PolygonShape();
    legShape.setAsBox(LEG_HALF_WIDTH, LEG_HALF_HEIGHT);
    FixtureDef lf = new FixtureDef();
    lf.shape = legShape;
    lf.density = 1.0f;
    lf.restitution = 0.0f;
    lf.filter.categoryBits = CATEGORY_LEG;
    lf.filter.maskBits = MASK_GROUND_ONLY;
    for (int n = 0; n < 2; n++) {
      int i = n == 0 ? -1 : 1;
      BodyDef ld = new BodyDef();
      ld.type = BodyDef.BodyType.DynamicBody;
      ld.position.set((float) (W / 2 - i * LEG_AWAY), (float) H);
      ld.angle = (float) (i * 0.05);
      Body leg = world.createBody(ld);
      leg.createFixture(lf);
      legs[n] = leg;

      RevoluteJointDef jd = new RevoluteJointDef();
      jd.bodyA = hull;
      jd.bodyB = leg;
      jd.localAnchorA.set(0, 0);
      jd.localAnchorB.set((float) (i * LEG_AWAY), (float) LEG_DOWN);
      // what the reference's binding fills in: the leg's angle minus the hull's at creation
      jd.referenceAngle = (float) (i * 0.05);
      jd.enableMotor = true;
      jd.enableLimit = true;
      jd.maxMotorTorque = (float) LEG_SPRING_TORQUE;
      jd.motorSpeed = (float) (0.3 * i);
      if (i == -1) {
        jd.lowerAngle = (float) (0.9 - 0.5);
        jd.upperAngle = 0.9f;
      } else {
        jd.lowerAngle = -0.9f;
        jd.upperAngle = (float) (-0.9 + 0.5);
      }
      world.createJoint(jd);
    }
    legShape.dispose();
  }

  /**
   * One step of 1/50 s.
   *
   * @param main main engine power, 0 (off) or in [0.5, 1]
   * @param sideDir orientation engine direction: -1 (action "left"), +1 ("right"), 0 off
   * @param side orientation engine power in [0.5, 1] (ignored when {@code sideDir == 0})
   * @param draw0 first dispersion draw, raw, uniform in [-1, 1]
   * @param draw1 second dispersion draw, raw, uniform in [-1, 1]
   * @return the outcome after the step
   */
  Outcome step(double main, int sideDir, double side, double draw0, double draw1) {
    checkReady();
    double d0 = draw0 / SCALE;
    double d1 = draw1 / SCALE;
    double angle = hullAngle;
    double tipX = Math.sin(angle);
    double tipY = Math.cos(angle);
    double sideX = -tipY;
    double sideY = tipX;
    double px = hullX;
    double py = hullY;

    float mainPointX = 0;
    float mainPointY = 0;
    float mainImpulseX = 0;
    float mainImpulseY = 0;
    if (main > 0) {
      double ox = tipX * (MAIN_ENGINE_Y + 2 * d0) + sideX * d1;
      double oy = -tipY * (MAIN_ENGINE_Y + 2 * d0) - sideY * d1;
      mainPointX = (float) (px + ox);
      mainPointY = (float) (py + oy);
      mainImpulseX = (float) (-ox * MAIN_ENGINE_POWER * main);
      mainImpulseY = (float) (-oy * MAIN_ENGINE_POWER * main);
      hull.applyLinearImpulse(mainImpulseX, mainImpulseY, mainPointX, mainPointY, true);
    }
    float sidePointX = 0;
    float sidePointY = 0;
    float sideImpulseX = 0;
    float sideImpulseY = 0;
    if (sideDir != 0) {
      double lateral = 3 * d1 + sideDir * SIDE_ENGINE_AWAY_PX / SCALE;
      double ox = tipX * d0 + sideX * lateral;
      double oy = -tipY * d0 - sideY * lateral;
      sidePointX = (float) (px + ox - tipX * SIDE_ENGINE_LEVER_PX / SCALE);
      sidePointY = (float) (py + oy + tipY * SIDE_ENGINE_HEIGHT_PX / SCALE);
      sideImpulseX = (float) (-ox * SIDE_ENGINE_POWER * side);
      sideImpulseY = (float) (-oy * SIDE_ENGINE_POWER * side);
      hull.applyLinearImpulse(sideImpulseX, sideImpulseY, sidePointX, sidePointY, true);
    }

    legContactBefore[0] = legContact[0];
    legContactBefore[1] = legContact[1];
    world.step(DT, VELOCITY_ITERATIONS, POSITION_ITERATIONS);
    readHull();

    Outcome previous = outcome;
    if (!hullAwake) {
      outcome = Outcome.LANDED;
    } else if (hullTouched) {
      outcome = Outcome.CRASHED;
    } else if (Math.abs(normalizedX()) >= 1.0) {
      outcome = Outcome.FLEW_OFF;
    } else {
      outcome = Outcome.NONE;
    }
    if (listeners.isEmpty()) {
      return outcome; // nobody listens: no event costs anything
    }
    // engine events carry the values the physics used; nothing of them is kept in the sim
    for (int k = 0; k < listeners.size(); k++) {
      LunarLanderListener l = listeners.get(k);
      if (main > 0) {
        l.mainEngineFired(main, mainPointX, mainPointY, mainImpulseX, mainImpulseY);
      }
      if (sideDir != 0) {
        l.sideEngineFired(sideDir, side, sidePointX, sidePointY, sideImpulseX, sideImpulseY);
      }
    }
    fireEvents(previous);
    return outcome;
  }

  private void fireEvents(Outcome previous) {
    for (int n = 0; n < 2; n++) {
      if (legContact[n] && !legContactBefore[n]) {
        for (int k = 0; k < listeners.size(); k++) {
          listeners.get(k).legTouchdown(n);
        }
      }
    }
    if (outcome == previous || !outcome.terminal()) {
      return;
    }
    for (int k = 0; k < listeners.size(); k++) {
      LunarLanderListener l = listeners.get(k);
      switch (outcome) {
        case LANDED -> l.landed();
        case CRASHED -> l.crashed();
        case FLEW_OFF -> l.flewOff();
        default -> { }
      }
    }
  }

  /**
   * The current Box2D world, read-only (renderers); a new one after each reset, null before the
   * first reset and after {@link #dispose()}.
   */
  public World world() {
    return world;
  }

  /** Frees the Box2D world. Idempotent; the sim is unusable afterwards. */
  public void dispose() {
    if (!disposed) {
      disposed = true;
      destroyWorld();
    }
  }

  private void destroyWorld() {
    if (world != null) {
      world.setContactListener(null); // no callbacks from a dying world
      world.dispose();
      world = null;
      hull = null;
      legs[0] = null;
      legs[1] = null;
    }
  }

  private void checkNotDisposed() {
    if (disposed) {
      throw new IllegalStateException("lunar lander sim was disposed");
    }
  }

  private void checkReady() {
    checkNotDisposed();
    if (world == null) {
      throw new IllegalStateException("lunar lander sim has no world yet: reset it first");
    }
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Adds a listener of engine, touchdown, landing, crash and fly-off events (see {@link
   * LunarLanderListener} for their order); called after each step's physics.
   */
  public void addListener(LunarLanderListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener is null");
    }
    listeners.add(listener);
  }

  /** Removes {@code listener} if it was added; no-op otherwise. */
  public void removeListener(LunarLanderListener listener) {
    listeners.remove(listener);
  }

  // ---------------------------------------------------------------- read-only state

  /** True once {@link #reset} has built a world (and the sim is not disposed). */
  public boolean ready() {
    return world != null;
  }

  /** The outcome of the last step. */
  public Outcome outcome() {
    return outcome;
  }

  /** Number of terrain points, {@link #CHUNKS}. */
  public int terrainPoints() {
    return CHUNKS;
  }

  /** x of smoothed terrain point {@code k} (metres), k = 0..10. */
  public float terrainX(int k) {
    return terrainX[k];
  }

  /** y of smoothed terrain point {@code k} (metres), k = 0..10. */
  public float terrainY(int k) {
    return terrainY[k];
  }

  /** Left end of the helipad (terrain point 4), metres. */
  public float helipadX1() {
    return terrainX[CHUNKS / 2 - 1];
  }

  /** Right end of the helipad (terrain point 6), metres. */
  public float helipadX2() {
    return terrainX[CHUNKS / 2 + 1];
  }

  /** Height of the helipad, metres. */
  public float helipadY() {
    return (float) HELIPAD_Y;
  }

  public float hullX() {
    checkReady();
    return hullX;
  }

  public float hullY() {
    checkReady();
    return hullY;
  }

  /** Hull angle in radians, counter-clockwise. */
  public float hullAngle() {
    checkReady();
    return hullAngle;
  }

  public float hullVelocityX() {
    checkReady();
    return hullVx;
  }

  public float hullVelocityY() {
    checkReady();
    return hullVy;
  }

  public float hullAngularVelocity() {
    checkReady();
    return hullOmega;
  }

  /** False once Box2D has put the hull to sleep (it came to rest). */
  public boolean hullAwake() {
    checkReady();
    return hullAwake;
  }

  /** True when the hull has touched the ground in this episode. */
  public boolean hullTouched() {
    return hullTouched;
  }

  /** Number of hull polygon vertices (6). */
  public static int hullVertexCount() {
    return HULL_VERTICES.length / 2;
  }

  /** x of hull vertex {@code i} in the hull's local frame, metres. */
  public static float hullVertexX(int i) {
    return HULL_VERTICES[2 * i];
  }

  /** y of hull vertex {@code i} in the hull's local frame, metres. */
  public static float hullVertexY(int i) {
    return HULL_VERTICES[2 * i + 1];
  }

  /** Copies the hull polygon (local metres, x0, y0, x1, y1, ...) into {@code out} (length 12). */
  public static float[] copyHullVertices(float[] out) {
    System.arraycopy(HULL_VERTICES, 0, out, 0, HULL_VERTICES.length);
    return out;
  }

  /**
   * Centre x of leg {@code n}, metres. Leg 0 is the reference's i = -1: created at W/2 + 20 px and
   * jointed so that it hangs on the hull's +x side; leg 1 (i = +1) hangs on the -x side.
   */
  public float legX(int n) {
    checkReady();
    return legs[n].getPosition().x;
  }

  /** Centre y of leg {@code n}, metres. */
  public float legY(int n) {
    checkReady();
    return legs[n].getPosition().y;
  }

  /**
   * Angle of leg {@code n}, radians. Its box has half-size {@link #LEG_HALF_WIDTH} x {@link
   * #LEG_HALF_HEIGHT}.
   */
  public float legAngle(int n) {
    checkReady();
    return legs[n].getAngle();
  }

  /** True while leg {@code n} touches the ground (as the reference tracks it). */
  public boolean legContact(int n) {
    return legContact[n];
  }

  /** (x - W/2) / (W/2) in double, the first observation; |value| >= 1 means off screen. */
  double normalizedX() {
    return (hullX - W / 2) / (W / 2);
  }

  /** Tracks ground contacts as the reference does; allocates nothing. */
  private final class Contacts implements ContactListener {
    @Override
    public void beginContact(Contact contact) {
      Body a = contact.getFixtureA().getBody();
      Body b = contact.getFixtureB().getBody();
      if (a == hull || b == hull) {
        hullTouched = true;
      }
      for (int n = 0; n < 2; n++) {
        if (a == legs[n] || b == legs[n]) {
          legContact[n] = true;
        }
      }
    }

    @Override
    public void endContact(Contact contact) {
      Body a = contact.getFixtureA().getBody();
      Body b = contact.getFixtureB().getBody();
      for (int n = 0; n < 2; n++) {
        if (a == legs[n] || b == legs[n]) {
          legContact[n] = false;
        }
      }
    }

    @Override
    public void preSolve(Contact contact, Manifold oldManifold) {}

    @Override
    public void postSolve(Contact contact, ContactImpulse impulse) {}
  }
}
