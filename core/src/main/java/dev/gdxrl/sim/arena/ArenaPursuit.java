package dev.gdxrl.sim.arena;

import dev.gdxrl.control.Policy;

/**
 * The scripted chaser: straight pursuit, the move (of the 8 directions) closest to the direction
 * of the runner, read from the chaser's own observation. It knows nothing of obstacles.
 */
public final class ArenaPursuit implements Policy<float[], Integer> {
  @Override
  public Integer act(float[] obs) {
    double dx = obs[ArenaScene.TARGET];
    double dy = obs[ArenaScene.TARGET + 1];
    if (dx == 0 && dy == 0) {
      return 0;
    }
    double a = Math.atan2(dy, dx);
    int k = (int) Math.round(a / (Math.PI / 4));
    return Math.floorMod(k, 8) + 1;
  }

  /** The same pursuit as a planar thrust for {@code arena-continuous}. */
  public static final class Continuous implements Policy<float[], float[]> {
    @Override
    public float[] act(float[] obs) {
      double dx = obs[ArenaScene.TARGET];
      double dy = obs[ArenaScene.TARGET + 1];
      double len = Math.hypot(dx, dy);
      return len == 0 ? new float[2] : new float[] {(float) (dx / len), (float) (dy / len)};
    }
  }
}
