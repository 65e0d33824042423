package dev.gdxrl.agent.play;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decision cost per tick (what the HUD calls "decision cost per tick"): the mean microseconds of
 * one {@code Controller.decideAll} for 1 and 32 NPCs over 10,000 ticks, after 2,000 warm-up
 * ticks, for a PPO checkpoint (the shipped lander demo) and a DQN one (trained here for 2,000
 * steps on lunarlander). Only the public plug API is used, so the same source measures any
 * version. Not a unit test; run with {@code java -cp ... dev.gdxrl.agent.play.DecisionBench}.
 */
public final class DecisionBench {
  private DecisionBench() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Path ppo = root.resolve("assets/demos/lunarlander");
    Path dqn = Files.createTempDirectory("bench-dqn").resolve("dqn");
    new Training(EnvRegistry.discovered(), Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream())).train(new TrainRequest("lunarlander", "dqn",
        2000L, 1, "cpu", null, Map.of("learning_starts", "500", "eval_freq", "0",
        "final_eval_episodes", "0"), dqn, null, false));
    for (Path dir : new Path[] {dqn, ppo}) {
      for (int n : new int[] {1, 32}) {
        System.out.printf(Locale.ROOT, "%s npcs=%d decide_all_us=%.2f%n",
            dir.getFileName(), n, measure(dir, n));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static double measure(Path dir, int n) throws Exception {
    try (Env<float[], Integer> env = (Env<float[], Integer>) EnvRegistry.discovered()
        .make("lunarlander")) {
      Controller<Integer> c = ControllerProvider.available().get(0).open(dir, env);
      SplittableRandom rng = new SplittableRandom(1);
      float[][][] obs = new float[64][n][8];
      for (float[][] tick : obs) {
        for (float[] o : tick) {
          for (int i = 0; i < 8; i++) {
            o[i] = (float) (rng.nextDouble() * 2 - 1);
          }
        }
      }
      Integer[] out = new Integer[n];
      long sink = 0;
      for (int t = 0; t < 2000; t++) {
        c.decideAll(obs[t & 63], out);
        sink += out[0];
      }
      long t0 = System.nanoTime();
      int ticks = 10_000;
      for (int t = 0; t < ticks; t++) {
        c.decideAll(obs[t & 63], out);
        sink += out[0];
      }
      double us = (System.nanoTime() - t0) / 1e3 / ticks;
      if (sink == Long.MIN_VALUE) {
        System.out.println(sink);
      }
      if (c instanceof AutoCloseable a) {
        a.close();
      }
      return us;
    }
  }
}
