package dev.gdxrl.sim.lunarlander;

/**
 * The control law shared by the scripted Lunar Lander pilots: two PD loops on the observation.
 *
 * <ul>
 *   <li>Attitude: lean towards the pad. The target angle grows with the horizontal offset and
 *       velocity (bounded), and the angle error is damped by the angular velocity.
 *   <li>Altitude: hover at a height proportional to |x| (descend only when above the pad), with
 *       the height error damped by the vertical velocity.
 *   <li>Once a leg touches, stop steering and only brake the vertical speed.
 * </ul>
 *
 * <p>{@link #update} writes the two commands into fields (no allocation); positive {@code
 * attitude} asks to turn counter-clockwise, positive {@code thrust} asks to go up.
 *
 * @param angleFromX target angle per unit of normalised x offset
 * @param angleFromVx target angle per unit of normalised x velocity
 * @param maxAngle bound of the target angle (rad)
 * @param hoverFromAbsX target height per unit of |x|
 * @param angleP gain on the angle error
 * @param angleD gain on the angular velocity
 * @param hoverP gain on the height error
 * @param hoverD gain on the vertical velocity
 */
record LanderPilot(
    double angleFromX,
    double angleFromVx,
    double maxAngle,
    double hoverFromAbsX,
    double angleP,
    double angleD,
    double hoverP,
    double hoverD) {

  /** Gains that land reliably on both action types. */
  static final LanderPilot DEFAULT = new LanderPilot(0.5, 1.0, 0.4, 0.55, 0.5, 1.0, 0.5, 0.5);

  LanderPilot {
    if (!(maxAngle > 0)) {
      throw new IllegalArgumentException("maxAngle must be > 0: " + maxAngle);
    }
  }

  /** Attitude command (index 0) and thrust command (index 1) for observation {@code s}. */
  void update(float[] s, double[] out) {
    if (s == null || s.length != AbstractLunarLanderEnv.OBS_DIM) {
      throw new IllegalArgumentException("lunar lander pilot needs an observation of 8 floats");
    }
    double targetAngle = angleFromX * s[0] + angleFromVx * s[2];
    targetAngle = Math.max(-maxAngle, Math.min(maxAngle, targetAngle));
    double targetHeight = hoverFromAbsX * Math.abs(s[0]);
    double attitude = angleP * (targetAngle - s[4]) - angleD * s[5];
    double thrust = hoverP * (targetHeight - s[1]) - hoverD * s[3];
    if (s[6] > 0 || s[7] > 0) {
      attitude = 0;
      thrust = -hoverD * s[3];
    }
    out[0] = attitude;
    out[1] = thrust;
  }
}
