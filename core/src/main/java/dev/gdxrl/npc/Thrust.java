package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.Body;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Space;

/**
 * Continuous actuation, two floats in [-1, 1]. {@link #planar}: a force {@code (a0, a1) *
 * maxForce} in the world frame (top-down characters). {@link #steering}: thrust {@code a0 *
 * maxForce} along the body's heading and torque {@code a1 * maxTorque} (ships, cars). Each is
 * applied as an impulse of force times {@code dt} per physics step, at the centre of mass.
 */
public final class Thrust implements Actuator<float[]> {
  private static final Box SPACE = Box.uniform(2, -1f, 1f);
  private final float maxForce;
  private final float maxTorque;
  private final boolean steering;

  private Thrust(float maxForce, float maxTorque, boolean steering) {
    if (!(maxForce >= 0) || !(maxTorque >= 0)) {
      throw new IllegalArgumentException("Thrust limits must be >= 0");
    }
    this.maxForce = maxForce;
    this.maxTorque = maxTorque;
    this.steering = steering;
  }

  public static Thrust planar(float maxForce) {
    return new Thrust(maxForce, 0f, false);
  }

  public static Thrust steering(float maxForce, float maxTorque) {
    return new Thrust(maxForce, maxTorque, true);
  }

  @Override
  public Space<float[]> space() {
    return SPACE;
  }

  @Override
  public void apply(Npc<float[]> npc, float[] a, float dt) {
    Body b = npc.body();
    float cx = b.getWorldCenter().x;
    float cy = b.getWorldCenter().y;
    if (steering) {
      float angle = b.getAngle();
      float f = a[0] * maxForce * dt;
      b.applyLinearImpulse(f * (float) Math.cos(angle), f * (float) Math.sin(angle), cx, cy, true);
      b.applyAngularImpulse(a[1] * maxTorque * dt, true);
    } else {
      b.applyLinearImpulse(a[0] * maxForce * dt, a[1] * maxForce * dt, cx, cy, true);
    }
  }
}
