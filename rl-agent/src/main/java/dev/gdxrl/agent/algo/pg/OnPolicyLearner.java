package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDManager;
import dev.gdxrl.agent.ActorCriticAgent;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.Collector;
import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.net.GradientPath;
import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.agent.net.Networks;
import dev.gdxrl.agent.train.LinearSchedule;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.RunningMeanStd;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.VectorEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What REINFORCE, A2C and PPO share: rollout collection over a {@link VectorEnv} (driven by the
 * shared {@code Trainer}), the actor-critic network, checkpoints, and the deterministic
 * policy. Each algorithm's file holds its config record and its {@link #update}, which reads the
 * collected {@link #rollout()} and takes {@link #gradientStep gradient steps} on its minibatches
 * ({@link PgStep}, the one shared part of the updates).
 *
 * <p>Collection: the training loop takes whole rollouts through {@link #collector} ({@link
 * ShardedRollout}: each vector env thread acts with its own host copy of the policy and steps its
 * own shard of envs for the whole rollout, one hand-off per rollout); {@link #actBatch} / {@link
 * #observeBatch} do the same one vector step at a time, with the same result. Per vector step, the
 * observations are normalised with the statistics frozen at the rollout's start (its raw
 * observations are added to them, step by step, when the rollout is full, before the update; a
 * rollout the run's end cuts short adds nothing), a batched host forward pass gives each env's
 * action distribution and value, and actions are sampled with draws from this agent's own
 * generator in a fixed order (step by step, env 0 first). So the same seed gives the same run for
 * any thread count. Continuous actions go to the env clipped to the Box, while the buffer keeps
 * the unclipped sample and its log-probability. An episode cut by the time limit gets the
 * critic's value of its final observation as bootstrap; a terminated one gets nothing. When the
 * rollout is full the algorithm updates.
 *
 * <p>Memory: parameters and optimiser state live on the agent's base manager; everything a
 * gradient step creates lives on a sub-manager closed at the end of that step.
 *
 * <p>The algorithms reach this class through its protected methods only: {@link #config()},
 * {@link #rollout()}, {@link #lastValues()}, {@link #gradientStep}, {@link #shuffle} and {@link
 * #learningRate()}.
 */
public abstract class OnPolicyLearner<C extends OnPolicyConfig>
    implements Agent<Object>, ActorCriticAgent {
  /** File of the network parameters inside a checkpoint (DJL's block format). */
  public static final String PARAMS_FILE = "actor_critic.params";
  /** Epsilon of the optimiser (Adam's 1e-5 as in Stable-Baselines3; RMSprop's likewise). */
  private static final double OPTIMIZER_EPS = 1e-5;
  /** RMSprop's smoothing constant (Stable-Baselines3's). */
  private static final double RMSPROP_ALPHA = 0.99;

  private final String algo;
  private final C config;
  private final long totalSteps;
  final int n;
  final int obsDim;
  final boolean discrete;
  /** Number of actions (discrete) or action dimensions (continuous). */
  final int actions;
  /** Width of one stored action: 1 for discrete, the action dimension for continuous. */
  final int actDim;
  final Box actionBox;
  private final NDManager manager;
  final ActorCriticNet net;
  private final HostNet host;
  private final PgOptimizer optimizer;
  final RolloutBuffer buffer;
  /** The updates' view of {@link #buffer}. */
  private final Rollout rollout;
  private final PgStep pgStep;
  /** The threads the update's gradients run on ({@link #endRollout(long, ShardThreads)}). */
  private ShardThreads updateThreads = ShardThreads.CALLER;
  private final LinearSchedule lrSchedule;
  final SplittableRandom actRng;
  private final SplittableRandom shuffleRng;
  RunningMeanStd obsStats; // null: no normalisation
  /**
   * The rollout's raw observations (time-major, as the buffer), folded into {@link #obsStats}
   * when the rollout is full; null without normalisation.
   */
  final float[] rawRollout;
  /** The current parameters (host copy) and their version, bumped by each update and load. */
  private float[] theta;
  private long thetaVersion;

  private final float[] rawFlat;
  private final float[] obsNorm;
  private final float[] actorOut;
  private final float[] stepValues;
  private final float[] stepLogps;
  private final float[] stepActions;
  final Object[] envActions;
  final float[] lastValues;
  private final float[] oneObs;
  private final float[] oneValue = new float[1];
  private final float[] oneHead;
  private final HostNet greedyNet; // for actGreedy / act, refreshed after each update
  private boolean stepwise;
  private long gradientSteps;
  private long collectNanos;
  private long updateNanos;
  private long lastCollectStart;
  private long updates;
  private UpdateStats lastStats;

  /**
   * @param algo the algorithm id
   * @param ctx spaces, device, seed (network initialisation, action sampling, minibatch
   *     shuffling) and the run's length (for annealing)
   */
  protected OnPolicyLearner(String algo, C config, AgentContext ctx) {
    this.algo = algo;
    this.config = config;
    this.totalSteps = ctx.totalSteps();
    this.n = config.nEnvs();
    this.obsDim = ctx.observationSpace().flatSize();
    Space<?> as = ctx.actionSpace();
    if (as instanceof Discrete d) {
      discrete = true;
      actions = d.n();
      actDim = 1;
      actionBox = null;
    } else {
      Box b = (Box) as;
      discrete = false;
      actions = b.dim();
      actDim = b.dim();
      actionBox = b;
    }
    SplittableRandom root = new SplittableRandom(ctx.seed());
    SplittableRandom initRng = root.split();
    this.actRng = root.split();
    this.shuffleRng = root.split();
    DjlDefaults.apply();
    this.manager = NDManager.newBaseManager(ctx.device());
    this.net = new ActorCriticNet(config.networkSpec(obsDim, discrete, actions), initRng)
        .initialize(manager);
    this.theta = net.hostParameters();
    this.host = new HostNet(net.spec().mlp(), theta);
    this.greedyNet = new HostNet(net.spec().mlp(), theta);
    this.optimizer = new PgOptimizer(config.optimizer(), config.learningRate(),
        OPTIMIZER_EPS, RMSPROP_ALPHA);
    this.buffer = new RolloutBuffer(config.nSteps(), n, obsDim, actDim, discrete ? actions : 0);
    this.rollout = new Rollout(buffer);
    this.lrSchedule = LinearSchedule.linear(config.learningRate(), config.annealLr());
    this.pgStep = new PgStep(net, manager, optimizer, GradientPath.forDevice(ctx.device()));
    this.obsStats = config.normalizeObservations() ? new RunningMeanStd(obsDim) : null;
    this.rawRollout = obsStats == null ? null : new float[config.nSteps() * n * obsDim];
    rawFlat = new float[n * obsDim];
    obsNorm = new float[n * obsDim];
    actorOut = new float[n * actions];
    stepValues = new float[n];
    stepLogps = new float[n];
    stepActions = new float[n * actDim];
    lastValues = new float[n];
    oneObs = new float[obsDim];
    oneHead = new float[actions];
    if (discrete) {
      envActions = new Integer[n];
    } else {
      float[][] a = new float[n][actDim];
      envActions = a;
    }
  }

  /**
   * Computes gradients with DJL's autograd instead of by hand (the path a GPU takes); for tests
   * that compare the two. Call before training.
   */
  void useAutograd() {
    pgStep.useAutograd();
  }

  /** Whether gradients are computed by hand (the CPU path). */
  boolean handWritten() {
    return pgStep.handWritten();
  }

  public C config() {
    return config;
  }

  @Override
  public String algo() {
    return algo;
  }

  @Override
  public int envs() {
    return n;
  }

  @Override
  public int threads() {
    return config.threads();
  }

  /** Each env draws its episodes' seeds from its own generator (as these learners always did). */
  @Override
  public EpisodeSeeding episodeSeeding() {
    return EpisodeSeeding.PER_ENV_GENERATOR;
  }

  public ActorCriticNet network() {
    return net;
  }

  /** The host copy of the network, current after every update. */
  public HostNet hostNetwork() {
    return host;
  }

  /** The observation statistics, or null when normalisation is off. */
  public RunningMeanStd observationStats() {
    return obsStats;
  }

  /** Wall seconds spent collecting rollouts (env steps and acting) so far. */
  public double collectSeconds() {
    return collectNanos / 1e9;
  }

  /** Wall seconds spent in updates (gradient steps) so far. */
  public double updateSeconds() {
    return updateNanos / 1e9;
  }

  /** Normalises {@code rawFlat} into {@code obsNorm} with the rollout's frozen statistics. */
  private void normalizeBatch() {
    if (obsStats == null) {
      System.arraycopy(rawFlat, 0, obsNorm, 0, rawFlat.length);
      return;
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(rawFlat, i * obsDim, oneObs, 0, obsDim);
      obsStats.normalize(oneObs, oneObs, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
      System.arraycopy(oneObs, 0, obsNorm, i * obsDim, obsDim);
    }
  }

  @Override
  public Object[] actBatch(float[][] observations, long envStep) {
    if (buffer.full()) {
      throw new IllegalStateException("actBatch after a full rollout without observeBatch");
    }
    beginCollect();
    VectorEnv.flatten(observations, rawFlat);
    if (rawRollout != null) {
      System.arraycopy(rawFlat, 0, rawRollout, buffer.filled() * n * obsDim, n * obsDim);
    }
    normalizeBatch();
    host.forward(obsNorm, n, actorOut, stepValues);
    sampleActions();
    buffer.addPolicyStep(obsNorm, stepActions, stepValues, stepLogps);
    return envActions;
  }

  @Override
  public int observeBatch(VectorEnv.Result r, long envStep) {
    boolean[] trunc = r.truncated();
    boolean[] term = r.terminated();
    for (int i = 0; i < n; i++) {
      if (trunc[i] && !term[i]) {
        buffer.setTruncValue(i, finalValue(r.finalObservations()[i]));
      }
    }
    buffer.addEnvStep(r.rewards(), term, trunc);
    if (!buffer.full()) {
      return 0;
    }
    // V of the observations the next rollout starts from (with the rollout's statistics)
    r.observationsFlat(rawFlat);
    normalizeBatch();
    host.forward(obsNorm, n, 1, lastValues);
    return endRollout(envStep);
  }

  /**
   * Whole rollouts on the vector env's shard threads ({@link ShardedRollout}); after {@link
   * #collectStepwise()}, one vector step at a time through {@link #actBatch} and {@link
   * #observeBatch}.
   */
  @Override
  public Collector<Object> collector(VectorEnv<Object> venv) {
    return stepwise ? Collector.stepwise(this, venv) : new ShardedRollout(this, venv);
  }

  /**
   * Collects step by step (the reference {@link ShardedRollout} must match exactly); for tests.
   * Call before training.
   */
  void collectStepwise() {
    stepwise = true;
  }

  /** Marks the start of collection when the rollout is empty (for {@link #collectSeconds}). */
  void beginCollect() {
    if (buffer.filled() == 0) {
      lastCollectStart = System.nanoTime();
    }
  }

  /** The current parameters (do not modify) and their version. */
  float[] theta() {
    return theta;
  }

  long thetaVersion() {
    return thetaVersion;
  }

  /**
   * Adds the raw observations of the full rollout to the statistics, vector step by vector step
   * in order (each step's batch of n as one {@link RunningMeanStd#updateBatch}, as they were
   * added when statistics moved every step).
   */
  private void foldStatistics() {
    if (rawRollout != null) {
      float[] one = rawFlat;
      for (int t = 0; t < buffer.filled(); t++) {
        System.arraycopy(rawRollout, t * n * obsDim, one, 0, n * obsDim);
        obsStats.updateBatch(one, n);
      }
    }
  }

  /**
   * The run stopped after {@code filled} vector steps of the rollout: the buffer keeps those; no
   * update, and the statistics stay those of the rollout's start (as for any rollout the run's
   * end cuts short).
   */
  void stopRollout(int filled) {
    buffer.truncateTo(filled);
    collectNanos += System.nanoTime() - lastCollectStart;
  }

  /**
   * The end of collection: when the rollout is full (its last values in {@link #lastValues()}),
   * its observations go into the statistics and the update runs; a rollout cut short by the run's
   * end changes neither. Returns the gradient steps taken.
   */
  int endRollout(long envStep) {
    return endRollout(envStep, ShardThreads.CALLER);
  }

  /** {@link #endRollout(long)} with the update's gradients split over {@code threads}. */
  int endRollout(long envStep, ShardThreads threads) {
    long t1 = System.nanoTime();
    if (!buffer.full()) {
      collectNanos += t1 - lastCollectStart;
      return 0;
    }
    foldStatistics();
    collectNanos += t1 - lastCollectStart;
    double remaining = LinearSchedule.progressRemaining(envStep, totalSteps);
    optimizer.setLearningRate(lrSchedule.at(remaining));
    updateThreads = threads;
    try {
      lastStats = update(remaining);
    } finally {
      updateThreads = ShardThreads.CALLER;
    }
    setTheta(net.hostParameters());
    buffer.clear();
    updateNanos += System.nanoTime() - t1;
    updates++;
    gradientSteps += lastStats.gradientSteps();
    return lastStats.gradientSteps();
  }

  private void setTheta(float[] parameters) {
    theta = parameters;
    thetaVersion++;
    host.set(theta);
    greedyNet.set(theta);
  }

  /** Policy plus value loss of the last update (0 before the first). */
  @Override
  public double lastLoss() {
    return lastStats == null ? 0 : lastStats.policyLoss() + lastStats.valueLoss();
  }

  @Override
  public boolean parametersFinite() {
    return host.finite();
  }

  /** The last update's statistics, or null before the first update. */
  public UpdateStats lastUpdate() {
    return lastStats;
  }

  public long updates() {
    return updates;
  }

  /** A stochastic action for one observation (statistics not updated). */
  public Object act(float[] observation, long envStep) {
    return decide(observation, false);
  }

  /** The deterministic action (argmax / mean clipped to the Box), statistics not updated. */
  @Override
  public Object actGreedy(float[] observation) {
    return decide(observation, true);
  }

  @Override
  public boolean discreteActions() {
    return discrete;
  }

  @Override
  public int actionSize() {
    return actions;
  }

  @Override
  public float distribution(float[] observation, float[] out) {
    normalizeOne(observation);
    greedyNet.forward(oneObs, 1, oneHead, oneValue);
    if (discrete) {
      Categorical.probs(oneHead, 0, actions, out);
    } else {
      System.arraycopy(oneHead, 0, out, 0, actions);
    }
    return oneValue[0];
  }

  @Override
  public float[] std(float[] out) {
    for (int j = 0; j < actions; j++) {
      out[j] = discrete ? Float.NaN : (float) Math.exp(greedyNet.vector(0)[j]);
    }
    return out;
  }

  private void normalizeOne(float[] observation) {
    if (observation.length != obsDim) {
      throw new IllegalArgumentException(
          "observation has " + observation.length + " values, the agent expects " + obsDim);
    }
    if (obsStats != null) {
      obsStats.normalize(observation, oneObs, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
    } else {
      System.arraycopy(observation, 0, oneObs, 0, obsDim);
    }
  }

  private Object decide(float[] observation, boolean greedy) {
    normalizeOne(observation);
    greedyNet.forward(oneObs, 1, oneHead, null);
    if (discrete) {
      return greedy ? Categorical.argmax(oneHead, 0, actions)
          : Categorical.sample(oneHead, 0, actions, actRng);
    }
    float[] a = new float[actions];
    if (greedy) {
      System.arraycopy(oneHead, 0, a, 0, actions);
    } else {
      DiagGaussian.sample(oneHead, 0, greedyNet.vector(0), actions, actRng, a, 0);
    }
    return actionBox.clip(a);
  }

  @Override
  public long gradientSteps() {
    return gradientSteps;
  }

  @Override
  public void restoreGradientSteps(long steps) {
    gradientSteps = steps;
  }

  @Override
  public Map<String, Double> diagnostics(long envStep) {
    Map<String, Double> d = new LinkedHashMap<>();
    d.put("learning_rate", optimizer.learningRate());
    if (lastStats != null) {
      d.put("loss", lastStats.policyLoss() + lastStats.valueLoss());
      d.put("policy_loss", lastStats.policyLoss());
      d.put("value_loss", lastStats.valueLoss());
      d.put("entropy", lastStats.entropy());
      d.put("approx_kl", lastStats.approxKl());
      d.put("clip_fraction", lastStats.clipFraction());
      d.put("explained_variance", lastStats.explainedVariance());
    }
    if (!discrete) {
      d.put("std", Math.exp(greedyNet.vector(0)[0]));
    }
    d.put("collect_s", collectSeconds());
    d.put("update_s", updateSeconds());
    return d;
  }

  /**
   * Observation statistics for {@code agent.json} ({@code mean}, {@code var}, {@code count},
   * {@code clip}), or null when normalisation is off.
   */
  @Override
  public Map<String, Object> normalization() {
    return obsStats == null ? null : NormalizationState.toMap(obsStats.state());
  }

  /** Observations are normalised here, with the statistics saved in {@code agent.json}. */
  @Override
  public boolean normalizesInternally() {
    return true;
  }

  @Override
  public void save(Path dir) throws IOException {
    Networks.save(net, dir.resolve(PARAMS_FILE));
  }

  /** Reads the parameters and, from {@code agent.json}, the observation statistics. */
  @Override
  public void load(Path dir) throws IOException {
    Networks.load(net, manager, dir.resolve(PARAMS_FILE));
    pgStep.parametersLoaded();
    setTheta(net.hostParameters());
    if (config.normalizeObservations()) {
      CheckpointMeta meta = Checkpoints.readMeta(dir);
      if (meta.normalization() == null) {
        throw new IOException("the config normalises observations but agent.json has no "
            + "normalization statistics");
      }
      RunningMeanStd.State st = NormalizationState.fromMap(meta.normalization());
      if (st.mean().length != obsDim) {
        throw new IOException("normalization statistics have " + st.mean().length
            + " dims but the env observes " + obsDim);
      }
      obsStats = new RunningMeanStd(st);
    }
  }

  /** The deterministic policy (argmax / mean) with frozen statistics, as a core Policy. */
  public PgPolicy policy() {
    return new PgPolicy(new HostNet(net.spec().mlp(), net.hostParameters()),
        obsStats == null ? null : obsStats.state(), actionBox, true, 0L);
  }

  /** V of a final observation, normalised with the current statistics (not updating them). */
  private float finalValue(float[] finalObs) {
    if (obsStats != null) {
      obsStats.normalize(finalObs, oneObs, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
    } else {
      System.arraycopy(finalObs, 0, oneObs, 0, obsDim);
    }
    host.forward(oneObs, 1, 1, oneValue);
    return oneValue[0];
  }

  private void sampleActions() {
    if (discrete) {
      Integer[] acts = (Integer[]) envActions;
      for (int i = 0; i < n; i++) {
        int a = Categorical.sample(actorOut, i * actions, actions, actRng);
        stepActions[i] = a;
        stepLogps[i] = (float) Categorical.logProb(actorOut, i * actions, actions, a);
        acts[i] = a;
      }
    } else {
      float[][] acts = (float[][]) envActions;
      float[] logStd = host.vector(0);
      for (int i = 0; i < n; i++) {
        int off = i * actDim;
        DiagGaussian.sample(actorOut, off, logStd, actDim, actRng, stepActions, off);
        stepLogps[i] =
            (float) DiagGaussian.logProb(actorOut, off, logStd, stepActions, off, actDim);
        System.arraycopy(stepActions, off, acts[i], 0, actDim);
        actionBox.clip(acts[i]);
      }
    }
  }

  /** Critic values of the envs' current observations after the last rollout. */
  protected float[] lastValues() {
    return lastValues;
  }

  /**
   * Updates the network from the rollout just collected; {@code progressRemaining} goes from 1 at
   * the start of the run to 0 at its end (for annealing).
   */
  protected abstract UpdateStats update(double progressRemaining);

  // --- what the updates use ------------------------------------------------------------------

  /** The rollout just collected, as the update reads it. */
  protected Rollout rollout() {
    return rollout;
  }

  /** One gradient step on {@code mb}; returns the loss's batch sums. */
  protected LossTerms.Sums gradientStep(Minibatch mb, PgStep.Objective objective,
      double maxGradNorm) {
    return pgStep.step(mb, objective, maxGradNorm, updateThreads);
  }

  /** The optimiser's current learning rate. */
  protected double learningRate() {
    return optimizer.learningRate();
  }

  /** Fisher-Yates shuffle of {@code idx} from this learner's shuffle generator. */
  protected void shuffle(int[] idx) {
    for (int i = idx.length - 1; i > 0; i--) {
      int j = shuffleRng.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
  }

  @Override
  public void close() {
    pgStep.close();
    manager.close();
  }
}
