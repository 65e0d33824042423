package dev.gdxrl.example.reach;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.ChainShape;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;

/**
 * The guide's game: a ball on a table seen from above (no gravity), pushed toward a target.
 * Observation: target minus ball position (m) and the ball's velocity (m/s). Reward: metres
 * gained toward the target each step, -0.01 per step, +10 on reaching it (terminated). The
 * 200-step limit (truncation) is the registry's {@code TimeLimit}, from the spec. Exposing its
 * {@link World} ({@link Box2DWorldEnv}) is all gdx-rl needs to draw it.
 *
 * @param <A> {@code Integer} for {@link ReachTargetEnv}, {@code float[]} for {@link ReachTargetContinuousEnv}
 */
public abstract class ReachTarget<A> implements Env<float[], A>, Box2DWorldEnv {
  static final float HALF = 5f;           // the table is 10 m x 10 m, walls around it
  static final float FORCE = 20f;         // newtons at full push
  static final float DT = 1 / 30f;        // seconds per step
  static final float REACHED = 0.75f;     // metres from the target's centre
  private static final Box OBSERVATION = new Box(new float[] {-10, -10, -30, -30},
      new float[] {10, 10, 30, 30});

  private final EnvSpec spec;
  private World world;
  private Body ball;
  private final Vector2 target = new Vector2();
  private float distance;
  private boolean running;

  ReachTarget(EnvSpec spec) {
    this.spec = spec;
  }

  /** The push of {@code action} as a fraction of {@link #FORCE} in x and y. */
  abstract Vector2 push(A action);

  @Override
  public float[] reset(long seed) {
    if (world != null) {
      world.dispose();
    }
    world = new World(new Vector2(0, 0), true);
    BodyDef walls = new BodyDef();
    ChainShape edge = new ChainShape();
    edge.createLoop(new float[] {-HALF, -HALF, HALF, -HALF, HALF, HALF, -HALF, HALF});
    world.createBody(walls).createFixture(edge, 0);
    edge.dispose();
    RandomSource rng = RandomSource.seeded(seed);
    BodyDef def = new BodyDef();
    def.type = BodyDef.BodyType.DynamicBody;
    def.position.set((float) rng.uniform(-4, 4), (float) rng.uniform(-4, 4));
    def.linearDamping = 1.5f;
    ball = world.createBody(def);
    CircleShape circle = new CircleShape();
    circle.setRadius(0.4f);
    ball.createFixture(circle, 1).setRestitution(0.5f);
    circle.dispose();
    target.set((float) rng.uniform(-4, 4), (float) rng.uniform(-4, 4));
    BodyDef mark = new BodyDef();           // the target: a sensor, drawn but never hit
    mark.position.set(target);
    circle = new CircleShape();
    circle.setRadius(REACHED);
    world.createBody(mark).createFixture(circle, 0).setSensor(true);
    circle.dispose();
    distance = ball.getPosition().dst(target);
    running = true;
    return observe();
  }

  @Override
  public Step<float[]> step(A action) {
    if (!actionSpace().contains(action)) {
      throw new IllegalArgumentException(spec.id() + ": action " + action + " is not in "
          + actionSpace());
    }
    if (!running) {
      throw new IllegalStateException(spec.id() + ": step() before reset() or after the end");
    }
    Vector2 f = push(action).scl(FORCE);
    ball.applyForceToCenter(f, true);
    world.step(DT, 6, 2);
    float now = ball.getPosition().dst(target);
    double reward = distance - now - 0.01;
    distance = now;
    boolean reached = now < REACHED;
    running = !reached;
    return Step.of(observe(), reached ? reward + 10 : reward, reached, false);
  }

  private float[] observe() {
    Vector2 p = ball.getPosition();
    Vector2 v = ball.getLinearVelocity();
    return new float[] {target.x - p.x, target.y - p.y, v.x, v.y};
  }

  /** The Box2D world, for gdx-rl's generic view (a new one after each reset). */
  @Override
  public World world() {
    return world;
  }

  @Override
  public float stepSeconds() {
    return DT;
  }

  @Override
  public Space<float[]> observationSpace() {
    return OBSERVATION;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public void close() {
    if (world != null) {
      world.dispose();
      world = null;
    }
  }
}
