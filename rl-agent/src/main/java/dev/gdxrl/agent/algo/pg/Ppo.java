package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.train.LinearSchedule;
import java.util.ArrayList;
import java.util.List;

/**
 * Proximal Policy Optimisation (Schulman et al. 2017), clipped variant: each rollout of {@code
 * n_envs x n_steps} is used for {@code n_epochs} epochs of shuffled minibatches, maximising {@code
 * min(r A, clip(r, 1 - eps, 1 + eps) A)} with GAE(lambda) advantages, plus a value loss
 * (optionally clipped) and an entropy bonus. Options: learning-rate and clip-range annealing,
 * per-minibatch advantage normalisation, early stop of the epochs on approximate KL.
 *
 * <p>Hyperparameters: {@link PpoConfig}, at the top of this file.
 */
public final class Ppo extends OnPolicyLearner<Ppo.PpoConfig> {

  /**
   * PPO hyperparameters; YAML keys are the snake_case field names. Defaults are
   * Stable-Baselines3's (with 8 envs); the presets per env are data (core's {@code gdx-rl/presets/ppo.yaml}, see {@code Presets}).
   *
   * @param nEnvs envs stepped together (default 8)
   * @param nSteps vector steps per rollout (default 2048)
   * @param batchSize minibatch size (default 64)
   * @param nEpochs passes over each rollout (default 10)
   * @param learningRate Adam step size (default 3e-4)
   * @param annealLr anneal the learning rate linearly to 0 (default false)
   * @param gamma discount factor (default 0.99)
   * @param gaeLambda GAE lambda; 1 = n-step returns (default 0.95)
   * @param clipRange surrogate clip epsilon (default 0.2)
   * @param annealClip anneal the clip range linearly to 0 (default false)
   * @param clipRangeVf clip the value update to this distance from the old value; 0 = off
   *     (default 0)
   * @param normalizeAdvantage normalise advantages per minibatch (default true)
   * @param entCoef entropy bonus weight (default 0.0)
   * @param vfCoef value loss weight (default 0.5)
   * @param maxGradNorm global gradient-norm clip; 0 = off (default 0.5)
   * @param targetKl stop the epochs once the approximate KL exceeds 1.5 x this; 0 = off (default 0)
   * @param optimizer {@code adam} or {@code rmsprop} (default adam, eps 1e-5)
   * @param hidden hidden widths of actor and critic (default [64, 64])
   * @param activation {@code tanh} or {@code relu} (default tanh)
   * @param sharedTrunk one trunk for actor and critic (default false)
   * @param logStdInit initial log-std of the Gaussian policy (default 0)
   * @param normalizeObservations running-statistics observation normalisation (default true)
   * @param threads threads stepping the envs and sharing each minibatch's gradient (up to 4 help);
   *     results do not depend on it (default 1)
   */
  public record PpoConfig(int nEnvs, int nSteps, int batchSize, int nEpochs, double learningRate,
      boolean annealLr, double gamma, double gaeLambda, double clipRange, boolean annealClip,
      double clipRangeVf, boolean normalizeAdvantage, double entCoef, double vfCoef,
      double maxGradNorm, double targetKl, String optimizer, List<Integer> hidden,
      String activation, boolean sharedTrunk, double logStdInit, boolean normalizeObservations,
      int threads) implements OnPolicyConfig {

    public PpoConfig {
      ConfigChecks.common(nEnvs, nSteps, gamma, learningRate, maxGradNorm, optimizer, activation,
          logStdInit, threads);
      ConfigChecks.positive("batch_size", batchSize);
      ConfigChecks.positive("n_epochs", nEpochs);
      ConfigChecks.fraction("gae_lambda", gaeLambda);
      ConfigChecks.positive("clip_range", clipRange);
      ConfigChecks.nonNegative("clip_range_vf", clipRangeVf);
      ConfigChecks.nonNegative("ent_coef", entCoef);
      ConfigChecks.nonNegative("vf_coef", vfCoef);
      ConfigChecks.nonNegative("target_kl", targetKl);
      hidden = ConfigChecks.hidden(hidden);
      if (batchSize > (long) nEnvs * nSteps) {
        throw new IllegalArgumentException("batch_size " + batchSize
            + " exceeds the rollout size n_envs x n_steps = " + (long) nEnvs * nSteps);
      }
    }

    /** Stable-Baselines3's PPO defaults, with 8 envs. */
    public static PpoConfig defaults() {
      return new PpoConfig(8, 2048, 64, 10, 3e-4, false, 0.99, 0.95, 0.2, false, 0, true, 0.0,
          0.5, 0.5, 0, PgOptimizer.ADAM, List.of(64, 64), ActorCriticSpec.TANH, false,
          0.0, true, 1);
    }

  }

  /** The clip range, annealed to (almost) 0 over the run when {@code anneal_clip}. */
  private final LinearSchedule clipRange;
  /** The rollout's entries in this epoch's (shuffled) order. */
  private final int[] order;
  /** The minibatch rows, reused. */
  private final float[] block;

  public Ppo(PpoConfig config, AgentContext ctx) {
    super("ppo", config, ctx);
    clipRange = new LinearSchedule(config.clipRange(), config.annealClip(), 1e-8);
    order = new int[rollout().size()];
    block = rollout().newBlock(config.batchSize());
  }

  @Override
  protected UpdateStats update(double progressRemaining) {
    PpoConfig c = config();
    Rollout rollout = rollout();
    // 1. advantages and returns: GAE(lambda), bootstrapped from the critic
    rollout.computeGae(lastValues(), c.gamma(), c.gaeLambda());
    PgStep.Objective objective = PgStep.Objective.ppo(clipRange.at(progressRemaining),
        c.clipRangeVf(), c.vfCoef(), c.entCoef());
    // 2. n_epochs passes over the rollout in shuffled minibatches
    int len = rollout.size();
    for (int k = 0; k < len; k++) {
      order[k] = k;
    }
    List<LossTerms> losses = new ArrayList<>();
    boolean stop = false;
    for (int epoch = 0; epoch < c.nEpochs() && !stop; epoch++) {
      shuffle(order);
      for (int start = 0; start < len && !stop; start += c.batchSize()) {
        Minibatch mb = rollout.minibatch(order, start, Math.min(c.batchSize(), len - start),
            block);
        if (c.normalizeAdvantage()) {
          mb.normalizeAdvantages();
        }
        // 3. the clipped surrogate, value and entropy terms, and one optimiser step
        LossTerms loss = LossTerms.mean(gradientStep(mb, objective, c.maxGradNorm()), mb.size());
        losses.add(loss);
        // 4. early stop once the policy moved too far from the one that collected the rollout
        stop = c.targetKl() > 0 && loss.approxKl() > 1.5 * c.targetKl();
      }
    }
    return UpdateStats.mean(losses, rollout.explainedVariance(), learningRate());
  }
}
