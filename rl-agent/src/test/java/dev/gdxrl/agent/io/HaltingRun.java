package dev.gdxrl.agent.io;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.registry.EnvRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@code CheckpointFaultsTest}: a qtable run on cartpole of 300 steps with a
 * checkpoint every 100 steps, into {@code args[0]}. Run with {@code
 * -Dgdxrl.test.checkpoint.halt=STEP@N} it dies like a killed process at that step of its N-th
 * checkpoint write.
 */
public final class HaltingRun {
  private HaltingRun() {}

  public static void main(String[] args) {
    new Training(EnvRegistry.discovered(), Algorithms.builtin(), System.err).train(
        new TrainRequest("cartpole", "qtable", 300L, 1, "cpu", null, Map.of("checkpoint_freq",
            "100", "eval_freq", "0", "final_eval_episodes", "0"), Path.of(args[0]), null, false));
    System.exit(0);
  }
}
