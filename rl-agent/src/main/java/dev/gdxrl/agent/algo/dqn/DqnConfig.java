package dev.gdxrl.agent.algo.dqn;

import static dev.gdxrl.agent.config.Check.atLeast;
import static dev.gdxrl.agent.config.Check.fraction;
import static dev.gdxrl.agent.config.Check.oneOf;
import static dev.gdxrl.agent.config.Check.positive;

import java.util.List;

/**
 * DQN / Double DQN hyperparameters. YAML keys are the snake_case names of the fields
 * ({@code learning_rate}, {@code batch_size}, ...). Defaults are Stable-Baselines3's, except the
 * replay buffer (100,000 instead of 1,000,000); the presets per env are data (core's {@code gdx-rl/presets/*.yaml}, see {@code Presets}).
 *
 * @param learningRate Adam step size (default 1e-4)
 * @param batchSize transitions per gradient step (default 32)
 * @param bufferSize replay buffer capacity in transitions (default 100,000)
 * @param learningStarts env steps of pure exploration before the first gradient step (default 100)
 * @param gamma discount factor (default 0.99)
 * @param tau target update coefficient: 1 = hard copy, below 1 = Polyak averaging (default 1)
 * @param targetUpdateInterval how often the target network is updated (default 10,000)
 * @param targetUpdateUnit unit of {@code targetUpdateInterval}: {@code env_steps} (as SB3 and
 *     the RL-Zoo count) or {@code gradient_steps} (default env_steps)
 * @param trainFreq env steps between training rounds (default 4)
 * @param gradientSteps gradient steps per training round; -1 = as many as env steps since the last
 *     round (default 1)
 * @param loss {@code huber} (smooth L1, delta 1) or {@code mse} (default huber)
 * @param maxGradNorm clip the global gradient norm to this; 0 = no clipping (default 10)
 * @param exploration {@code epsilon} (epsilon-greedy) or {@code boltzmann} (softmax of Q /
 *     temperature) (default epsilon)
 * @param explorationFraction share of the run over which epsilon falls linearly (default 0.1)
 * @param explorationInitialEps epsilon at step 0 (default 1.0)
 * @param explorationFinalEps epsilon after the decay (default 0.05)
 * @param temperature Boltzmann temperature (default 1.0; only with exploration = boltzmann)
 * @param hidden hidden layer widths of the Q-network MLP (default [64, 64])
 * @param dueling dueling head: Q = V + A - mean(A) (default false)
 * @param doubleQ Double DQN target: online argmax, target evaluation (set by algo double-dqn)
 * @param annealLr anneal the learning rate linearly to 0 over the run (default false)
 * @param nStep n-step returns: each stored transition carries the discounted sum of the next
 *     {@code n_step} rewards and bootstraps with gamma^n from the observation n steps later
 *     (fewer at an episode's end); 1 = one-step DQN (default 1). No preset uses it yet: measured
 *     on lunarlander, double-dqn 150,000 steps, 100-episode evals, seeds 1 / 2: 266.8 / 214.4 with
 *     n_step 3 against 247.6 / 256.1 with 1
 * @param nEnvs envs stepped together, each vector step storing n_envs transitions (default 1).
 *     Every count above is in env steps (transitions) whatever n_envs is: learning_starts, the
 *     exploration schedule, train_freq, target_update_interval (env_steps unit). So a training
 *     round comes every train_freq transitions and the ratio of gradient steps to transitions
 *     stays that of n_envs = 1 (Stable-Baselines3 counts train_freq in vector steps instead, so
 *     its train_freq 4 with 4 envs is a round every 16 transitions). The round runs after the
 *     vector step that reaches a multiple of train_freq past learning_starts; when one vector
 *     step passes k of them (n_envs above train_freq) it runs k x gradient_steps
 * @param threads worker threads stepping the envs; results do not depend on it (default 1)
 */
public record DqnConfig(
    double learningRate,
    int batchSize,
    int bufferSize,
    long learningStarts,
    double gamma,
    double tau,
    long targetUpdateInterval,
    String targetUpdateUnit,
    int trainFreq,
    int gradientSteps,
    String loss,
    double maxGradNorm,
    String exploration,
    double explorationFraction,
    double explorationInitialEps,
    double explorationFinalEps,
    double temperature,
    List<Integer> hidden,
    boolean dueling,
    boolean doubleQ,
    boolean annealLr,
    int nStep,
    int nEnvs,
    int threads) {

  public static final String ENV_STEPS = "env_steps";
  public static final String GRADIENT_STEPS = "gradient_steps";
  public static final String HUBER = "huber";
  public static final String MSE = "mse";
  public static final String EPSILON = "epsilon";
  public static final String BOLTZMANN = "boltzmann";

  public DqnConfig {
    positive("learning_rate", learningRate);
    atLeast("batch_size", batchSize, 1);
    atLeast("buffer_size", bufferSize, 1);
    atLeast("learning_starts", learningStarts, 0);
    fraction("gamma", gamma);
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], got " + tau);
    }
    atLeast("target_update_interval", targetUpdateInterval, 1);
    oneOf("target_update_unit", targetUpdateUnit, ENV_STEPS, GRADIENT_STEPS);
    atLeast("train_freq", trainFreq, 1);
    if (gradientSteps < 1 && gradientSteps != -1) {
      throw new IllegalArgumentException(
          "gradient_steps must be >= 1 or -1 (as many as env steps), got " + gradientSteps);
    }
    oneOf("loss", loss, HUBER, MSE);
    atLeast("max_grad_norm", maxGradNorm, 0);
    oneOf("exploration", exploration, EPSILON, BOLTZMANN);
    fraction("exploration_fraction", explorationFraction);
    fraction("exploration_initial_eps", explorationInitialEps);
    fraction("exploration_final_eps", explorationFinalEps);
    positive("temperature", temperature);
    atLeast("n_step", nStep, 1);
    atLeast("n_envs", nEnvs, 1);
    atLeast("threads", threads, 1);
    hidden = List.copyOf(hidden);
    for (int h : hidden) {
      atLeast("hidden", h, 1);
    }
  }

  /** Stable-Baselines3's defaults (buffer 100,000). */
  public static DqnConfig defaults() {
    return new DqnConfig(1e-4, 32, 100_000, 100, 0.99, 1.0, 10_000, ENV_STEPS, 4, 1, HUBER, 10,
        EPSILON, 0.1, 1.0, 0.05, 1.0, List.of(64, 64), false, false, false, 1, 1, 1);
  }

  /** This config with the Double DQN target switched on or off. */
  public DqnConfig withDoubleQ(boolean on) {
    return new DqnConfig(learningRate, batchSize, bufferSize, learningStarts, gamma, tau,
        targetUpdateInterval, targetUpdateUnit, trainFreq, gradientSteps, loss, maxGradNorm,
        exploration, explorationFraction, explorationInitialEps, explorationFinalEps, temperature,
        hidden, dueling, on, annealLr, nStep, nEnvs, threads);
  }

  /** This config with a training round of {@code steps} gradient steps every {@code every}. */
  public DqnConfig withTrainFreq(int every, int steps) {
    return new DqnConfig(learningRate, batchSize, bufferSize, learningStarts, gamma, tau,
        targetUpdateInterval, targetUpdateUnit, every, steps, loss, maxGradNorm, exploration,
        explorationFraction, explorationInitialEps, explorationFinalEps, temperature, hidden,
        dueling, doubleQ, annealLr, nStep, nEnvs, threads);
  }

  /** This config stepping {@code envs} envs on {@code workers} threads. */
  public DqnConfig withEnvs(int envs, int workers) {
    return new DqnConfig(learningRate, batchSize, bufferSize, learningStarts, gamma, tau,
        targetUpdateInterval, targetUpdateUnit, trainFreq, gradientSteps, loss, maxGradNorm,
        exploration, explorationFraction, explorationInitialEps, explorationFinalEps, temperature,
        hidden, dueling, doubleQ, annealLr, nStep, envs, workers);
  }

  /** Epsilon after {@code step} of {@code totalSteps} env steps (linear decay, then constant). */
  public double epsilon(long step, long totalSteps) {
    double span = explorationFraction * totalSteps;
    double progress = span <= 0 ? 1 : Math.min(1, step / span);
    return explorationInitialEps + progress * (explorationFinalEps - explorationInitialEps);
  }

  /** Hidden widths as an array. */
  public int[] hiddenArray() {
    return hidden.stream().mapToInt(Integer::intValue).toArray();
  }
}
