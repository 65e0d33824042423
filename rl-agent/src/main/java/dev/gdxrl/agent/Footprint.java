package dev.gdxrl.agent;

import dev.gdxrl.agent.algo.dqn.DqnConfig;
import dev.gdxrl.agent.algo.pg.OnPolicyConfig;
import dev.gdxrl.agent.algo.tabular.Discretiser;
import dev.gdxrl.agent.algo.tabular.QTableConfig;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;
import java.util.Locale;

/**
 * Checks, before an agent is built, that what its config asks for fits: its big host arrays (the
 * replay buffer, the rollout buffer, the Q-table) in the memory the JVM may use, each in one Java
 * array, and (for training) a run long enough for one update. Each refusal is one {@link
 * IllegalArgumentException} line naming the key, the need and what to do, instead of a {@code
 * NegativeArraySizeException} or {@code OutOfMemoryError} from inside a constructor, or a run that
 * never learns. The same checks apply to a config read from a checkpoint's {@code agent.json}.
 */
public final class Footprint {
  /** Share of the JVM's maximum heap the agent's arrays may take (the rest: envs, DJL, us). */
  static final double HEAP_SHARE = 0.75;
  /** Most entries of one Java array (a little under {@code Integer.MAX_VALUE}). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;
  /** Most envs one run steps together ({@code n_envs} of any algorithm). */
  public static final int MAX_ENVS = 4096;

  private Footprint() {}

  /**
   * Refuses {@code config} when its arrays do not fit in {@code maxHeapBytes} (normally {@code
   * Runtime.getRuntime().maxMemory()}).
   *
   * @param where prefix of the message, e.g. "checkpoint DIR: " or ""
   */
  public static void checkMemory(Record config, Box obs, Space<?> act, long maxHeapBytes,
      String where) {
    int obsDim = obs.dim();
    if (config instanceof DqnConfig c) {
      envs(where, c.nEnvs());
      // obs + next obs (floats), action, reward, horizon (ints/floats), terminated (boolean)
      double bytes = (double) c.bufferSize() * (2.0 * obsDim * 4 + 4 + 4 + 4 + 1);
      fits(where, "buffer_size=" + c.bufferSize(), bytes, maxHeapBytes, "lower buffer_size");
      array(where, "buffer_size=" + c.bufferSize(), (double) c.bufferSize() * obsDim,
          "lower buffer_size");
    } else if (config instanceof OnPolicyConfig c) {
      envs(where, c.nEnvs());
      double len = (double) c.nEnvs() * c.nSteps();
      int actDim = act instanceof Discrete d ? d.n() : ((Box) act).dim();
      String what = "n_envs x n_steps = " + c.nEnvs() + " x " + c.nSteps();
      // obs, actions (one-hot or continuous), 7 floats and 2 booleans per step
      double bytes = len * ((obsDim + actDim) * 4.0 + 7 * 4 + 2);
      fits(where, what, bytes, maxHeapBytes, "lower n_envs or n_steps");
      array(where, what, len * Math.max(obsDim, actDim), "lower n_envs or n_steps");
    } else if (config instanceof QTableConfig c && act instanceof Discrete d) {
      envs(where, c.nEnvs());
      if (!c.bins().isEmpty() && c.bins().size() != obsDim) {
        return; // the Discretiser names the mismatch
      }
      double rows = 1;
      for (int i = 0; i < obsDim; i++) {
        rows *= c.bins().isEmpty() ? 10 : c.bins().get(i);
      }
      if (rows > Discretiser.MAX_ROWS) {
        return; // the Discretiser says what to do, with the bins in hand
      }
      String what = "a Q-table of " + (long) rows + " rows x " + d.n() + " actions";
      fits(where, what, rows * d.n() * (4 + 4), maxHeapBytes, "set fewer bins");
      array(where, what, rows * d.n(), "set fewer bins");
    }
  }

  private static void envs(String where, int nEnvs) {
    if (nEnvs > MAX_ENVS) {
      throw new IllegalArgumentException(where + "n_envs=" + nEnvs + " is more than the "
          + MAX_ENVS + " envs one run may step together; lower n_envs");
    }
  }

  /**
   * Refuses a run of {@code steps} env steps (from {@code startSteps}) too short for one
   * update of {@code config}: a rollout of n_envs x n_steps for the actor-critics, the first
   * multiple of train_freq after learning_starts for the DQN family.
   */
  public static void checkCoversOneUpdate(Record config, long startSteps, long steps) {
    long run = steps - startSteps;
    if (config instanceof OnPolicyConfig c) {
      long rollout = (long) c.nEnvs() * c.nSteps();
      if (run < rollout) {
        throw new IllegalArgumentException("steps=" + steps + (startSteps > 0 ? " (from "
            + startSteps + ")" : "") + " cannot fill one rollout of n_envs x n_steps = "
            + c.nEnvs() + " x " + c.nSteps() + " = " + rollout + " env steps, so nothing would"
            + " be learned: train for at least " + (startSteps + rollout)
            + " steps, or lower n_envs or n_steps");
      }
    } else if (config instanceof DqnConfig c) {
      // DqnAgent trains at env step k (1-based) when k % train_freq == 0, k > learning_starts
      // and the buffer holds a transition (the first n-step one is stored at step n_step)
      long lo = Math.max(c.learningStarts() + 1, c.nStep());
      long first = (lo + c.trainFreq() - 1) / c.trainFreq() * c.trainFreq();
      if (steps < first) {
        throw new IllegalArgumentException("steps=" + steps + " ends before the first gradient"
            + " step (at step " + first + ": the first multiple of train_freq=" + c.trainFreq()
            + " after learning_starts=" + c.learningStarts() + "), so nothing would be learned:"
            + " train for at least " + first + " steps, or lower learning_starts or"
            + " train_freq");
      }
    }
  }

  private static void array(String where, String what, double entries, String fix) {
    if (entries > MAX_ARRAY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s%s needs arrays of %.3g entries, more than the %d one Java array holds; %s",
          where, what, entries, MAX_ARRAY, fix));
    }
  }

  private static void fits(String where, String what, double bytes, long maxHeap, String fix) {
    if (bytes > maxHeap * HEAP_SHARE) {
      double gib = 1024.0 * 1024 * 1024;
      long suggest = (long) Math.ceil(bytes / HEAP_SHARE / gib) + 1;
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s%s needs %.1f GiB, the JVM has %.1f GiB (-Xmx); %s or raise"
              + " GDX_RL_JAVA_OPTS=-Xmx%dg", where, what, bytes / gib, maxHeap / gib, fix,
          suggest));
    }
  }
}
