package dev.gdxrl.agent.io;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Space;
import java.util.Map;

/**
 * The contents of a checkpoint's {@code agent.json}.
 *
 * @param formatVersion {@link Checkpoints#FORMAT_VERSION} when written by this code
 * @param algo algorithm id
 * @param envId registry id of the env it was trained on
 * @param observationSpace the env's observation space
 * @param actionSpace the env's action space
 * @param config the algorithm's full config (YAML keys)
 * @param train the training loop's config (YAML keys)
 * @param normalization observation normalisation statistics, or null when none was used
 * @param envSteps env steps trained
 * @param episodes training episodes finished
 * @param gradientSteps gradient steps (table updates) taken
 * @param seed the run's seed
 * @param device the device it was trained on ({@code cpu} or {@code gpu})
 * @param replayBufferSaved whether the replay buffer is in the checkpoint
 */
public record CheckpointMeta(int formatVersion, String algo, String envId, Box observationSpace,
    Space<?> actionSpace, Map<String, Object> config, Map<String, Object> train,
    Map<String, Object> normalization, long envSteps, long episodes, long gradientSteps,
    long seed, String device, boolean replayBufferSaved) {

  public CheckpointMeta {
    config = Map.copyOf(config);
    train = Map.copyOf(train);
  }
}
