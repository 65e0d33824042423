package dev.gdxrl.agent;

import dev.gdxrl.agent.train.TrainConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code gdx-rl train} asks for.
 *
 * @param envId registry id
 * @param algo algorithm id ({@code qtable}, {@code dqn}, {@code double-dqn})
 * @param steps env steps, or null for the default of the env and algorithm
 * @param seed the run's seed
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param configFile YAML ({@code .yaml}/{@code .yml}) or {@code .properties} file of
 *     hyperparameters, or null
 * @param overrides more {@code key -> value} hyperparameters, applied after the file (may be
 *     empty)
 * @param outDir checkpoint directory, or null for {@code runs/ENV-ALGO-sSEED}
 * @param resumeDir checkpoint to continue from, or null
 * @param progress show a progress bar on the log stream
 */
public record TrainRequest(String envId, String algo, Long steps, long seed, String device,
    Path configFile, Map<String, String> overrides, Path outDir, Path resumeDir,
    boolean progress) {

  public TrainRequest {
    if (envId == null || envId.isBlank()) {
      throw new IllegalArgumentException("no env id given (--env)");
    }
    if (algo == null || algo.isBlank()) {
      throw new IllegalArgumentException("no algo given (--algo)");
    }
    if (steps != null && (steps < 1 || steps > TrainConfig.MAX_STEPS)) {
      throw new IllegalArgumentException("--steps must be in [1, " + TrainConfig.MAX_STEPS
          + "] (10^12), got " + steps);
    }
    device = device == null ? "auto" : device;
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  /** A request with defaults: cpu, no config file, no resume, no progress bar. */
  public static TrainRequest of(String envId, String algo, long steps, long seed, Path outDir) {
    return new TrainRequest(envId, algo, steps, seed, "cpu", null, Map.of(), outDir, null, false);
  }
}
