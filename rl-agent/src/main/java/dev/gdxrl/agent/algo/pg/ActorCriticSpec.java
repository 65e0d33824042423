package dev.gdxrl.agent.algo.pg;

import java.util.Arrays;

/**
 * Shape of an actor-critic network: MLP trunk(s) of {@code hidden} widths with {@code activation},
 * an actor head (logits for {@code Discrete(k)}, means for a {@code Box} of dimension k) and a
 * critic head V(s). With {@code sharedTrunk} the two heads sit on one trunk; otherwise actor and
 * critic are separate MLPs of the same widths (Stable-Baselines3's default for PPO and A2C).
 *
 * @param obsDim observation size
 * @param hidden hidden widths (may be empty)
 * @param discrete categorical policy (true) or diagonal Gaussian (false)
 * @param actions number of actions (discrete) or action dimensions (continuous)
 * @param sharedTrunk one trunk for actor and critic
 * @param activation {@code tanh} or {@code relu}
 * @param logStdInit initial log standard deviation of the Gaussian (ignored for discrete)
 */
public record ActorCriticSpec(int obsDim, int[] hidden, boolean discrete, int actions,
    boolean sharedTrunk, String activation, double logStdInit) {

  public static final String TANH = "tanh";
  public static final String RELU = "relu";

  public ActorCriticSpec {
    if (obsDim < 1 || actions < 1) {
      throw new IllegalArgumentException(
          "actor-critic needs obsDim and actions >= 1, got " + obsDim + " and " + actions);
    }
    hidden = hidden.clone();
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer width must be >= 1, got " + h);
      }
    }
    if (!TANH.equals(activation) && !RELU.equals(activation)) {
      throw new IllegalArgumentException("activation must be tanh or relu, got " + activation);
    }
    if (!Double.isFinite(logStdInit)) {
      throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  boolean tanh() {
    return TANH.equals(activation);
  }

  /** The network in the one spec of the kernel. */
  public dev.gdxrl.agent.net.MlpSpec mlp() {
    return dev.gdxrl.agent.net.MlpSpec.actorCritic(obsDim, hidden,
        tanh() ? dev.gdxrl.agent.net.MlpSpec.Activation.TANH
            : dev.gdxrl.agent.net.MlpSpec.Activation.RELU, sharedTrunk, discrete, actions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActorCriticSpec s && s.obsDim == obsDim && Arrays.equals(s.hidden, hidden)
        && s.discrete == discrete && s.actions == actions && s.sharedTrunk == sharedTrunk
        && s.activation.equals(activation) && Double.compare(s.logStdInit, logStdInit) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hidden) * 31 + obsDim * 7 + actions + (discrete ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ActorCritic[" + obsDim + " -> " + Arrays.toString(hidden) + " " + activation
        + (sharedTrunk ? " shared" : " separate") + " -> "
        + (discrete ? actions + " logits" : actions + " means + log_std") + ", V]";
  }
}
