package dev.gdxrl.agent;

import ai.djl.Device;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Space;

/**
 * What an agent is built for.
 *
 * @param envId registry id of the env
 * @param observationSpace the env's observation space
 * @param actionSpace the env's action space
 * @param device where the agent's tensors live (every NDArray is created on it explicitly)
 * @param seed seed of the agent's own random generator
 * @param totalSteps env steps the run will take (for schedules such as epsilon's decay)
 */
public record AgentContext(String envId, Box observationSpace, Space<?> actionSpace,
    Device device, long seed, long totalSteps) {

  public AgentContext {
    if (envId == null || observationSpace == null || actionSpace == null || device == null) {
      throw new IllegalArgumentException("agent context has a null field");
    }
    if (totalSteps < 1) {
      throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
    }
  }
}
