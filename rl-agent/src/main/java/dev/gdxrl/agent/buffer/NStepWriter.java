package dev.gdxrl.agent.buffer;

/**
 * Turns one-step transitions into n-step ones on their way into a {@link ReplayBuffer}: the
 * transition from s_t stores R = r_t + gamma r_{t+1} + ... + gamma^(k-1) r_{t+k-1}, the
 * observation s_{t+k} and the horizon k, where k = n, or fewer when the episode ends first. At a
 * termination every pending transition is stored as terminated (no bootstrap); at a truncation
 * they bootstrap from the final observation with gamma^k. With n = 1 it stores each transition
 * as it comes.
 *
 * <p>The targets are those of n-step Q-learning without off-policy correction (as in Rainbow and
 * Stable-Baselines3's {@code n_steps}): the k rewards come from the behaviour policy.
 */
public final class NStepWriter {
  private final int n;
  private final double gamma;
  private final int obsDim;
  private final ReplayBuffer out;
  private final float[][] obs;
  private final int[] actions;
  private final double[] rewards;
  private int head;
  private int count;

  public NStepWriter(int n, double gamma, ReplayBuffer out) {
    if (n < 1) {
      throw new IllegalArgumentException("n_step must be >= 1, got " + n);
    }
    this.n = n;
    this.gamma = gamma;
    this.obsDim = out.obsDim();
    this.out = out;
    this.obs = new float[n][obsDim];
    this.actions = new int[n];
    this.rewards = new double[n];
  }

  /**
   * One env step: from {@code o}, {@code action} gave {@code reward} and {@code nextO};
   * {@code terminated} / {@code truncated} as the env said.
   */
  public void add(float[] o, int action, double reward, float[] nextO, boolean terminated,
      boolean truncated) {
    if (n == 1) {
      out.add(o, action, reward, nextO, terminated);
      return;
    }
    int slot = (head + count) % n;
    System.arraycopy(o, 0, obs[slot], 0, obsDim);
    actions[slot] = action;
    rewards[slot] = reward;
    count++;
    if (count == n) {
      emitOldest(nextO, terminated);
    }
    if (terminated || truncated) {
      while (count > 0) {
        emitOldest(nextO, terminated);
      }
    }
  }

  /** Transitions waiting for their later rewards. */
  public int pending() {
    return count;
  }

  private void emitOldest(float[] nextO, boolean terminated) {
    double r = 0;
    double discount = 1;
    for (int j = 0; j < count; j++) {
      r += discount * rewards[(head + j) % n];
      discount *= gamma;
    }
    out.add(obs[head], actions[head], r, nextO, terminated, count);
    head = (head + 1) % n;
    count--;
  }
}
