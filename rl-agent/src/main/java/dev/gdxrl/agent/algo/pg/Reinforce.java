package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.AgentContext;
import java.util.List;

/**
 * REINFORCE (Williams 1992) with reward-to-go and a learned baseline: each batch of {@code n_envs
 * x n_steps} env steps gives one policy-gradient step on {@code -mean(logp (G - V))}, where {@code
 * G} is the discounted reward-to-go of the step within its episode and {@code V} a critic trained
 * on the same returns (the baseline keeps the estimator unbiased and lowers its variance). Episode
 * ends inside the batch are exact: nothing after a termination, the critic's value of the final
 * observation after a time-limit truncation. An episode still running when the batch ends is cut
 * there and bootstrapped from the critic, as Spinning Up's VPG does, so a batch never waits for
 * the slowest episode; make {@code n_steps} at least the episode length to keep that rare.
 *
 * <p>Hyperparameters: {@link ReinforceConfig}, at the top of this file.
 */
public final class Reinforce extends OnPolicyLearner<Reinforce.ReinforceConfig> {

  /**
   * REINFORCE hyperparameters; YAML keys are the snake_case field names.
   *
   * @param nEnvs envs stepped together (default 8)
   * @param nSteps vector steps per batch (default 500)
   * @param learningRate Adam step size (default 3e-3)
   * @param annealLr anneal the learning rate linearly to 0 (default true)
   * @param gamma discount factor (default 0.99)
   * @param normalizeAdvantage normalise the batch's advantages G - V (default true)
   * @param entCoef entropy bonus weight (default 0.0)
   * @param vfCoef weight of the baseline's regression loss (default 0.5)
   * @param maxGradNorm global gradient-norm clip; 0 = off (default 0.5)
   * @param optimizer {@code adam} or {@code rmsprop} (default adam)
   * @param hidden hidden widths of actor and critic (default [64, 64])
   * @param activation {@code tanh} or {@code relu} (default tanh)
   * @param sharedTrunk one trunk for actor and critic (default false)
   * @param logStdInit initial log-std of the Gaussian policy (default 0)
   * @param normalizeObservations running-statistics observation normalisation (default true)
   * @param threads threads stepping the envs and sharing each minibatch's gradient (up to 4 help);
   *     results do not depend on it (default 1)
   */
  public record ReinforceConfig(int nEnvs, int nSteps, double learningRate, boolean annealLr,
      double gamma, boolean normalizeAdvantage, double entCoef, double vfCoef, double maxGradNorm,
      String optimizer, List<Integer> hidden, String activation, boolean sharedTrunk,
      double logStdInit, boolean normalizeObservations, int threads) implements OnPolicyConfig {

    public ReinforceConfig {
      ConfigChecks.common(nEnvs, nSteps, gamma, learningRate, maxGradNorm, optimizer, activation,
          logStdInit, threads);
      ConfigChecks.nonNegative("ent_coef", entCoef);
      ConfigChecks.nonNegative("vf_coef", vfCoef);
      hidden = ConfigChecks.hidden(hidden);
    }

    public static ReinforceConfig defaults() {
      return new ReinforceConfig(8, 500, 3e-3, true, 0.99, true, 0.0, 0.5, 0.5, PgOptimizer.ADAM,
          List.of(64, 64), ActorCriticSpec.TANH, false, 0.0, true, 1);
    }

  }

  /** The whole rollout in collection order: the one minibatch of an update. */
  private final int[] order;
  /** The minibatch rows, reused. */
  private final float[] block;

  public Reinforce(ReinforceConfig config, AgentContext ctx) {
    super("reinforce", config, ctx);
    order = rollout().identityOrder();
    block = rollout().newBlock(rollout().size());
  }

  @Override
  protected UpdateStats update(double progressRemaining) {
    ReinforceConfig c = config();
    Rollout rollout = rollout();
    // 1. returns: the discounted reward-to-go G; advantages G - V (V: the learned baseline)
    rollout.computeRewardToGo(lastValues(), c.gamma());
    if (c.normalizeAdvantage()) {
      rollout.normalizeAdvantages();
    }
    // 2. one minibatch: the whole rollout
    Minibatch mb = rollout.minibatch(order, 0, rollout.size(), block);
    // 3. the policy-gradient, value and entropy terms, and one optimiser step
    LossTerms.Sums sums = gradientStep(mb, PgStep.Objective.policyGradient(c.vfCoef(),
        c.entCoef()), c.maxGradNorm());
    // (reported from the sums rounded to float, as these two always have)
    LossTerms loss = LossTerms.mean(sums.inFloat(), mb.size());
    return UpdateStats.ofStep(loss, rollout.explainedVariance(), learningRate());
  }
}
