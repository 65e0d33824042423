package dev.gdxrl.sim.lunarlander;

import dev.gdxrl.control.Policy;

/**
 * Scripted pilot for {@link LunarLanderContinuousEnv}: the main engine follows the altitude loop
 * (offset so that small demands leave it off) and the lateral engines follow the attitude loop,
 * both clipped to [-1, 1]. Returns a new array per call (the caller may keep it).
 */
public final class LunarLanderContinuousHeuristic implements Policy<float[], float[]> {
  /** Gain from loop command to engine command. */
  private static final double GAIN = 20.0;

  private final LanderPilot pilot;
  private final double[] command = new double[2];

  public LunarLanderContinuousHeuristic() {
    this(LanderPilot.DEFAULT);
  }

  LunarLanderContinuousHeuristic(LanderPilot pilot) {
    this.pilot = pilot;
  }

  @Override
  public float[] act(float[] observation) {
    pilot.update(observation, command);
    double main = GAIN * command[1] - 1.0;
    double lateral = -GAIN * command[0];
    return new float[] {clip(main), clip(lateral)};
  }

  private static float clip(double v) {
    return (float) Math.max(-1.0, Math.min(1.0, v));
  }
}
