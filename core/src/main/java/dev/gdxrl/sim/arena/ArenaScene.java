package dev.gdxrl.sim.arena;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.Contact;
import com.badlogic.gdx.physics.box2d.ContactImpulse;
import com.badlogic.gdx.physics.box2d.ContactListener;
import com.badlogic.gdx.physics.box2d.FixtureDef;
import com.badlogic.gdx.physics.box2d.Manifold;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.npc.Actuator;
import dev.gdxrl.npc.DiscreteMoves;
import dev.gdxrl.npc.Npc;
import dev.gdxrl.npc.RaySensor;
import dev.gdxrl.npc.RelativeSensor;
import dev.gdxrl.npc.Scene;
import dev.gdxrl.npc.Tags;
import dev.gdxrl.npc.Thrust;
import dev.gdxrl.npc.VelocitySensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tag arena: a top-down square (no gravity, damped movement, walls and a few box obstacles
 * laid out from the seed) where M chaser NPCs try to catch one runner within 30 seconds (1,500
 * decisions at 50 Hz).
 *
 * <p>Chasers (the learning NPCs) see with the toolkit's sensors: {@value #RAYS} rays all round
 * ({@value #RAY_RANGE} m, tags wall / obstacle / runner / chaser), the runner's position and
 * velocity relative to their own, and their own velocity: {@code 8 x 5 + 4 + 2 = 46} floats in [-1,
 * 1]. They move by force: 9 discrete moves (stay, 8 directions, {@value #CHASER_FORCE} N)
 * in {@code arena}, a planar thrust in [-1, 1]^2 in {@code arena-continuous}; top speed about
 * {@value #CHASER_FORCE} / (mass x damping) = 4 m/s.
 *
 * <p>The runner is scripted during training ({@link Evader}: flee from the chasers, keep off
 * walls and corners, wander a little) with {@value #RUNNER_SPEED} times the chasers' force (faster than they are); in the
 * rendered game a person can drive it instead ({@link #driveRunner}).
 *
 * <p>Rewards, per chaser: +10 to every chaser when any of them touches the runner (the round ends,
 * outcome "caught"); -0.005 per decision (time); -0.05 per collision with a wall or obstacle; and
 * a potential-based shaping term 0.1 x (the decrease of the distance to the runner, in metres).
 * Metrics at the end of a round: {@code catch_rate} (1 or 0) and, when caught, {@code
 * mean_catch_s} (seconds to the catch).
 */
public final class ArenaScene<A> extends Scene<A> {
  public static final EnvSpec SPEC = new EnvSpec("arena", 1500, Double.NaN);
  public static final EnvSpec CONTINUOUS_SPEC = new EnvSpec("arena-continuous", 1500, Double.NaN);
  public static final String WALL = "wall";
  public static final String OBSTACLE = "obstacle";
  public static final String RUNNER = "runner";
  public static final String CHASER = "chaser";
  public static final String CAUGHT = "caught";
  public static final float HALF = 8f;
  public static final float RADIUS = 0.4f;
  public static final int RAYS = 8;
  public static final float RAY_RANGE = 8f;
  public static final float CHASER_FORCE = 12f;
  public static final float RUNNER_SPEED = 1.1f;
  public static final float DAMPING = 3f;
  public static final float DT = 1f / 50f;
  public static final int MAX_CHASERS = 8;
  static final float CATCH_DISTANCE = 2 * RADIUS + 0.05f;
  static final double CATCH_REWARD = 10;
  static final double TIME_PENALTY = -0.005;
  static final double WALL_PENALTY = -0.05;
  static final double SHAPING = 0.1;
  /** Index in a chaser's observation of the runner's relative x (then y, vx, vy). */
  public static final int TARGET = RAYS * 5;

  private final Supplier<Actuator<A>> actuators;
  private Body runner;
  private final List<Body> chasers = new ArrayList<>();
  private final List<Body> obstacles = new ArrayList<>();
  private final Map<Body, Npc<A>> npcOf = new IdentityHashMap<>();
  private double[] lastDistance;
  private Evader evader;
  private boolean caught;
  /** Set by a human player: the runner's direction, or null for the scripted evader. */
  private float[] drive;

  private ArenaScene(EnvSpec spec, int chasers, Supplier<Actuator<A>> actuators) {
    super(spec, chasers, DT, 1);
    if (chasers > MAX_CHASERS) {
      throw new IllegalArgumentException(spec.id() + ": at most " + MAX_CHASERS
          + " chasers, got " + chasers);
    }
    this.actuators = actuators;
  }

  /** {@code arena}: 9 discrete moves. */
  public static ArenaScene<Integer> discrete(int chasers) {
    return new ArenaScene<>(SPEC, chasers, () -> DiscreteMoves.eightWay(CHASER_FORCE));
  }

  /** {@code arena-continuous}: planar thrust in [-1, 1]^2. */
  public static ArenaScene<float[]> continuous(int chasers) {
    return new ArenaScene<>(CONTINUOUS_SPEC, chasers, () -> Thrust.planar(CHASER_FORCE));
  }

  /**
   * Lets a person drive the runner: {@code direction} {x, y} with length up to 1 (null gives it
   * back to the scripted evader). Kept across rounds.
   */
  public void driveRunner(float[] direction) {
    this.drive = direction == null ? null : direction.clone();
  }

  /** The runner's body in the current round (null before the first reset). */
  public Body runner() {
    return runner;
  }

  /** The obstacles of the current round (read-only). */
  public List<Body> obstacles() {
    return java.util.Collections.unmodifiableList(obstacles);
  }

  @Override
  protected List<Npc<A>> populate(World world, RandomSource rng) {
    chasers.clear();
    obstacles.clear();
    npcOf.clear();
    walls(world);
    int nObstacles = 3 + (int) rng.uniform(0, 2);
    for (int i = 0; i < nObstacles; i++) {
      float hw = (float) rng.uniform(0.5, 1.5);
      float hh = (float) rng.uniform(0.5, 1.5);
      float x = (float) rng.uniform(-HALF + 2.5, HALF - 2.5);
      float y = (float) rng.uniform(-HALF + 2.5, HALF - 2.5);
      obstacles.add(box(world, x, y, hw, hh, OBSTACLE));
    }
    List<Vector2> placed = new ArrayList<>();
    Vector2 r = freeSpot(world, rng, placed, 0);
    placed.add(r);
    runner = disc(world, r, RUNNER);
    List<Npc<A>> npcs = new ArrayList<>();
    for (int i = 0; i < agents(); i++) {
      Vector2 p = freeSpot(world, rng, placed, 5f);
      placed.add(p);
      Body b = disc(world, p, CHASER);
      chasers.add(b);
      Npc<A> npc = new Npc<>("chaser-" + i, b, actuators.get(), List.of(
          new RaySensor(RAYS, 360, RAY_RANGE, List.of(WALL, OBSTACLE, RUNNER, CHASER), false),
          new RelativeSensor(runner, 2 * HALF, 8f, false),
          new VelocitySensor(5f)));
      npcs.add(npc);
      npcOf.put(b, npc);
    }
    lastDistance = new double[agents()];
    for (int i = 0; i < agents(); i++) {
      lastDistance[i] = chasers.get(i).getPosition().dst(runner.getPosition());
    }
    evader = new Evader(rng);
    caught = false;
    world.setContactListener(new Bumps());
    return npcs;
  }

  private Vector2 freeSpot(World world, RandomSource rng, List<Vector2> placed, float apart) {
    for (int attempt = 0; attempt < 200; attempt++) {
      float x = (float) rng.uniform(-HALF + 1, HALF - 1);
      float y = (float) rng.uniform(-HALF + 1, HALF - 1);
      boolean ok = true;
      for (Body o : obstacles) {
        ok &= !near(o, x, y, RADIUS + 0.3f);
      }
      for (Vector2 p : placed) {
        ok &= p.dst(x, y) >= (attempt < 150 ? apart : 2.5f * RADIUS);
      }
      if (ok) {
        return new Vector2(x, y);
      }
    }
    throw new IllegalStateException("arena: no free spot after 200 draws");
  }

  private static boolean near(Body box, float x, float y, float margin) {
    float[] half = (float[]) box.getFixtureList().first().getUserData();
    Vector2 c = box.getPosition();
    return Math.abs(x - c.x) < half[0] + margin && Math.abs(y - c.y) < half[1] + margin;
  }

  private static void walls(World world) {
    float t = 0.25f;
    box(world, 0, HALF + t, HALF + 2 * t, t, WALL);
    box(world, 0, -HALF - t, HALF + 2 * t, t, WALL);
    box(world, HALF + t, 0, t, HALF, WALL);
    box(world, -HALF - t, 0, t, HALF, WALL);
  }

  private static Body box(World world, float x, float y, float hw, float hh, String tag) {
    BodyDef def = new BodyDef();
    def.type = BodyDef.BodyType.StaticBody;
    def.position.set(x, y);
    Body b = world.createBody(def);
    PolygonShape shape = new PolygonShape();
    shape.setAsBox(hw, hh);
    b.createFixture(shape, 0).setUserData(new float[] {hw, hh});
    shape.dispose();
    return Tags.tag(b, tag);
  }

  private static Body disc(World world, Vector2 p, String tag) {
    BodyDef def = new BodyDef();
    def.type = BodyDef.BodyType.DynamicBody;
    def.position.set(p);
    def.fixedRotation = true;
    def.linearDamping = DAMPING;
    Body b = world.createBody(def);
    CircleShape shape = new CircleShape();
    shape.setRadius(RADIUS);
    FixtureDef fd = new FixtureDef();
    fd.shape = shape;
    fd.density = 1f / (float) (Math.PI * RADIUS * RADIUS); // 1 kg
    fd.friction = 0f;
    fd.restitution = 0.2f;
    b.createFixture(fd);
    shape.dispose();
    return Tags.tag(b, tag);
  }

  @Override
  protected void beforePhysicsStep(float dt) {
    float[] dir = drive != null ? drive : evader.direction(runner, chasers, obstacles);
    float f = CHASER_FORCE * RUNNER_SPEED * dt;
    runner.applyLinearImpulse(dir[0] * f, dir[1] * f, runner.getWorldCenter().x,
        runner.getWorldCenter().y, true);
  }

  @Override
  protected void afterPhysicsStep(float dt) {
    Vector2 r = runner.getPosition();
    for (Body c : chasers) {
      if (c.getPosition().dst(r) < CATCH_DISTANCE) {
        for (Npc<A> n : npcs()) {
          n.addReward(CATCH_REWARD);
        }
        double seconds = (decisions() + 1) * stepSeconds();
        metric("catch_rate", 1);
        metric("mean_catch_s", seconds);
        caught = true;
        endRound(CAUGHT);
        return;
      }
    }
  }

  @Override
  protected void afterDecision() {
    Vector2 r = runner.getPosition();
    for (int i = 0; i < chasers.size(); i++) {
      double d = chasers.get(i).getPosition().dst(r);
      Npc<A> n = npcs().get(i);
      n.addReward(TIME_PENALTY + SHAPING * (lastDistance[i] - d));
      lastDistance[i] = d;
    }
    if (!caught && decisions() >= spec().maxEpisodeSteps()) {
      metric("catch_rate", 0);
    }
  }

  /** Penalises chasers for running into walls and obstacles (at the first touch). */
  private final class Bumps implements ContactListener {
    @Override
    public void beginContact(Contact contact) {
      bump(contact.getFixtureA().getBody(), contact.getFixtureB().getBody());
      bump(contact.getFixtureB().getBody(), contact.getFixtureA().getBody());
    }

    private void bump(Body a, Body b) {
      Npc<A> n = npcOf.get(a);
      String tag = Tags.of(b);
      if (n != null && (WALL.equals(tag) || OBSTACLE.equals(tag))) {
        n.addReward(WALL_PENALTY);
      }
    }

    @Override
    public void endContact(Contact contact) {}

    @Override
    public void preSolve(Contact contact, Manifold oldManifold) {}

    @Override
    public void postSolve(Contact contact, ContactImpulse impulse) {}
  }
}
