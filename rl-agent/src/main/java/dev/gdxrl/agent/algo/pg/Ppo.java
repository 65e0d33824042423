package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.gdxrl.agent.AgentContext;

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
   * @param threads worker threads stepping the envs; results do not depend on it (default 1)
   */
  public record PpoConfig(int nEnvs, int nSteps, int batchSize, int nEpochs, double learningRate,
      boolean annealLr, double gamma, double gaeLambda, double clipRange, boolean annealClip,
      double clipRangeVf, boolean normalizeAdvantage, double entCoef, double vfCoef,
      double maxGradNorm, double targetKl, String optimizer, java.util.List<Integer> hidden,
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
          0.5, 0.5, 0, PgOptimizer.ADAM, java.util.List.of(64, 64), ActorCriticSpec.TANH, false,
          0.0, true, 1);
    }

  }

  private final int[] indices;
  private final float[] packed;

  public Ppo(PpoConfig config, AgentContext ctx) {
    super("ppo", config, ctx);
    indices = new int[buffer.size()];
    packed = new float[config.batchSize() * buffer.packedWidth()];
  }

  @Override
  protected UpdateStats update(double progressRemaining) {
    buffer.computeGae(lastValues(), config.gamma(), config.gaeLambda());
    double clip = config.clipRange() * (config.annealClip() ? Math.max(progressRemaining, 1e-8)
        : 1.0);
    int len = buffer.size();
    int width = buffer.packedWidth();
    int b = config.batchSize();
    for (int k = 0; k < len; k++) {
      indices[k] = k;
    }
    double[] sums = new double[5];
    int steps = 0;
    boolean stop = false;
    for (int epoch = 0; epoch < config.nEpochs() && !stop; epoch++) {
      shuffle(indices);
      for (int start = 0; start < len && !stop; start += b) {
        int count = Math.min(b, len - start);
        buffer.pack(indices, start, count, packed);
        if (config.normalizeAdvantage()) {
          normalizeAdvantageColumn(packed, count, width);
        }
        float[] s = gradientStep(count, clip);
        for (int j = 0; j < sums.length; j++) {
          sums[j] += s[j];
        }
        steps++;
        if (config.targetKl() > 0 && s[3] > 1.5 * config.targetKl()) {
          stop = true;
        }
      }
    }
    return new UpdateStats(sums[0] / steps, sums[1] / steps, sums[2] / steps, sums[3] / steps,
        sums[4] / steps, explainedVariance(), optimizer.learningRate(), steps);
  }

  /** Normalises the advantage column of a packed minibatch (skipped for a single row). */
  private void normalizeAdvantageColumn(float[] rows, int count, int width) {
    if (count < 2) {
      return;
    }
    int col = width - 3;
    double s = 0;
    for (int r = 0; r < count; r++) {
      s += rows[r * width + col];
    }
    double mean = s / count;
    double ss = 0;
    for (int r = 0; r < count; r++) {
      double d = rows[r * width + col] - mean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / (count - 1));
    for (int r = 0; r < count; r++) {
      int k = r * width + col;
      rows[k] = (float) ((rows[k] - mean) / (std + 1e-8));
    }
  }

  /**
   * One upload, forward, backward and optimiser step. Returns {policy loss, value loss, entropy,
   * approx KL, clip fraction}; the last two are computed on the host from the downloaded log
   * ratios (one download instead of a dozen native calls).
   */
  private float[] gradientStep(int count, double clip) {
    if (manual != null) {
      try (NDManager m = manager.newSubManager()) {
        double[] st = manual.gradient(m, packed, count, new ManualActorCritic.Loss(true, clip,
            config.clipRangeVf(), config.vfCoef(), config.entCoef()), manualGrad);
        optimizer.step(net.theta(), manualGrad, config.maxGradNorm());
        return new float[] {(float) (-st[0] / count), (float) (st[1] / count),
            (float) (-st[2] / count), (float) (st[3] / count), (float) (st[4] / count)};
      }
    }
    try (NDManager m = manager.newSubManager()) {
      Batch b = upload(m, packed, count);
      NDArray logRatio;
      NDArray terms;
      try (GradientCollector gc = gradients()) {
        Eval e = evaluate(b);
        logRatio = e.logp().sub(b.oldLogp());
        NDArray ratio = logRatio.exp();
        NDArray surrogate = PgLosses.clippedSurrogateSum(ratio, b.adv(), clip);
        NDArray valueErr = PgLosses.valueErrorSum(e.values(), b.oldValues(), b.returns(),
            config.clipRangeVf());
        terms = NDArrays.stack(new NDList(surrogate, valueErr, e.negEntropySum()));
        gc.backward(weightedLoss(m, terms, count, config.vfCoef(), config.entCoef()));
      }
      optimizer.step(params, config.maxGradNorm(), m);
      float[] t = terms.toFloatArray();
      float[] lr = logRatio.toFloatArray();
      double kl = 0;
      int clipped = 0;
      for (float x : lr) {
        double r = Math.exp(x);
        kl += (r - 1) - x;
        if (Math.abs(r - 1) > clip) {
          clipped++;
        }
      }
      return new float[] {-t[0] / count, t[1] / count, -t[2] / count, (float) (kl / count),
          (float) clipped / count};
    }
  }
}
