package dev.gdxrl.desktop.game;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.ChainShape;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.EdgeShape;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import com.badlogic.gdx.physics.box2d.joints.RevoluteJointDef;
import dev.gdxrl.box2d.Box2DNatives;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.control.HasKeyBindings;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;

/**
 * A game gdx-rl does not ship, for the generic view: a ball dropped on a plane (an edge) between
 * two walls (chains), a crate (a polygon) and a pendulum (a revolute joint). Actions: 0 nothing,
 * 1 push the ball left, 2 push it right (Left / Right keys). Observation: the ball's x and x
 * velocity; reward -0.1 |x| per step; terminated when the ball is past |x| = 5 m. A new world on
 * every reset; the ball starts at a seeded x in [-2, 2).
 */
final class BallEnv implements Env<float[], Integer>, Box2DWorldEnv, HasKeyBindings {
  static final float DT = 1f / 30f;
  static final float RADIUS = 0.4f;
  static final float FORCE = 4f;
  private static final Discrete ACTIONS = new Discrete(3);
  private static final Box OBSERVATIONS = new Box(new float[] {-10f, -100f},
      new float[] {10f, 100f});

  private final EnvSpec spec;
  private World world;
  private Body ball;
  private boolean needsReset = true;

  BallEnv(String id, int maxSteps) {
    this.spec = new EnvSpec(id, maxSteps, 0);
    Box2DNatives.load();
  }

  @Override
  public float[] reset(long seed) {
    if (world != null) {
      world.dispose();
    }
    world = new World(new Vector2(0, -10), true);
    Body ground = world.createBody(new BodyDef());
    EdgeShape plane = new EdgeShape();
    plane.set(-6, 0, 6, 0);
    ground.createFixture(plane, 0);
    plane.dispose();
    for (float side : new float[] {-6, 6}) {
      ChainShape wall = new ChainShape();
      wall.createChain(new float[] {side, 0, side, 2.5f, side - Math.signum(side) * 0.5f, 3f});
      ground.createFixture(wall, 0);
      wall.dispose();
    }

    RandomSource rng = RandomSource.seeded(seed);
    BodyDef bd = new BodyDef();
    bd.type = BodyDef.BodyType.DynamicBody;
    bd.position.set((float) rng.uniform(-2, 2), RADIUS + 1f);
    ball = world.createBody(bd);
    CircleShape circle = new CircleShape();
    circle.setRadius(RADIUS);
    ball.createFixture(circle, 1f).setFriction(0.4f);
    circle.dispose();

    bd.position.set(3.5f, 0.3f);
    Body crate = world.createBody(bd);
    PolygonShape square = new PolygonShape();
    square.setAsBox(0.3f, 0.3f);
    crate.createFixture(square, 1f);

    BodyDef pivotDef = new BodyDef();
    pivotDef.position.set(-3.5f, 2.8f);
    Body pivot = world.createBody(pivotDef);
    bd.position.set(-2.7f, 2.8f);
    Body bob = world.createBody(bd);
    bob.createFixture(square, 1f);
    square.dispose();
    RevoluteJointDef hinge = new RevoluteJointDef();
    hinge.initialize(pivot, bob, new Vector2(-3.5f, 2.8f));
    world.createJoint(hinge);

    needsReset = false;
    return observe();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("ball: action " + action + " is not in " + ACTIONS);
    }
    if (needsReset) {
      throw new IllegalStateException("ball: step() before reset() or after the episode ended");
    }
    float f = action == 1 ? -FORCE : action == 2 ? FORCE : 0;
    ball.applyForceToCenter(f, 0, true);
    world.step(DT, 6, 2);
    float[] obs = observe();
    boolean out = Math.abs(obs[0]) > 5;
    needsReset = out;
    return Step.of(obs, -0.1 * Math.abs(obs[0]), out, false);
  }

  private float[] observe() {
    return new float[] {ball.getPosition().x, ball.getLinearVelocity().x};
  }

  @Override
  public World world() {
    return world;
  }

  @Override
  public float stepSeconds() {
    return DT;
  }

  @Override
  public KeyBindings keyBindings() {
    return KeyBindings.discrete(0).bind("Left", 1).bind("Right", 2);
  }

  @Override
  public Space<float[]> observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTIONS;
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
