package dev.gdxrl.env;

/**
 * What an env is, as registered.
 *
 * @param id registry id, e.g. {@code "lunarlander"}
 * @param maxEpisodeSteps the time limit applied by {@link TimeLimit}; 0 for none
 * @param rewardThreshold the mean return over 100 episodes that counts as solved (NaN if none)
 */
public record EnvSpec(String id, int maxEpisodeSteps, double rewardThreshold) {
  public EnvSpec {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("EnvSpec id is blank");
    }
    if (maxEpisodeSteps < 0) {
      throw new IllegalArgumentException("maxEpisodeSteps < 0: " + maxEpisodeSteps);
    }
  }

  public EnvSpec withMaxEpisodeSteps(int steps) {
    return new EnvSpec(id, steps, rewardThreshold);
  }
}
