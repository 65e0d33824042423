package dev.gdxrl.sim.lunarlander;

import java.util.SplittableRandom;

/**
 * Plain benchmark (not a test): the floor under {@code bench --env lunarlander}. Steps {@link
 * LunarLanderSim} directly (the Box2D world through libGDX plus reading the hull back; no env
 * wrapper, no reward, no observation) with random engine commands, rebuilding the world when an
 * episode ends, and prints steps per second; then the same with the world step alone timed, and
 * the cost of a reset. Run with the test classpath:
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:desktop/target/lib/* \
 *   dev.gdxrl.sim.lunarlander.BareStepBench [steps]
 * </pre>
 */
public final class BareStepBench {
  private BareStepBench() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    LunarLanderSim sim = new LunarLanderSim();
    SplittableRandom rng = new SplittableRandom(1);
    double[] heights = new double[LunarLanderSim.HEIGHT_DRAWS];
    for (int rep = 0; rep < 3; rep++) {
      long resetNanos = 0;
      int resets = 0;
      long t0 = System.nanoTime();
      boolean ready = false;
      for (int i = 0; i < steps; i++) {
        if (!ready) {
          long r0 = System.nanoTime();
          for (int k = 0; k < heights.length; k++) {
            heights[k] = rng.nextDouble() * LunarLanderSim.H / 2;
          }
          sim.reset(heights, rng.nextDouble() * 2000 - 1000, rng.nextDouble() * 2000 - 1000);
          resetNanos += System.nanoTime() - r0;
          resets++;
          ready = true;
        }
        int a = rng.nextInt(4);
        Outcome o = sim.step(a == 2 ? 1 : 0, a == 1 ? -1 : a == 3 ? 1 : 0, 1,
            rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1);
        if (o != Outcome.NONE) {
          ready = false;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("bare sim: %.0f steps/s (%d episodes, reset %.1f us each, %.1f%% of the"
          + " time)%n", steps / s, resets, resetNanos / 1e3 / resets, 100 * resetNanos / 1e9 / s);
    }
    sim.dispose();
  }
}
