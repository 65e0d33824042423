package dev.gdxrl.agent.algo.pg;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.RunningMeanStd;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.VectorEnv;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What REINFORCE, A2C and PPO share: rollout collection over a {@link VectorEnv} and the
 * actor-critic network. Each algorithm's file holds its config record and its {@link #update}.
 *
 * <p>Collection, per vector step: the observations of all N envs are normalised (running
 * statistics updated on this thread from the whole batch, so results do not depend on the
 * vector env's thread count), one batched host-side forward pass gives every env's action
 * distribution and value, actions are sampled from this learner's own generator, and the envs
 * step. Continuous actions go to the env clipped to the Box, while the buffer keeps the unclipped
 * sample and its log-probability. An episode cut by the time limit gets the critic's value of its
 * final observation as bootstrap; a terminated one gets nothing.
 *
 * <p>Memory: parameters and optimiser state live on the learner's base manager; everything an
 * update creates lives on a sub-manager closed at the end of that gradient step.
 */
public abstract class OnPolicyLearner<C extends OnPolicyConfig> implements AutoCloseable {
  protected final C config;
  protected final VectorEnv<Object> venv;
  protected final int n;
  protected final int obsDim;
  protected final boolean discrete;
  /** Number of actions (discrete) or action dimensions (continuous). */
  protected final int actions;
  /** Width of one stored action: 1 for discrete, the action dimension for continuous. */
  protected final int actDim;
  private final Box actionBox;
  protected final NDManager manager;
  protected final ActorCriticNet net;
  protected final HostActorCritic host;
  protected final List<Parameter> params;
  protected final PgOptimizer optimizer;
  protected final RolloutBuffer buffer;
  protected final SplittableRandom actRng;
  protected final SplittableRandom shuffleRng;
  private final RunningMeanStd obsStats; // null: no normalisation

  private final float[] rawFlat;
  private final float[] obsNorm;
  private final float[] actorOut;
  private final float[] stepValues;
  private final float[] stepLogps;
  private final float[] stepActions;
  private final Object[] envActions;
  private final float[] lastValues;
  private final float[] oneObs;
  private final float[] oneValue = new float[1];
  private Consumer<EpisodeStats> episodeSink = e -> {};
  private long envSteps;
  private long collectNanos;
  private long updateNanos;
  private long updates;
  private boolean started;

  /**
   * @param venv the envs (owned by the caller; not closed here)
   * @param seed seeds network initialisation, action sampling and minibatch shuffling
   * @param device where the network and its updates live
   * @param obsStats observation statistics to continue from (a resumed run), or null for fresh
   *     ones when {@link OnPolicyConfig#normalizeObservations()} is on
   */
  @SuppressWarnings("unchecked")
  protected OnPolicyLearner(C config, VectorEnv<?> venv, long seed, Device device,
      RunningMeanStd obsStats) {
    this.config = config;
    this.venv = (VectorEnv<Object>) venv;
    this.n = venv.size();
    if (n != config.nEnvs()) {
      throw new IllegalArgumentException(
          "config asks for " + config.nEnvs() + " envs but the vector env has " + n);
    }
    Space<float[]> os = venv.singleObservationSpace();
    this.obsDim = os.flatSize();
    Space<?> as = venv.singleActionSpace();
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
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom initRng = root.split();
    this.actRng = root.split();
    this.shuffleRng = root.split();
    this.manager = NDManager.newBaseManager(device);
    this.net = new ActorCriticNet(config.networkSpec(obsDim, discrete, actions), initRng)
        .initialize(manager);
    this.params = net.parameterList();
    this.host = new HostActorCritic(net.spec()).copyFrom(net);
    this.optimizer = new PgOptimizer(config.optimizer(), config.learningRate(),
        optimizerEps(), rmspropAlpha());
    this.buffer = new RolloutBuffer(config.nSteps(), n, obsDim, actDim, discrete ? actions : 0);
    if (obsStats != null && obsStats.dim() != obsDim) {
      throw new IllegalArgumentException("normalisation statistics have " + obsStats.dim()
          + " dims but the env observes " + obsDim);
    }
    this.obsStats = config.normalizeObservations()
        ? (obsStats != null ? obsStats : new RunningMeanStd(obsDim)) : null;
    rawFlat = new float[n * obsDim];
    obsNorm = new float[n * obsDim];
    actorOut = new float[n * actions];
    stepValues = new float[n];
    stepLogps = new float[n];
    stepActions = new float[n * actDim];
    lastValues = new float[n];
    oneObs = new float[obsDim];
    if (discrete) {
      envActions = new Integer[n];
    } else {
      float[][] a = new float[n][actDim];
      envActions = a;
    }
  }

  /** Epsilon of the optimiser (Adam's 1e-5 as in Stable-Baselines3; RMSprop's likewise). */
  protected double optimizerEps() {
    return 1e-5;
  }

  /** RMSprop's smoothing constant. */
  protected double rmspropAlpha() {
    return 0.99;
  }

  /** Receives the statistics of every episode that ends during collection. */
  public void onEpisode(Consumer<EpisodeStats> sink) {
    this.episodeSink = sink;
  }

  public C config() {
    return config;
  }

  public ActorCriticNet network() {
    return net;
  }

  /** The host copy of the network, current after every update. */
  public HostActorCritic hostNetwork() {
    return host;
  }

  /** The observation statistics, or null when normalisation is off. */
  public RunningMeanStd observationStats() {
    return obsStats;
  }

  public long envSteps() {
    return envSteps;
  }

  public long updates() {
    return updates;
  }

  /** Wall seconds spent collecting rollouts (env steps and acting) so far. */
  public double collectSeconds() {
    return collectNanos / 1e9;
  }

  /** Wall seconds spent in updates (gradient steps) so far. */
  public double updateSeconds() {
    return updateNanos / 1e9;
  }

  /** Env steps gathered by one rollout. */
  public int rolloutSteps() {
    return config.nSteps() * n;
  }

  /** Resets the envs with {@code seed} (env i gets seed + i). */
  public void start(long seed) {
    float[][] obs = venv.reset(seed);
    VectorEnv.flatten(obs, rawFlat);
    normalizeBatch(true);
    started = true;
  }

  /** Sets counters when continuing a saved run. */
  public void restoreCounters(long envSteps, long updates) {
    this.envSteps = envSteps;
    this.updates = updates;
  }

  private void normalizeBatch(boolean update) {
    if (obsStats == null) {
      System.arraycopy(rawFlat, 0, obsNorm, 0, rawFlat.length);
      return;
    }
    if (update) {
      obsStats.updateBatch(rawFlat, n);
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(rawFlat, i * obsDim, oneObs, 0, obsDim);
      obsStats.normalize(oneObs, oneObs, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
      System.arraycopy(oneObs, 0, obsNorm, i * obsDim, obsDim);
    }
  }

  /** Fills the rollout buffer with {@code nSteps} vector steps of the current policy. */
  protected void collect() {
    if (!started) {
      throw new IllegalStateException("start(seed) before training");
    }
    buffer.clear();
    for (int t = 0; t < config.nSteps(); t++) {
      host.forward(obsNorm, n, actorOut, stepValues);
      sampleActions();
      buffer.addPolicyStep(obsNorm, stepActions, stepValues, stepLogps);
      VectorEnv.Result r = venv.step(envActions);
      boolean[] trunc = r.truncated();
      boolean[] term = r.terminated();
      for (int i = 0; i < n; i++) {
        if (trunc[i] && !term[i]) {
          buffer.setTruncValue(i, finalValue(r.finalObservations()[i]));
        }
        EpisodeStats ep = r.episodes()[i];
        if (ep != null) {
          episodeSink.accept(ep);
        }
      }
      buffer.addEnvStep(r.rewards(), term, trunc);
      r.observationsFlat(rawFlat);
      normalizeBatch(true);
      envSteps += n;
    }
    host.values(obsNorm, n, lastValues);
  }

  /** V of a final observation, normalised with the current statistics (not updating them). */
  private float finalValue(float[] finalObs) {
    if (obsStats != null) {
      obsStats.normalize(finalObs, oneObs, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
    } else {
      System.arraycopy(finalObs, 0, oneObs, 0, obsDim);
    }
    host.values(oneObs, 1, oneValue);
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
      float[] logStd = host.logStd();
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
   * Updates the network from the buffer just collected; {@code progressRemaining} goes from 1 at
   * the start of the run to 0 at its end (for annealing).
   */
  protected abstract UpdateStats update(double progressRemaining);

  /** One rollout and one update; returns the update's statistics. */
  public UpdateStats iterate(double progressRemaining) {
    long t0 = System.nanoTime();
    collect();
    long t1 = System.nanoTime();
    collectNanos += t1 - t0;
    if (config.annealLr()) {
      optimizer.setLearningRate(config.learningRate() * Math.max(progressRemaining, 0));
    }
    UpdateStats s = update(progressRemaining);
    host.copyFrom(net);
    updateNanos += System.nanoTime() - t1;
    updates++;
    return s;
  }

  /** Runs until {@code totalSteps} env steps; calls {@code afterUpdate} after each update. */
  public void learn(long totalSteps, Consumer<UpdateStats> afterUpdate) {
    while (envSteps < totalSteps) {
      double remaining = 1.0 - (double) envSteps / totalSteps;
      afterUpdate.accept(iterate(remaining));
    }
  }

  /** The deterministic policy (argmax / mean) with frozen statistics, acting on the host. */
  public PgPolicy policy() {
    return new PgPolicy(new HostActorCritic(net.spec()).copyFrom(net),
        obsStats == null ? null : obsStats.state(), actionBox, true, 0L);
  }

  // --- helpers for the updates ---------------------------------------------------------------

  /**
   * The training forward pass on one minibatch.
   *
   * @param logp log-probabilities of the batch's actions (B, 1)
   * @param negEntropySum minus the summed entropy of the batch's distributions (scalar)
   * @param values V(s) (B, 1)
   */
  protected record Eval(NDArray logp, NDArray negEntropySum, NDArray values) {}

  /** The minibatch's columns, as split from one upload; all (B, width). */
  protected record Batch(int size, NDArray obs, NDArray actions, NDArray oldLogp, NDArray adv,
      NDArray returns, NDArray oldValues) {}

  /** Uploads {@code rows} packed rows of {@code packed} (one native copy) and splits them. */
  protected Batch upload(NDManager m, float[] packed, int rows) {
    int width = buffer.packedWidth();
    int a = obsDim + buffer.packedActionWidth();
    NDArray batch = m.create(FloatBuffer.wrap(packed, 0, rows * width), new Shape(rows, width));
    NDList c = batch.split(new long[] {obsDim, a, a + 1, a + 2, a + 3}, 1);
    return new Batch(rows, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5));
  }

  /** Log-probabilities, entropy and values of a batch; must run inside a gradient collector. */
  protected Eval evaluate(Batch b) {
    NDList out = net.forward(b.obs());
    NDArray head = out.get(0);
    NDArray values = out.get(1);
    if (discrete) {
      NDArray lsm = head.logSoftmax(1);
      return new Eval(Categorical.logProb(lsm, b.actions()), Categorical.negEntropySum(lsm),
          values);
    }
    NDArray logStd = out.get(2);
    return new Eval(DiagGaussian.logProb(head, logStd, b.actions()),
        DiagGaussian.entropy(logStd).mul(-b.size()), values);
  }

  /**
   * The scalar loss {@code terms . weights} from stacked batch sums {@code [objective, valueError,
   * negEntropy]} with weights {@code [-1/B, vfCoef/B, entCoef/B]}.
   */
  protected static NDArray weightedLoss(NDManager m, NDArray terms, int b, double vfCoef,
      double entCoef) {
    NDArray w = m.create(new float[] {-1f / b, (float) (vfCoef / b), (float) (entCoef / b)});
    return terms.mul(w).sum();
  }

  /** A new gradient collector (one at a time per JVM with the PyTorch engine). */
  protected GradientCollector gradients() {
    return Engine.getInstance().newGradientCollector();
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

  /** 1 - Var(R - V) / Var(R) over the rollout. */
  protected double explainedVariance() {
    int len = buffer.size();
    double sr = 0;
    double sd = 0;
    for (int k = 0; k < len; k++) {
      sr += buffer.returns[k];
      sd += buffer.returns[k] - buffer.values[k];
    }
    double mr = sr / len;
    double md = sd / len;
    double vr = 0;
    double vd = 0;
    for (int k = 0; k < len; k++) {
      double a = buffer.returns[k] - mr;
      double b = buffer.returns[k] - buffer.values[k] - md;
      vr += a * a;
      vd += b * b;
    }
    return vr == 0 ? Double.NaN : 1 - vd / vr;
  }

  @Override
  public void close() {
    manager.close();
  }
}
