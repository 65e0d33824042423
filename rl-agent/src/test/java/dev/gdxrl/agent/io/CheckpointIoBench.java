package dev.gdxrl.agent.io;

import ai.djl.Device;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.train.Metrics;
import dev.gdxrl.registry.EnvRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: times loading and writing a checkpoint (e.g. the LunarLander DQN one of {@code
 * ./gdx-rl train --env lunarlander --algo dqn --steps 20000 --out /tmp/x}, replay buffer
 * included). {@code java -cp ... dev.gdxrl.agent.io.CheckpointIoBench DIR [REPS]}; prints the
 * median and the minimum of each, in milliseconds.
 */
public final class CheckpointIoBench {
  private CheckpointIoBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    EnvRegistry registry = EnvRegistry.discovered();
    Path out = Files.createTempDirectory("ckpt-bench-").resolve("copy");
    double[] load = new double[reps];
    double[] resume = new double[reps];
    double[] write = new double[reps];
    Metrics metrics = Metrics.readCsv(dir.resolve(Checkpoints.METRICS_CSV));
    for (int i = -3; i < reps; i++) { // 3 warm-up rounds
      long t0 = System.nanoTime();
      AgentLoader.Loaded l = AgentLoader.load(dir, registry, Algorithms.builtin(), Device.cpu());
      long t1 = System.nanoTime();
      try (Agent<?> agent = l.agent()) {
        agent.loadTrainingState(dir);
        long t2 = System.nanoTime();
        Checkpoints.write(out, agent, l.meta(), metrics);
        long t3 = System.nanoTime();
        if (i >= 0) {
          load[i] = (t1 - t0) / 1e6;
          resume[i] = (t2 - t0) / 1e6;
          write[i] = (t3 - t2) / 1e6;
        }
      }
    }
    System.out.printf(Locale.ROOT, "bench %s: load (eval path) median %.1f ms min %.1f;"
        + " load + training state (resume path) median %.1f min %.1f; write median %.1f min %.1f"
        + " (%d reps)%n", dir, median(load), min(load), median(resume), min(resume),
        median(write), min(write), reps);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
