package dev.gdxrl.npc;

import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.Fixture;
import com.badlogic.gdx.physics.box2d.RayCastCallback;
import java.util.List;

/**
 * Ray-cast perception: {@code rays} rays from the body's centre over an arc, each reporting the
 * distance to the closest fixture it meets (as a fraction of {@code range}: 0 at the centre, 1
 * for nothing within range) and what it hit, one-hot over {@code tags} (all zero for nothing, or
 * for a body whose tag is not in the list). Per ray: {@code 1 + tags.size()} floats, all in [0,
 * 1]. The NPC's own fixtures and sensor fixtures are not seen.
 *
 * <p>Directions: an arc of 360 degrees spreads the rays evenly all round (ray k at {@code k * 360
 * / rays} degrees); a smaller arc spreads them from {@code -arc/2} to {@code +arc/2}, both ends
 * included. Angles count from the body's heading when {@code bodyFrame}, else from the world's x
 * axis (for bodies that do not turn, such as top-down characters with fixed rotation).
 *
 * <p>The last reading of each ray is kept for debug drawing ({@link #lastFraction}, {@link
 * #lastAngle}); a sensor instance belongs to one NPC.
 */
public final class RaySensor implements Sensor {
  private final int rays;
  private final float arcDegrees;
  private final float range;
  private final List<String> tags;
  private final boolean bodyFrame;
  private final float[] lastFraction;
  private final float[] lastAngle;
  private final int[] lastTag;
  private float originX;
  private float originY;
  // The closest hit of the ray being cast (one callback object, no allocation per ray).
  private Body self;
  private float bestFraction;
  private int bestTag;
  private final RayCastCallback closest = this::report;

  public RaySensor(int rays, float arcDegrees, float range, List<String> tags, boolean bodyFrame) {
    if (rays < 1) {
      throw new IllegalArgumentException("RaySensor needs at least one ray, got " + rays);
    }
    if (!(arcDegrees > 0 && arcDegrees <= 360)) {
      throw new IllegalArgumentException("RaySensor arc must be in (0, 360] degrees: " + arcDegrees);
    }
    if (!(range > 0) || Float.isInfinite(range)) {
      throw new IllegalArgumentException("RaySensor range must be > 0 and finite: " + range);
    }
    this.rays = rays;
    this.arcDegrees = arcDegrees;
    this.range = range;
    this.tags = List.copyOf(tags);
    this.bodyFrame = bodyFrame;
    this.lastFraction = Sensor.filled(rays, 1f);
    this.lastAngle = new float[rays];
    this.lastTag = new int[rays];
    java.util.Arrays.fill(lastTag, -1);
  }

  @Override
  public int size() {
    return rays * (1 + tags.size());
  }

  @Override
  public float[] low() {
    return new float[size()];
  }

  @Override
  public float[] high() {
    return Sensor.filled(size(), 1f);
  }

  /** Direction of ray k in degrees relative to the frame (body heading or world x axis). */
  public float rayDegrees(int k) {
    if (arcDegrees >= 360f) {
      return k * 360f / rays;
    }
    return rays == 1 ? 0f : -arcDegrees / 2 + k * arcDegrees / (rays - 1);
  }

  @Override
  public void read(Npc<?> npc, float[] out, int offset) {
    Body body = npc.body();
    originX = body.getWorldCenter().x;
    originY = body.getWorldCenter().y;
    float base = bodyFrame ? body.getAngle() : 0f;
    int per = 1 + tags.size();
    self = body;
    for (int k = 0; k < rays; k++) {
      float a = base + rayDegrees(k) * MathUtils.degreesToRadians;
      bestFraction = 1f;
      bestTag = -1;
      body.getWorld().rayCast(closest, originX, originY,
          originX + range * MathUtils.cos(a), originY + range * MathUtils.sin(a));
      lastFraction[k] = bestFraction;
      lastAngle[k] = a;
      lastTag[k] = bestTag;
      int o = offset + k * per;
      out[o] = bestFraction;
      for (int t = 0; t < tags.size(); t++) {
        out[o + 1 + t] = t == bestTag ? 1f : 0f;
      }
    }
    self = null;
  }

  private float report(Fixture fixture, com.badlogic.gdx.math.Vector2 point,
      com.badlogic.gdx.math.Vector2 normal, float fraction) {
    if (fixture.isSensor() || fixture.getBody() == self) {
      return -1f; // not seen: continue as if it were not there
    }
    if (fraction < bestFraction) {
      bestFraction = fraction;
      String tag = Tags.of(fixture.getBody());
      bestTag = tag == null ? -1 : tags.indexOf(tag);
    }
    return fraction; // clip the ray here: only closer fixtures are reported from now on
  }

  public int rays() {
    return rays;
  }

  public float range() {
    return range;
  }

  public List<String> tags() {
    return tags;
  }

  /** Ray k's last distance as a fraction of the range (1 = nothing within range). */
  public float lastFraction(int k) {
    return lastFraction[k];
  }

  /** Ray k's last world angle in radians. */
  public float lastAngle(int k) {
    return lastAngle[k];
  }

  /** Index in {@link #tags()} of what ray k last hit, -1 for nothing or an unlisted tag. */
  public int lastTag(int k) {
    return lastTag[k];
  }

  /** World x of the rays' origin at the last reading. */
  public float originX() {
    return originX;
  }

  /** World y of the rays' origin at the last reading. */
  public float originY() {
    return originY;
  }
}
