package dev.gdxrl.sim.lunarlander;

import java.util.SplittableRandom;

/**
 * Plain benchmark (not a test): the floor under {@code bench --env lunarlander}. Steps {@link
 * LunarLanderSim} directly (the Box2D world through libGDX plus reading the hull back; no env
 * wrapper, no reward, no observation) with uniformly random actions, rebuilding the world when an
 * episode ends (or reaches the env's 1000-step limit), and prints steps per second and the cost of
 * a reset. Run with the test classpath:
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:desktop/target/lib/* \
 *   dev.gdxrl.sim.lunarlander.BareStepBench [steps]
 * </pre>
 */
public final class BareStepBench {
  private BareStepBench() {}

  /**
   * Args: [steps] [threads]. With threads > 1, each thread runs its own world freely (no lockstep)
   * and the summed rate is printed too: what the native library allows in one process.
   */
  public static void main(String[] args) throws InterruptedException {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    if (threads == 1) {
      run(steps, 1);
      return;
    }
    double[] rates = new double[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      ts[t] = new Thread(() -> rates[id] = run(steps, id + 1));
      ts[t].start();
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      ts[t].join();
      sum += rates[t];
    }
    System.out.printf("%d free-running threads in one process: %.0f steps/s in total%n", threads,
        sum);
  }

  /** Steps one world; returns the last repetition's steps per second. */
  private static double run(int steps, long seed) {
    LunarLanderSim sim = new LunarLanderSim();
    SplittableRandom rng = new SplittableRandom(seed);
    double rate = 0;
    double[] heights = new double[LunarLanderSim.HEIGHT_DRAWS];
    for (int rep = 0; rep < 3; rep++) {
      long resetNanos = 0;
      int resets = 0;
      long t0 = System.nanoTime();
      boolean ready = false;
      int length = 0;
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
          length = 0;
        }
        int a = rng.nextInt(4);
        Outcome o = sim.step(a == 2 ? 1 : 0, a == 1 ? -1 : a == 3 ? 1 : 0, 1,
            rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1);
        if (o != Outcome.NONE || ++length == 1000) { // the env's time limit
          ready = false;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      rate = steps / s;
      System.out.printf("bare sim: %.0f steps/s (%d episodes, reset %.1f us each, %.1f%% of the"
          + " time)%n", steps / s, resets, resetNanos / 1e3 / resets, 100 * resetNanos / 1e9 / s);
    }
    sim.dispose();
    return rate;
  }
}
