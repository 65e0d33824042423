package dev.gdxrl.desktop.game.lunarlander;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import java.util.SplittableRandom;

/**
 * Engine exhaust, decoration only: spawned from the engine state the simulation reports after
 * each step and moved by simple kinematics, never in the physics world (the headless game has
 * none). A fixed pool in primitive arrays; the oldest particle is reused when it is full. Owns its
 * seeded generator, so screenshots are reproducible.
 */
final class ExhaustParticles {
  /** Colour of a fresh particle; it cools to {@link #COOL} and fades out. */
  static final Color HOT = new Color(1f, 0.95f, 0.6f, 1f);
  static final Color COOL = new Color(0.9f, 0.25f, 0.1f, 1f);

  private static final float GRAVITY = -3f;
  private final int capacity;
  private final float[] x;
  private final float[] y;
  private final float[] vx;
  private final float[] vy;
  private final float[] age;
  private final float[] life;
  private final float[] size;
  private final SplittableRandom rng;
  private final Color tmp = new Color();
  private int next;

  ExhaustParticles(int capacity, long seed) {
    this.capacity = capacity;
    x = new float[capacity];
    y = new float[capacity];
    vx = new float[capacity];
    vy = new float[capacity];
    age = new float[capacity];
    life = new float[capacity];
    size = new float[capacity];
    rng = new SplittableRandom(seed);
    clear();
  }

  void clear() {
    java.util.Arrays.fill(life, 0f);
    java.util.Arrays.fill(age, 0f);
  }

  /**
   * Emits {@code count} particles at (px, py) travelling against the engine's impulse (ix, iy),
   * at {@code speed} m/s plus the lander's own velocity.
   */
  void emit(int count, float px, float py, float ix, float iy, float speed, float baseVx,
      float baseVy, float lifeSeconds, float radius) {
    float len = (float) Math.sqrt(ix * ix + iy * iy);
    if (len < 1e-6f) {
      return;
    }
    float dx = -ix / len;
    float dy = -iy / len;
    for (int n = 0; n < count; n++) {
      int i = next;
      next = (next + 1) % capacity;
      float spread = (float) (rng.nextDouble() - 0.5) * 0.6f;
      float s = speed * (0.7f + 0.6f * (float) rng.nextDouble());
      x[i] = px;
      y[i] = py;
      vx[i] = (dx - dy * spread) * s + baseVx;
      vy[i] = (dy + dx * spread) * s + baseVy;
      age[i] = 0;
      life[i] = lifeSeconds * (0.6f + 0.8f * (float) rng.nextDouble());
      size[i] = radius * (0.7f + 0.6f * (float) rng.nextDouble());
    }
  }

  /** Height of the ground under x, for particles to settle on. */
  @FunctionalInterface
  interface Ground {
    float heightAt(float x);
  }

  /** Advances every live particle by {@code dt} seconds; particles hitting the ground skid on it. */
  void update(float dt, Ground ground) {
    for (int i = 0; i < capacity; i++) {
      if (age[i] < life[i]) {
        age[i] += dt;
        vy[i] += GRAVITY * dt;
        x[i] += vx[i] * dt;
        y[i] += vy[i] * dt;
        float g = ground.heightAt(x[i]);
        if (y[i] < g) {
          y[i] = g;
          vy[i] = Math.abs(vy[i]) * 0.15f;
          vx[i] *= 0.6f;
        }
      }
    }
  }

  /** Draws live particles as filled circles (the renderer is in filled mode, blending on). */
  void render(ShapeRenderer shapes) {
    for (int i = 0; i < capacity; i++) {
      if (age[i] < life[i]) {
        float t = age[i] / life[i];
        tmp.set(HOT).lerp(COOL, Math.min(1f, t * 1.5f));
        tmp.a = 1f - t;
        shapes.setColor(tmp);
        shapes.circle(x[i], y[i], size[i] * (1f - 0.5f * t), 8);
      }
    }
  }

  int alive() {
    int n = 0;
    for (int i = 0; i < capacity; i++) {
      if (age[i] < life[i]) {
        n++;
      }
    }
    return n;
  }
}
