package dev.gdxrl.desktop.record;

import java.util.List;

/**
 * One recorded episode: enough to re-simulate it exactly (env id, seed, every action) and to check
 * the re-simulation (every reward, the return, how it ended). See {@link EpisodeFile} for the file
 * format.
 *
 * @param envId registry id of the env (with the registry's default wrappers, as {@code eval} and
 *     {@code watch} run it)
 * @param seed the seed of {@code reset}
 * @param drivers names of the controllers that acted in the episode, in order of first use
 * @param discreteActions the actions of a Discrete env, or null
 * @param continuousActions the actions of a Box env (one row per step), or null
 * @param rewards the reward of each step
 * @param episodeReturn the sum of the rewards, added in step order as doubles
 * @param terminated whether the last step terminated the episode
 * @param truncated whether the last step truncated it (time limit)
 * @param outcome the env's word for the ending ({@code Info.OUTCOME}), or null
 */
public record EpisodeRecord(String envId, long seed, List<String> drivers, int[] discreteActions,
    float[][] continuousActions, double[] rewards, double episodeReturn, boolean terminated,
    boolean truncated, String outcome) {

  public EpisodeRecord {
    if (envId == null || envId.isBlank()) {
      throw new IllegalArgumentException("episode record without env id");
    }
    if ((discreteActions == null) == (continuousActions == null)) {
      throw new IllegalArgumentException("episode record needs either discrete or continuous actions");
    }
    if (rewards == null || rewards.length != (discreteActions != null
        ? discreteActions.length : continuousActions.length)) {
      throw new IllegalArgumentException("episode record needs one reward per action");
    }
    drivers = List.copyOf(drivers);
  }

  /** Number of steps. */
  public int length() {
    return rewards.length;
  }

  /** Whether the actions are Discrete ones. */
  public boolean discrete() {
    return discreteActions != null;
  }

  /** The action of step {@code t} as the env takes it: {@code Integer} or {@code float[]}. */
  public Object action(int t) {
    return discrete() ? Integer.valueOf(discreteActions[t]) : continuousActions[t].clone();
  }

  /** The return re-added from {@link #rewards()} in step order. */
  public static double sum(double[] rewards) {
    double s = 0;
    for (double r : rewards) {
      s += r;
    }
    return s;
  }
}
