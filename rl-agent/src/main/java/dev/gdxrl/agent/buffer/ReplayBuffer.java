package dev.gdxrl.agent.buffer;

import java.util.random.RandomGenerator;

/**
 * Fixed-capacity ring of transitions in primitive arrays: observation, action, reward, next
 * observation and the terminated flag. Truncation is not stored: a truncated transition is stored
 * with its real final observation and {@code terminated = false}, so the learner bootstraps from
 * it. Sampling is uniform with replacement, using the caller's seeded generator, into a {@link
 * Batch} the caller owns (no allocation per sample).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int obsDim;
  private final float[] obs;
  private final float[] nextObs;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private int next;
  private int size;
  private long added;

  public ReplayBuffer(int capacity, int obsDim) {
    if (capacity < 1 || obsDim < 1) {
      throw new IllegalArgumentException(
          "replay buffer needs capacity and obsDim >= 1, got " + capacity + ", " + obsDim);
    }
    this.capacity = capacity;
    this.obsDim = obsDim;
    obs = new float[capacity * obsDim];
    nextObs = new float[capacity * obsDim];
    actions = new int[capacity];
    rewards = new float[capacity];
    terminated = new boolean[capacity];
  }

  /** Stores one transition, overwriting the oldest when full. The arrays are copied. */
  public void add(float[] o, int action, double reward, float[] nextO, boolean term) {
    if (o.length != obsDim || nextO.length != obsDim) {
      throw new IllegalArgumentException("observation length " + o.length + "/" + nextO.length
          + " does not match buffer obsDim " + obsDim);
    }
    System.arraycopy(o, 0, obs, next * obsDim, obsDim);
    System.arraycopy(nextO, 0, nextObs, next * obsDim, obsDim);
    actions[next] = action;
    rewards[next] = (float) reward;
    terminated[next] = term;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    added++;
  }

  /** Fills {@code out} with {@code out.size()} transitions drawn uniformly with {@code rng}. */
  public void sample(RandomGenerator rng, Batch out) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    if (out.obsDim != obsDim) {
      throw new IllegalArgumentException("batch obsDim " + out.obsDim + " != " + obsDim);
    }
    for (int b = 0; b < out.size; b++) {
      int i = rng.nextInt(size);
      out.indices[b] = i;
      System.arraycopy(obs, i * obsDim, out.obs, b * obsDim, obsDim);
      System.arraycopy(nextObs, i * obsDim, out.nextObs, b * obsDim, obsDim);
      out.actions[b] = actions[i];
      out.rewards[b] = rewards[i];
      out.terminated[b] = terminated[i];
    }
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public int obsDim() {
    return obsDim;
  }

  /** Transitions ever added (also those since overwritten). */
  public long added() {
    return added;
  }

  /**
   * A minibatch in flat primitive arrays, row-major ({@code obs[b * obsDim + i]}); reused between
   * samples.
   */
  public static final class Batch {
    public final int size;
    public final int obsDim;
    public final float[] obs;
    public final float[] nextObs;
    public final int[] actions;
    public final float[] rewards;
    public final boolean[] terminated;
    /** Buffer slots the rows came from (for tests and diagnostics). */
    public final int[] indices;

    public Batch(int size, int obsDim) {
      if (size < 1 || obsDim < 1) {
        throw new IllegalArgumentException("batch needs size and obsDim >= 1");
      }
      this.size = size;
      this.obsDim = obsDim;
      obs = new float[size * obsDim];
      nextObs = new float[size * obsDim];
      actions = new int[size];
      rewards = new float[size];
      terminated = new boolean[size];
      indices = new int[size];
    }
  }
}
