package dev.gdxrl.npc;

import com.badlogic.gdx.math.Vector2;

/** The NPC's own velocity in the world frame, {@code (vx, vy) / scale} clipped to [-1, 1]. */
public final class VelocitySensor implements Sensor {
  private final float scale;

  public VelocitySensor(float scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("VelocitySensor scale must be > 0: " + scale);
    }
    this.scale = scale;
  }

  @Override
  public int size() {
    return 2;
  }

  @Override
  public float[] low() {
    return Sensor.filled(2, -1f);
  }

  @Override
  public float[] high() {
    return Sensor.filled(2, 1f);
  }

  @Override
  public void read(Npc<?> npc, float[] out, int offset) {
    Vector2 v = npc.body().getLinearVelocity();
    out[offset] = RelativeSensor.clip(v.x / scale);
    out[offset + 1] = RelativeSensor.clip(v.y / scale);
  }
}
