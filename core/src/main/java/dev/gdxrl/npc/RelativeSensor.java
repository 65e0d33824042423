package dev.gdxrl.npc;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;

/**
 * Where another body is and how it moves, relative to the NPC: {@code (dx, dy) / positionScale}
 * and {@code (dvx, dvy) / velocityScale}, each clipped to [-1, 1] (4 floats). In the world frame,
 * or rotated into the NPC's frame (x along its heading) when {@code bodyFrame}.
 */
public final class RelativeSensor implements Sensor {
  private final Body target;
  private final float positionScale;
  private final float velocityScale;
  private final boolean bodyFrame;

  public RelativeSensor(Body target, float positionScale, float velocityScale,
      boolean bodyFrame) {
    if (target == null) {
      throw new IllegalArgumentException("RelativeSensor needs a target body");
    }
    if (!(positionScale > 0) || !(velocityScale > 0)) {
      throw new IllegalArgumentException("RelativeSensor scales must be > 0");
    }
    this.target = target;
    this.positionScale = positionScale;
    this.velocityScale = velocityScale;
    this.bodyFrame = bodyFrame;
  }

  @Override
  public int size() {
    return 4;
  }

  @Override
  public float[] low() {
    return Sensor.filled(4, -1f);
  }

  @Override
  public float[] high() {
    return Sensor.filled(4, 1f);
  }

  @Override
  public void read(Npc<?> npc, float[] out, int offset) {
    Body b = npc.body();
    Vector2 p = b.getWorldCenter();
    Vector2 t = target.getWorldCenter();
    float dx = t.x - p.x;
    float dy = t.y - p.y;
    Vector2 v = b.getLinearVelocity();
    Vector2 tv = target.getLinearVelocity();
    float dvx = tv.x - v.x;
    float dvy = tv.y - v.y;
    if (bodyFrame) {
      float c = (float) Math.cos(-b.getAngle());
      float s = (float) Math.sin(-b.getAngle());
      float rx = c * dx - s * dy;
      dy = s * dx + c * dy;
      dx = rx;
      float rvx = c * dvx - s * dvy;
      dvy = s * dvx + c * dvy;
      dvx = rvx;
    }
    out[offset] = clip(dx / positionScale);
    out[offset + 1] = clip(dy / positionScale);
    out[offset + 2] = clip(dvx / velocityScale);
    out[offset + 3] = clip(dvy / velocityScale);
  }

  static float clip(float x) {
    return x < -1f ? -1f : (x > 1f ? 1f : x);
  }
}
