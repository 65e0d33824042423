package dev.gdxrl.agent.algo.dqn;

import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.ValueAgent;
import dev.gdxrl.agent.buffer.NStepWriter;
import dev.gdxrl.agent.buffer.ReplayBuffer;
import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.agent.net.MlpSpec;
import dev.gdxrl.agent.train.LinearSchedule;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.VectorEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * DQN and Double DQN (Mnih et al. 2015; van Hasselt et al. 2016), read top to bottom. The
 * hyperparameters are {@link DqnConfig} (a record, each field's default and meaning there); this
 * file is the algorithm:
 *
 * <ol>
 *   <li><b>act</b> ({@link #actBatch}): uniform random before {@code learning_starts}, then
 *       epsilon-greedy (linear schedule, {@link DqnConfig#epsilon}) or Boltzmann on the
 *       Q-values of a host copy of the online network, all envs' values in one pass;
 *   <li><b>collect</b> ({@link #observeBatch}): store each env's (s, a, r, s', terminated) in
 *       the replay buffer, env 0 first; a truncated transition is stored with its real final
 *       observation and terminated = false, so its target bootstraps; with {@code n_step} > 1
 *       the stored transitions are n-step ones (one {@link NStepWriter} per env);
 *   <li><b>train</b> ({@link #train}), after the vector step that reaches a multiple of {@code
 *       train_freq} env steps, once past {@code learning_starts}: {@code gradient_steps} times:
 *       sample a {@link ReplayBuffer.Batch}, its {@link #tdTargets TD targets}
 *       {@code y = r + gamma^h (1 - terminated) Q_target(s', a*)}, the {@link #lossGradient
 *       Huber loss} between Q(s, a) and y and its gradient, and one Adam step; then refresh the
 *       host copy;
 *   <li><b>target network</b>: hard copy (tau = 1) or Polyak average every {@code
 *       target_update_interval} env steps or gradient steps.
 * </ol>
 *
 * <p>{@link DqnNetworks} holds the networks and does what needs libtorch: the forward passes,
 * the hand-written backward pass and Adam on the CPU, and on a GPU the whole update by autograd
 * (which is also the test oracle of the host-side targets and loss here).
 *
 * <p>Every count is in env steps (transitions), as {@link DqnConfig} says under {@code n_envs}:
 * with one env this is the transition-by-transition DQN it always was.
 *
 * <p>A checkpoint holds the replay buffer ({@value #BUFFER_FILE}) and, on the CPU, Adam's
 * moments ({@value #OPTIMIZER_FILE}), so {@code --resume} continues with both; the generator's
 * state is not saved (a resumed run draws from a new seeded stream).
 */
public final class DqnAgent implements ValueAgent {
  /** The replay buffer's file in a checkpoint. */
  public static final String BUFFER_FILE = "replay_buffer.bin";
  /** The host optimiser's moments in a checkpoint (CPU runs). */
  public static final String OPTIMIZER_FILE = "optimizer.bin";

  private final String algo;
  private final DqnConfig config;
  private final AgentContext context;
  private final int actions;
  private final SplittableRandom rng;
  private final DqnNetworks nets;
  private final HostNet host;
  private final ReplayBuffer buffer;
  private final int envs;
  private final NStepWriter[] writers;
  /** Each env's observation and action of the vector step under way. */
  private final float[][] stepObs;
  private final Integer[] stepActions;
  private final ReplayBuffer.Batch batch;
  /** gamma^k as float for k = 0..n_step ({@link #discounts}). */
  private final float[] gammaPow;
  /** The loss's gradient with respect to the Q-values of a batch (batch x actions). */
  private final float[] dq;
  /** TD targets of one batch. */
  private final float[] y;
  private final float[] q;
  /** The vector step's observations as rows, and their Q-values (n_envs > 1). */
  private final float[] obsBatch;
  private final float[] qRows;
  private ReplayBuffer.Batch[] round = new ReplayBuffer.Batch[0];
  private float[][] roundTargets = new float[0][];
  private long gradientSteps;
  private int stepsSinceTrain;
  private float lastLoss = Float.NaN;

  public DqnAgent(String algo, DqnConfig config, AgentContext context) {
    if (!(context.actionSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException(algo + " needs a Discrete action space, env '"
          + context.envId() + "' has " + context.actionSpace());
    }
    this.algo = algo;
    this.config = config;
    this.context = context;
    this.actions = d.n();
    this.rng = new SplittableRandom(context.seed());
    int obsDim = context.observationSpace().dim();
    MlpSpec spec = MlpSpec.q(obsDim, config.hiddenArray(), actions, config.dueling());
    this.nets = new DqnNetworks(spec, config, context.device(), rng.split());
    this.host = new HostNet(spec);
    host.copyFrom(nets.online());
    this.buffer = new ReplayBuffer(config.bufferSize(), obsDim);
    this.envs = config.nEnvs();
    this.writers = new NStepWriter[envs];
    for (int i = 0; i < envs; i++) {
      writers[i] = new NStepWriter(config.nStep(), config.gamma(), buffer);
    }
    this.stepObs = new float[envs][];
    this.stepActions = new Integer[envs];
    this.batch = new ReplayBuffer.Batch(config.batchSize(), obsDim);
    this.gammaPow = discounts(config.gamma(), config.nStep());
    this.dq = new float[config.batchSize() * actions];
    this.y = new float[config.batchSize()];
    this.q = new float[actions];
    this.obsBatch = new float[envs * obsDim];
    this.qRows = new float[envs * actions];
  }

  @Override
  public String algo() {
    return algo;
  }

  public DqnConfig config() {
    return config;
  }

  @Override
  public int actions() {
    return actions;
  }

  @Override
  public int envs() {
    return envs;
  }

  @Override
  public int threads() {
    return config.threads();
  }

  // ---- 1. act -------------------------------------------------------------------------------

  @Override
  public Integer[] actBatch(float[][] observations, long envStep) {
    float[] values = null;
    if (envStep >= config.learningStarts()) {
      // every env's Q-values in one host pass (each row's values are those of a pass of its
      // own), then each env's draws in env order, as one env at a time would make them
      values = qBatch(observations);
    }
    for (int i = 0; i < envs; i++) {
      stepObs[i] = observations[i];
      stepActions[i] = act(values, i, envStep);
    }
    return stepActions;
  }

  /** The behaviour action for one observation after {@code envStep} env steps. */
  public Integer act(float[] obs, long envStep) {
    return act(envStep < config.learningStarts() ? null : host.forward(obs, q), 0, envStep);
  }

  /**
   * The behaviour action of row {@code row} of {@code values} (rows of Q-values; null before
   * {@code learning_starts}): uniform random before {@code learning_starts}, then Boltzmann or
   * epsilon-greedy.
   */
  private int act(float[] values, int row, long envStep) {
    if (envStep < config.learningStarts()) {
      return rng.nextInt(actions);
    }
    System.arraycopy(values, row * actions, q, 0, actions);
    if (DqnConfig.BOLTZMANN.equals(config.exploration())) {
      return boltzmann(q);
    }
    if (rng.nextDouble() < config.epsilon(envStep, context.totalSteps())) {
      return rng.nextInt(actions);
    }
    return HostNet.argmax(q);
  }

  /** The online network's Q-values of every env's observation, row by row. */
  private float[] qBatch(float[][] observations) {
    if (envs == 1) {
      return host.forward(observations[0], q);
    }
    int d = obsBatch.length / envs;
    for (int i = 0; i < envs; i++) {
      System.arraycopy(observations[i], 0, obsBatch, i * d, d);
    }
    host.forward(obsBatch, envs, qRows, null);
    return qRows;
  }

  private int boltzmann(float[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      p[i] = Math.exp((values[i] - max) / config.temperature());
      sum += p[i];
    }
    double u = rng.nextDouble() * sum;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  @Override
  public Integer actGreedy(float[] obs) {
    return HostNet.argmax(host.forward(obs, q));
  }

  @Override
  public float[] actionValues(float[] obs, float[] out) {
    return host.forward(obs, out);
  }

  // ---- 2. collect ---------------------------------------------------------------------------

  @Override
  public int observeBatch(VectorEnv.Result r, long envStep) {
    for (int i = 0; i < envs; i++) {
      float[] next = r.done(i) ? r.finalObservations()[i] : r.observations()[i];
      writers[i].add(stepObs[i], stepActions[i], r.rewards()[i], next, r.terminated()[i],
          r.truncated()[i]);
    }
    return afterCollect(envStep - envs, envStep);
  }

  /**
   * One transition, as from a vector step of one env (tests of a single step); {@code envStep}
   * counts it.
   */
  public int observe(float[] obs, int action, double reward, float[] nextObs,
      boolean terminated, boolean truncated, long envStep) {
    if (envs != 1) {
      throw new IllegalStateException("observe(one transition) needs n_envs = 1, not " + envs);
    }
    writers[0].add(obs, action, reward, nextObs, terminated, truncated);
    return afterCollect(envStep - 1, envStep);
  }

  /** The train half, after the env steps {@code (before, envStep]} were stored. */
  private int afterCollect(long before, long envStep) {
    stepsSinceTrain += (int) (envStep - before);
    long boundaries = multiples(before, envStep, config.trainFreq());
    // the multiples of train_freq past learning_starts that this vector step reached
    long rounds = multiples(Math.max(before, config.learningStarts()), envStep,
        config.trainFreq());
    int done = 0;
    // buffer.size() > 0: with n_step > 1 the first transition is stored only n - 1 steps in
    if (rounds > 0 && buffer.size() > 0) {
      // -1: as many gradient steps as env steps in this round (SB3's convention)
      int steps = config.gradientSteps() < 0 ? stepsSinceTrain
          : Math.toIntExact(rounds * config.gradientSteps());
      done = train(steps, envStep);
    }
    if (boundaries > 0) {
      stepsSinceTrain = 0;
    }
    if (DqnConfig.ENV_STEPS.equals(config.targetUpdateUnit())) {
      for (long k = multiples(before, envStep, config.targetUpdateInterval()); k > 0; k--) {
        nets.updateTarget(config.tau());
      }
    }
    return done;
  }

  /** Multiples of {@code every} in {@code (before, upTo]} (none when upTo <= before). */
  private static long multiples(long before, long upTo, long every) {
    return upTo <= before ? 0 : upTo / every - before / every;
  }

  // ---- 3. train -----------------------------------------------------------------------------

  /** One training round of {@code steps} gradient steps; returns how many it took. */
  private int train(int steps, long envStep) {
    int done = 0;
    if (config.annealLr()) {
      double remaining = LinearSchedule.progressRemaining(envStep, context.totalSteps());
      nets.optimiser().setLearningRate(
          LinearSchedule.linear(config.learningRate(), true).at(remaining));
    }
    // plain DQN whose target network only moves between rounds: sample the round's batches
    // first (the same draws, in the same order) and compute all their targets in one pass
    boolean upFront = nets.batchesTargets() && steps > 1
        && DqnConfig.ENV_STEPS.equals(config.targetUpdateUnit());
    if (upFront) {
      ensureRound(steps);
      for (int i = 0; i < steps; i++) {
        buffer.sample(rng, round[i]);
      }
      float[] next = nets.targetValues(round, steps);
      for (int k = 0; k < steps; k++) {
        tdTargets(round[k], next, null, k * config.batchSize(), actions, gammaPow,
            config.gamma(), roundTargets[k]);
      }
    }
    for (int i = 0; i < steps; i++) {
      boolean last = i == steps - 1;
      float loss;
      if (upFront) {
        loss = gradientStep(round[i], roundTargets[i], last);
      } else {
        buffer.sample(rng, batch);
        // on a GPU, targets, loss and gradient are autograd's (DqnNetworks#update)
        loss = nets.manual() ? gradientStep(batch, tdTargets(batch), last)
            : nets.update(batch, last);
      }
      if (last) {
        lastLoss = loss;
      }
      gradientSteps++;
      done++;
      if (DqnConfig.GRADIENT_STEPS.equals(config.targetUpdateUnit())
          && gradientSteps % config.targetUpdateInterval() == 0) {
        nets.updateTarget(config.tau());
      }
    }
    if (done > 0) {
      host.copyFrom(nets.online());
    }
    return done;
  }

  /** TD targets of {@code b} from the current target (and, Double DQN, online) network. */
  private float[] tdTargets(ReplayBuffer.Batch b) {
    float[][] next = nets.nextValues(b);
    tdTargets(b, next[0], next[1], 0, actions, gammaPow, config.gamma(), y);
    return y;
  }

  /**
   * One gradient step of the loss between Q(s, a) and the targets {@code y} on {@code b};
   * returns the minibatch loss if {@code wantLoss}, else NaN.
   */
  private float gradientStep(ReplayBuffer.Batch b, float[] y, boolean wantLoss) {
    float[] qs = nets.predict(b);
    double loss = lossGradient(DqnConfig.MSE.equals(config.loss()), b, qs, y, actions, dq);
    nets.step(dq);
    return wantLoss ? (float) (loss / b.size()) : Float.NaN;
  }

  /**
   * The TD targets {@code y_i = r_i + gamma^h_i (1 - terminated_i) Q_target(s'_i, a*)} of the
   * rows of {@code b} into {@code y}, where row i's next-state values are row {@code firstRow +
   * i} of {@code tq} (rows of {@code actions}) and a* is their argmax, or with Double DQN the
   * argmax of the online network's values {@code oq} of s' (lowest index on ties); h_i is the
   * row's horizon (1 unless n-step).
   */
  static void tdTargets(ReplayBuffer.Batch b, float[] tq, float[] oq, int firstRow, int actions,
      float[] gammaPow, double gamma, float[] y) {
    float[] rank = oq != null ? oq : tq;
    for (int i = 0; i < b.size(); i++) {
      int row = (firstRow + i) * actions;
      int pick = row;
      for (int a = row + 1; a < row + actions; a++) {
        if (rank[a] > rank[pick]) {
          pick = a;
        }
      }
      y[i] = tq[pick] * bootstrap(b, i, gammaPow, gamma) + b.rewards()[i];
    }
  }

  /** The factor of row i's next-state value: 0 if terminated, else gamma^horizon. */
  static float bootstrap(ReplayBuffer.Batch b, int i, float[] gammaPow, double gamma) {
    if (b.terminated()[i]) {
      return 0f;
    }
    int h = b.horizons()[i];
    return h < gammaPow.length ? gammaPow[h] : (float) Math.pow(gamma, h);
  }

  /** gamma^k as float for k = 0..n (index 1 is exactly (float) gamma). */
  static float[] discounts(double gamma, int n) {
    float[] g = new float[n + 1];
    for (int k = 0; k <= n; k++) {
      g[k] = (float) Math.pow(gamma, k);
    }
    return g;
  }

  /**
   * The loss between Q(s_i, a_i) (from the rows {@code q} of Q-values) and {@code y_i}, summed
   * over the batch (the mean is this over the batch size), and its gradient with respect to
   * {@code q} into {@code dq} (zero but at the taken actions): Huber (smooth L1, delta 1:
   * {@code 0.5 d^2} for {@code |d| <= 1}, else {@code |d| - 0.5}, gradient {@code clip(d, -1, 1)
   * / batch}) or, with {@code mse}, {@code d^2} (gradient {@code 2 d / batch}).
   */
  static double lossGradient(boolean mse, ReplayBuffer.Batch b, float[] q, float[] y,
      int actions, float[] dq) {
    java.util.Arrays.fill(dq, 0, b.size() * actions, 0f);
    double loss = 0;
    float inv = 1f / b.size();
    for (int i = 0; i < b.size(); i++) {
      int k = i * actions + b.actions()[i];
      float diff = q[k] - y[i];
      float abs = Math.abs(diff);
      if (mse) {
        loss += (double) diff * diff;
        dq[k] = 2f * diff * inv;
      } else {
        loss += abs <= 1f ? 0.5 * diff * diff : abs - 0.5;
        dq[k] = Math.max(-1f, Math.min(1f, diff)) * inv;
      }
    }
    return loss;
  }

  private void ensureRound(int steps) {
    if (round.length < steps) {
      int obsDim = context.observationSpace().dim();
      round = new ReplayBuffer.Batch[steps];
      roundTargets = new float[steps][config.batchSize()];
      for (int i = 0; i < steps; i++) {
        round[i] = new ReplayBuffer.Batch(config.batchSize(), obsDim);
      }
    }
  }

  // ---- bookkeeping: counts, diagnostics, checkpoints ------------------------------------------

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
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("epsilon", envStep < config.learningStarts() ? 1.0
        : config.epsilon(envStep, context.totalSteps()));
    m.put("loss", (double) lastLoss);
    m.put("buffer", (double) buffer.size());
    m.put("learning_rate", nets.optimiser().learningRate());
    return m;
  }

  @Override
  public double lastLoss() {
    return lastLoss;
  }

  /** The online network's host copy (current after every round of updates). */
  @Override
  public boolean parametersFinite() {
    return host.finite();
  }

  @Override
  public void save(Path dir) throws IOException {
    nets.save(dir);
  }

  @Override
  public void load(Path dir) throws IOException {
    nets.load(dir);
    host.copyFrom(nets.online());
  }

  @Override
  public boolean savesReplayBuffer() {
    return true;
  }

  @Override
  public void saveTrainingState(Path dir) throws IOException {
    buffer.write(dir.resolve(BUFFER_FILE));
    nets.optimiser().writeState(dir.resolve(OPTIMIZER_FILE));
  }

  @Override
  public String loadTrainingState(Path dir) throws IOException {
    // the optimiser first: a refused file leaves the buffer as it was
    Path o = dir.resolve(OPTIMIZER_FILE);
    boolean moments = Files.exists(o) && nets.optimiser().readState(o);
    List<String> said = new java.util.ArrayList<>();
    Path b = dir.resolve(BUFFER_FILE);
    if (Files.exists(b)) {
      buffer.read(b);
      said.add("replay buffer of " + buffer.size() + " transitions");
    }
    said.add(moments ? "Adam moments" : "Adam moments restart");
    return String.join(", ", said);
  }

  /** The device-side networks (tests). */
  DqnNetworks networks() {
    return nets;
  }

  @Override
  public void close() {
    nets.close();
  }
}
