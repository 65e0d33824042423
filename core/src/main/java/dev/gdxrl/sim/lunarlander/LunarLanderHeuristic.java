package dev.gdxrl.sim.lunarlander;

import dev.gdxrl.control.Policy;

/**
 * Scripted pilot for the discrete {@link LunarLanderEnv}: fires the main engine when the altitude
 * loop asks for more lift than the attitude loop asks for turn, else the orientation engine that
 * turns the right way, else nothing (dead band 0.05). Stateless.
 */
public final class LunarLanderHeuristic implements Policy<float[], Integer> {
  private static final double DEAD_BAND = 0.05;

  private final LanderPilot pilot;
  private final double[] command = new double[2];

  public LunarLanderHeuristic() {
    this(LanderPilot.DEFAULT);
  }

  LunarLanderHeuristic(LanderPilot pilot) {
    this.pilot = pilot;
  }

  @Override
  public Integer act(float[] observation) {
    pilot.update(observation, command);
    double attitude = command[0];
    double thrust = command[1];
    if (thrust > DEAD_BAND && thrust > Math.abs(attitude)) {
      return LunarLanderEnv.MAIN_ENGINE;
    }
    if (attitude < -DEAD_BAND) {
      return LunarLanderEnv.RIGHT_ENGINE; // the right engine turns clockwise
    }
    if (attitude > DEAD_BAND) {
      return LunarLanderEnv.LEFT_ENGINE;
    }
    return LunarLanderEnv.NOOP;
  }
}
