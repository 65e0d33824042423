package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.AgentContext;
import java.util.List;

/**
 * Synchronous advantage actor-critic (A2C, Mnih et al. 2016 without the asynchrony): every
 * {@code n_steps} vector steps of {@code n_envs} envs, one gradient step on the whole rollout with
 * the loss {@code -mean(logp A) + vf_coef MSE(V, R) - ent_coef H}, advantages by GAE(lambda)
 * (lambda = 1, the default, gives plain n-step returns), global gradient-norm clipping, RMSprop
 * (or Adam), optional advantage normalisation.
 *
 * <p>Hyperparameters: {@link A2cConfig}, at the top of this file.
 */
public final class A2c extends OnPolicyLearner<A2c.A2cConfig> {

  /**
   * A2C hyperparameters; YAML keys are the snake_case field names. Defaults are
   * Stable-Baselines3's (with 8 envs); the presets per env are data (core's {@code gdx-rl/presets/*.yaml}, see {@code Presets}).
   *
   * @param nEnvs envs stepped together (default 8)
   * @param nSteps vector steps per update (default 5)
   * @param learningRate step size (default 7e-4)
   * @param annealLr anneal the learning rate linearly to 0 (default false)
   * @param gamma discount factor (default 0.99)
   * @param gaeLambda GAE lambda; 1 = n-step returns (default 1.0)
   * @param normalizeAdvantage normalise the rollout's advantages (default false)
   * @param entCoef entropy bonus weight (default 0.0)
   * @param vfCoef value loss weight (default 0.5)
   * @param maxGradNorm global gradient-norm clip; 0 = off (default 0.5)
   * @param optimizer {@code rmsprop} (alpha 0.99, eps 1e-5, as SB3) or {@code adam} (default
   *     rmsprop)
   * @param hidden hidden widths of actor and critic (default [64, 64])
   * @param activation {@code tanh} or {@code relu} (default tanh)
   * @param sharedTrunk one trunk for actor and critic (default false)
   * @param logStdInit initial log-std of the Gaussian policy (default 0)
   * @param normalizeObservations running-statistics observation normalisation (default true)
   * @param threads threads stepping the envs and sharing each minibatch's gradient (up to 4 help);
   *     results do not depend on it (default 1)
   */
  public record A2cConfig(int nEnvs, int nSteps, double learningRate, boolean annealLr,
      double gamma, double gaeLambda, boolean normalizeAdvantage, double entCoef, double vfCoef,
      double maxGradNorm, String optimizer, List<Integer> hidden, String activation,
      boolean sharedTrunk, double logStdInit, boolean normalizeObservations, int threads)
      implements OnPolicyConfig {

    public A2cConfig {
      ConfigChecks.common(nEnvs, nSteps, gamma, learningRate, maxGradNorm, optimizer, activation,
          logStdInit, threads);
      ConfigChecks.fraction("gae_lambda", gaeLambda);
      ConfigChecks.nonNegative("ent_coef", entCoef);
      ConfigChecks.nonNegative("vf_coef", vfCoef);
      hidden = ConfigChecks.hidden(hidden);
    }

    /** Stable-Baselines3's A2C defaults, with 8 envs. */
    public static A2cConfig defaults() {
      return new A2cConfig(8, 5, 7e-4, false, 0.99, 1.0, false, 0.0, 0.5, 0.5,
          PgOptimizer.RMSPROP, List.of(64, 64), ActorCriticSpec.TANH, false, 0.0, true, 1);
    }

  }

  /** The whole rollout in collection order: the one minibatch of an update. */
  private final int[] order;
  /** The minibatch rows, reused. */
  private final float[] block;

  public A2c(A2cConfig config, AgentContext ctx) {
    super("a2c", config, ctx);
    order = rollout().identityOrder();
    block = rollout().newBlock(rollout().size());
  }

  @Override
  protected UpdateStats update(double progressRemaining) {
    A2cConfig c = config();
    Rollout rollout = rollout();
    // 1. advantages and returns: GAE(lambda); lambda = 1 gives n-step returns
    rollout.computeGae(lastValues(), c.gamma(), c.gaeLambda());
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
