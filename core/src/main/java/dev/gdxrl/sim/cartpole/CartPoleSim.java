package dev.gdxrl.sim.cartpole;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.FixtureDef;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import com.badlogic.gdx.physics.box2d.joints.PrismaticJointDef;
import com.badlogic.gdx.physics.box2d.joints.RevoluteJointDef;
import dev.gdxrl.box2d.Box2DNatives;

/**
 * The cart-pole as Box2D bodies: a cart on a frictionless prismatic joint along the x axis and a
 * uniform rod on a revolute joint at the cart's centre. Numbers of the classic benchmark: gravity
 * 9.8, cart 1.0 kg, pole 0.1 kg with half-length 0.5 m, force 10 N, dt 0.02 s.
 *
 * <p>Angles follow the classic convention: {@code theta > 0} means the pole leans towards +x
 * (Box2D's angle is counter-clockwise, so {@code theta = -pole.getAngle()}). Owns its {@link
 * World}; call {@link #dispose()}, after which every method but {@code dispose} throws {@link
 * IllegalStateException} rather than read freed native memory.
 */
public final class CartPoleSim {
  public static final float GRAVITY = 9.8f;
  public static final float CART_MASS = 1.0f;
  public static final float POLE_MASS = 0.1f;
  public static final float POLE_HALF_LENGTH = 0.5f;
  public static final float FORCE = 10f;
  public static final float DT = 0.02f;
  public static final float CART_HALF_WIDTH = 0.25f;
  public static final float CART_HALF_HEIGHT = 0.125f;
  /** Pole drawn and simulated as a thin box; its width adds 0.04 % to the rod's inertia. */
  public static final float POLE_HALF_WIDTH = 0.01f;

  private static final int VELOCITY_ITERATIONS = 20;
  private static final int POSITION_ITERATIONS = 10;

  private final World world;
  private final Body cart;
  private final Body pole;
  private final Vector2 tmp = new Vector2();
  private boolean disposed;

  public CartPoleSim() {
    Box2DNatives.load();
    world = new World(new Vector2(0, -GRAVITY), false);
    Body ground = world.createBody(new BodyDef());

    BodyDef cartDef = new BodyDef();
    cartDef.type = BodyDef.BodyType.DynamicBody;
    cart = world.createBody(cartDef);
    PolygonShape cartShape = new PolygonShape();
    cartShape.setAsBox(CART_HALF_WIDTH, CART_HALF_HEIGHT);
    FixtureDef cf = new FixtureDef();
    cf.shape = cartShape;
    cf.density = CART_MASS / (4 * CART_HALF_WIDTH * CART_HALF_HEIGHT);
    cf.friction = 0;
    cf.filter.maskBits = 0; // nothing collides: the joints do all the work
    cart.createFixture(cf);
    cartShape.dispose();

    BodyDef poleDef = new BodyDef();
    poleDef.type = BodyDef.BodyType.DynamicBody;
    poleDef.position.set(0, POLE_HALF_LENGTH);
    pole = world.createBody(poleDef);
    PolygonShape poleShape = new PolygonShape();
    poleShape.setAsBox(POLE_HALF_WIDTH, POLE_HALF_LENGTH);
    FixtureDef pf = new FixtureDef();
    pf.shape = poleShape;
    pf.density = POLE_MASS / (4 * POLE_HALF_WIDTH * POLE_HALF_LENGTH);
    pf.friction = 0;
    pf.filter.maskBits = 0;
    pole.createFixture(pf);
    poleShape.dispose();

    PrismaticJointDef track = new PrismaticJointDef();
    track.initialize(ground, cart, new Vector2(0, 0), new Vector2(1, 0));
    track.enableLimit = false;
    track.enableMotor = false;
    world.createJoint(track);

    RevoluteJointDef hinge = new RevoluteJointDef();
    hinge.initialize(cart, pole, new Vector2(0, 0));
    world.createJoint(hinge);

    cart.setSleepingAllowed(false);
    pole.setSleepingAllowed(false);
  }

  /** Puts the system in state (x, x', theta, theta'), pole pivot at the cart's centre. */
  public void setState(float x, float xDot, float theta, float thetaDot) {
    checkNotDisposed();
    cart.setTransform(x, 0, 0);
    cart.setLinearVelocity(xDot, 0);
    cart.setAngularVelocity(0);
    float sin = (float) Math.sin(theta);
    float cos = (float) Math.cos(theta);
    pole.setTransform(x + POLE_HALF_LENGTH * sin, POLE_HALF_LENGTH * cos, -theta);
    pole.setAngularVelocity(-thetaDot);
    // velocity of the pole's centre: cart velocity + omega x r, omega = -thetaDot about z
    pole.setLinearVelocity(
        xDot + thetaDot * POLE_HALF_LENGTH * cos, -thetaDot * POLE_HALF_LENGTH * sin);
  }

  /** Applies {@code force} newtons along x to the cart for one step of {@link #DT}. */
  public void step(float force) {
    checkNotDisposed();
    cart.applyForceToCenter(tmp.set(force, 0), true);
    world.step(DT, VELOCITY_ITERATIONS, POSITION_ITERATIONS);
  }

  public float x() {
    checkNotDisposed();
    return cart.getPosition().x;
  }

  public float xDot() {
    checkNotDisposed();
    return cart.getLinearVelocity().x;
  }

  public float theta() {
    checkNotDisposed();
    return -pole.getAngle();
  }

  public float thetaDot() {
    checkNotDisposed();
    return -pole.getAngularVelocity();
  }

  /** The Box2D world, read-only (renderers). */
  public World world() {
    checkNotDisposed();
    return world;
  }

  /** True once {@link #dispose()} has freed the world. */
  public boolean disposed() {
    return disposed;
  }

  /** Frees the Box2D world. Idempotent. */
  public void dispose() {
    if (!disposed) {
      disposed = true;
      world.dispose();
    }
  }

  private void checkNotDisposed() {
    if (disposed) {
      throw new IllegalStateException(
          "cartpole sim was disposed (the env builds a new one on each reset): read env.sim()");
    }
  }
}
