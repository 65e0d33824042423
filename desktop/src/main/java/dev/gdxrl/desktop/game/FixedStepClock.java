package dev.gdxrl.desktop.game;

/**
 * The accumulator that turns frame time into a whole number of fixed simulation steps. The frame
 * delta only decides how many steps run; each step advances the game by exactly {@code dt}, so
 * the physics sees the same dt whatever the frame rate. Frame time beyond {@code maxFrameSeconds}
 * is dropped (the game slows down instead of spiralling after a stall).
 */
public final class FixedStepClock {
  private final double dt;
  private final double maxFrameSeconds;
  private double accumulator;

  public FixedStepClock(double dt, double maxFrameSeconds) {
    if (!(dt > 0) || !(maxFrameSeconds >= dt)) {
      throw new IllegalArgumentException(
          "FixedStepClock needs dt > 0 and maxFrameSeconds >= dt, got " + dt + ", " + maxFrameSeconds);
    }
    this.dt = dt;
    this.maxFrameSeconds = maxFrameSeconds;
  }

  /** Adds one frame's time and returns how many fixed steps are now due. */
  public int advance(double frameSeconds) {
    if (frameSeconds > 0) {
      accumulator += Math.min(frameSeconds, maxFrameSeconds);
    }
    int steps = (int) Math.floor(accumulator / dt);
    accumulator -= steps * dt;
    return steps;
  }

  /** How far the display is between the last step and the next, in [0, 1): for interpolation. */
  public float alpha() {
    return (float) Math.min(accumulator / dt, 1.0);
  }

  /** Forgets leftover time (after a reset or an unpause). */
  public void clear() {
    accumulator = 0;
  }

  public double dt() {
    return dt;
  }
}
