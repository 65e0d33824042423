package dev.gdxrl.desktop.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one episode's actions and rewards in growable primitive arrays (no boxing per step),
 * then makes an {@link EpisodeRecord}. Reusable: {@link #start} clears it.
 */
public final class EpisodeRecorder {
  private final String envId;
  private final boolean discrete;
  private final int actionSize;
  private final List<String> drivers = new ArrayList<>();
  private long seed;
  private int length;
  private int[] ints = new int[256];
  private float[] floats;
  private double[] rewards = new double[256];
  private double episodeReturn;

  /**
   * @param actionSize 0 for Discrete actions, else the length of a continuous action
   */
  public EpisodeRecorder(String envId, int actionSize) {
    this.envId = envId;
    this.discrete = actionSize == 0;
    this.actionSize = actionSize;
    this.floats = discrete ? null : new float[256 * actionSize];
  }

  /** Begins a new episode from {@code seed}. */
  public void start(long newSeed) {
    seed = newSeed;
    length = 0;
    episodeReturn = 0;
    drivers.clear();
  }

  /** Adds one step: the action ({@code Integer} or {@code float[]}), its reward, who chose it. */
  public void add(Object action, double reward, String driver) {
    if (length == rewards.length) {
      rewards = Arrays.copyOf(rewards, 2 * length);
      if (discrete) {
        ints = Arrays.copyOf(ints, 2 * length);
      } else {
        floats = Arrays.copyOf(floats, 2 * length * actionSize);
      }
    }
    if (discrete) {
      ints[length] = (Integer) action;
    } else {
      System.arraycopy((float[]) action, 0, floats, length * actionSize, actionSize);
    }
    rewards[length] = reward;
    episodeReturn += reward;
    length++;
    if (drivers.isEmpty() || !drivers.get(drivers.size() - 1).equals(driver)) {
      if (!drivers.contains(driver)) {
        drivers.add(driver);
      }
    }
  }

  public int length() {
    return length;
  }

  /** The episode so far as a record ending with the given flags. */
  public EpisodeRecord finish(boolean terminated, boolean truncated, String outcome) {
    int[] d = null;
    float[][] c = null;
    if (discrete) {
      d = Arrays.copyOf(ints, length);
    } else {
      c = new float[length][];
      for (int t = 0; t < length; t++) {
        c[t] = Arrays.copyOfRange(floats, t * actionSize, (t + 1) * actionSize);
      }
    }
    return new EpisodeRecord(envId, seed, drivers, d, c, Arrays.copyOf(rewards, length),
        episodeReturn, terminated, truncated, outcome);
  }
}
