package dev.gdxrl.sim.arena;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import dev.gdxrl.env.RandomSource;
import java.util.List;

/**
 * The scripted runner: away from the chasers (each weighted by 1 / distance squared), away from
 * walls closer than 3 m (so it does not get cornered), around obstacles closer than 2 m, plus a
 * wander direction redrawn every half second from the round's random source.
 */
final class Evader {
  private static final float WALL_MARGIN = 3f;
  private static final float OBSTACLE_MARGIN = 2f;
  private static final int WANDER_TICKS = 25;
  private static final float FLEE = 6f;
  private static final float WANDER = 0.2f;
  private final RandomSource rng;
  private final float[] out = new float[2];
  private float wanderX;
  private float wanderY;
  private int ticks;

  Evader(RandomSource rng) {
    this.rng = rng;
  }

  float[] direction(Body runner, List<Body> chasers, List<Body> obstacles) {
    if (ticks++ % WANDER_TICKS == 0) {
      double a = rng.uniform(0, 2 * Math.PI);
      wanderX = (float) Math.cos(a);
      wanderY = (float) Math.sin(a);
    }
    Vector2 p = runner.getPosition();
    float x = WANDER * wanderX;
    float y = WANDER * wanderY;
    for (Body c : chasers) {
      float dx = p.x - c.getPosition().x;
      float dy = p.y - c.getPosition().y;
      float d2 = Math.max(dx * dx + dy * dy, 0.01f);
      float d = (float) Math.sqrt(d2);
      float w = FLEE / d;
      x += w * dx / d;
      y += w * dy / d;
    }
    float h = ArenaScene.HALF;
    x += push(p.x + h) - push(h - p.x);
    y += push(p.y + h) - push(h - p.y);
    for (Body o : obstacles) {
      Vector2 c = o.getPosition();
      float dx = p.x - c.x;
      float dy = p.y - c.y;
      float d = (float) Math.sqrt(dx * dx + dy * dy);
      float[] half = (float[]) o.getFixtureList().first().getUserData();
      float gap = d - Math.max(half[0], half[1]);
      if (gap < OBSTACLE_MARGIN && d > 1e-3f) {
        float w = (OBSTACLE_MARGIN - gap) / OBSTACLE_MARGIN;
        x += w * dx / d;
        y += w * dy / d;
      }
    }
    float len = (float) Math.sqrt(x * x + y * y);
    if (len < 1e-6f) {
      out[0] = 0;
      out[1] = 0;
    } else {
      out[0] = x / len;
      out[1] = y / len;
    }
    return out;
  }

  /** Repulsion from a wall {@code gap} metres away: 0 beyond the margin, up to 2 at the wall. */
  private static float push(float gap) {
    return gap >= WALL_MARGIN ? 0f : 2f * (WALL_MARGIN - gap) / WALL_MARGIN;
  }
}
