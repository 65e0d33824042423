package dev.gdxrl.agent.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.gdxrl.agent.Algorithm;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.algo.pg.ActorCriticNet;
import dev.gdxrl.agent.algo.pg.Categorical;
import dev.gdxrl.agent.algo.pg.DiagGaussian;
import dev.gdxrl.agent.algo.pg.OnPolicyConfig;
import dev.gdxrl.agent.algo.pg.OnPolicyLearner;
import dev.gdxrl.agent.algo.tabular.Discretiser;
import dev.gdxrl.agent.algo.tabular.QTableConfig;
import dev.gdxrl.agent.config.ConfigBinder;
import dev.gdxrl.agent.io.CheckpointException;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.Problems;
import dev.gdxrl.agent.Footprint;
import dev.gdxrl.agent.net.FlatMlp;
import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.agent.net.Networks;
import dev.gdxrl.agent.net.MlpSpec;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Insight;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A checkpoint loaded for acting only: the weights on the host, the frozen observation
 * normalisation and the head's decoding, with no optimiser, no replay or rollout buffer and no
 * autograd. {@code agent.json} is read once; DJL is used only to read a network's parameter file
 * and is closed again before {@link #load} returns. One call ({@link #decide}) serves N NPCs: one
 * batched forward pass for the networks, one table look-up each for the Q-table.
 *
 * <p>Its greedy action is the training agent's {@code actGreedy} on the same raw observation:
 * the same host kernel ({@link HostNet}, whose values do not depend on the number of rows) and the
 * same normalisation arithmetic.
 *
 * <p>Not thread-safe (scratch buffers): one per thread.
 */
public final class InferencePolicy {

  /** What the policy's head outputs. */
  public enum Head {
    /** Q-values per action (qtable, dqn, double-dqn). */
    Q_VALUES,
    /** Logits of a categorical policy over Discrete actions (reinforce, a2c, ppo). */
    CATEGORICAL,
    /** Means of a diagonal Gaussian over a Box (reinforce, a2c, ppo). */
    GAUSSIAN
  }

  private final CheckpointMeta meta;
  private final Head head;
  private final int obsDim;
  private final int size;
  private final ObservationScaler scaler;
  private final Discretiser discretiser; // qtable
  private final float[] table; // qtable
  private final HostNet net; // dqn and actor-critics
  private final Box actionBox; // Gaussian
  private float[][] rows = new float[0][]; // normalised observations (Q-table)
  private float[] flat = new float[0]; // normalised observations, row-major (networks)
  private final float[] scaled; // one normalised observation
  private float[] out = new float[0]; // head outputs, row-major
  private float[] values = new float[0];
  private float[][] q = new float[0][];
  private int[] greedy = new int[0];
  private final float[] one;

  private InferencePolicy(CheckpointMeta meta, Head head, ObservationScaler scaler,
      Discretiser discretiser, float[] table, HostNet net) {
    this.meta = meta;
    this.head = head;
    this.obsDim = meta.observationSpace().dim();
    this.size = meta.actionSpace() instanceof Discrete d ? d.n() : ((Box) meta.actionSpace()).dim();
    this.scaler = scaler;
    this.discretiser = discretiser;
    this.table = table;
    this.net = net;
    this.actionBox = head == Head.GAUSSIAN ? (Box) meta.actionSpace() : null;
    this.one = new float[size];
    this.scaled = new float[obsDim];
  }

  /**
   * Loads {@code dir} after checking its spaces against the env's (the messages of {@link
   * Checkpoints#checkSpaces}); the env itself need not be registered anywhere.
   *
   * @throws CheckpointException one line: unreadable or damaged files, other spaces, unknown algo
   */
  public static InferencePolicy load(Path dir, Space<?> observationSpace, Space<?> actionSpace) {
    CheckpointMeta meta = Checkpoints.readMeta(dir);
    Checkpoints.checkSpaces(meta, dir, observationSpace, actionSpace);
    return load(dir, meta, Algorithms.builtin());
  }

  /** Loads {@code dir} with the spaces its {@code agent.json} names (no env to check against). */
  public static InferencePolicy load(Path dir) {
    return load(dir, Checkpoints.readMeta(dir), Algorithms.builtin());
  }

  /**
   * Loads {@code dir} whose {@code meta} was read already; {@code algos} binds its config.
   *
   * @throws CheckpointException one line on any problem
   */
  public static InferencePolicy load(Path dir, CheckpointMeta meta, Algorithms algos) {
    DjlDefaults.apply(); // DJL reads the parameter files
    String where = "checkpoint " + dir;
    Record config;
    try {
      Algorithm<?> algo = algos.get(meta.algo());
      config = ConfigBinder.bind(algo.defaults(meta.envId()), meta.config(), "checkpoint config");
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(where + ": " + e.getMessage(), e);
    }
    ObservationScaler scaler;
    try {
      scaler = ObservationScaler.of(meta.normalization(), meta.observationSpace().dim(), where);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(e.getMessage(), e);
    }
    try {
      try {
        // the learner's checks on the config it was trained with: a buffer or rollout that
        // could never have been allocated means a damaged or hand-edited agent.json
        Footprint.checkMemory(config, meta.observationSpace(), meta.actionSpace(),
            Runtime.getRuntime().maxMemory(), "");
      } catch (IllegalArgumentException e) {
        throw new CheckpointException(where + ": " + e.getMessage(), e);
      }
      if (config instanceof QTableConfig c) {
        return qtable(dir, meta, c, scaler);
      }
      if (config instanceof OnPolicyConfig c) {
        return actorCritic(dir, meta, c, scaler);
      }
      HostNet net = qNetwork(dir, meta);
      if (net == null) {
        throw new CheckpointException(where + ": no q_network.params for its '" + meta.algo()
            + "' agent");
      }
      return new InferencePolicy(meta, Head.Q_VALUES, scaler, null, null, net);
    } catch (CheckpointException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new CheckpointException(where + ": cannot read the parameters: "
          + Problems.describe(e), e);
    }
  }

  private static InferencePolicy qtable(Path dir, CheckpointMeta meta, QTableConfig c,
      ObservationScaler scaler) throws IOException {
    int dim = meta.observationSpace().dim();
    int[] bins = new int[dim];
    if (c.bins().isEmpty()) {
      Arrays.fill(bins, 10);
    } else {
      bins = c.bins().stream().mapToInt(Integer::intValue).toArray();
    }
    Discretiser d = new Discretiser(meta.observationSpace(), bins, doubles(c.low()),
        doubles(c.high()));
    int actions = ((Discrete) meta.actionSpace()).n();
    Path file = dir.resolve("qtable.bin");
    float[] table;
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      int s = in.readInt();
      int a = in.readInt();
      if (s != d.states() || a != actions) {
        throw new IOException("Q-table is " + s + "x" + a + ", expected " + d.states() + "x"
            + actions);
      }
      table = new float[Math.multiplyExact(s, a)];
      for (int i = 0; i < table.length; i++) {
        table[i] = in.readFloat();
      }
      if (!dev.gdxrl.agent.net.HostDense.finite(table)) {
        throw new IOException(dev.gdxrl.agent.net.HostDense.nonFiniteMessage(file));
      }
    } catch (EOFException e) {
      throw new IOException("Q-table file " + file + " is truncated", e);
    }
    return new InferencePolicy(meta, Head.Q_VALUES, scaler, d, table, null);
  }

  /** Null for an empty list: the observation space's bounds, as {@code QLearningAgent}. */
  private static double[] doubles(List<Double> l) {
    return l.isEmpty() ? null : l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The online Q-network of a {@code dqn} / {@code double-dqn} checkpoint, or null when the
   * checkpoint holds another kind of agent.
   */
  private static HostNet qNetwork(Path dir, CheckpointMeta meta) throws Exception {
    Path file = dir.resolve("q_network.params");
    if (!meta.algo().contains("dqn") || !Files.isRegularFile(file)
        || !(meta.config().get("hidden") instanceof List<?> hidden)) {
      return null;
    }
    int[] widths = new int[hidden.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = ((Number) hidden.get(i)).intValue();
    }
    boolean dueling = Boolean.TRUE.equals(meta.config().get("dueling"));
    int actions = ((Discrete) meta.actionSpace()).n();
    MlpSpec spec = MlpSpec.q(meta.observationSpace().dim(), widths, actions, dueling);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(new FlatMlp(spec), manager, new SplittableRandom(0));
      Networks.load(net, manager, file);
      return new HostNet(spec).copyFrom(net);
    }
  }

  private static InferencePolicy actorCritic(Path dir, CheckpointMeta meta, OnPolicyConfig c,
      ObservationScaler scaler) throws IOException {
    boolean discrete = meta.actionSpace() instanceof Discrete;
    int size = discrete ? ((Discrete) meta.actionSpace()).n()
        : ((Box) meta.actionSpace()).dim();
    if (c.normalizeObservations() && scaler == null) {
      throw new IOException("the config normalises observations but agent.json has no"
          + " normalization statistics");
    }
    var spec = c.networkSpec(meta.observationSpace().dim(), discrete, size);
    float[] theta;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(0)).initialize(manager);
      Networks.load(net, manager, dir.resolve(OnPolicyLearner.PARAMS_FILE));
      theta = net.hostParameters();
    }
    return new InferencePolicy(meta, discrete ? Head.CATEGORICAL : Head.GAUSSIAN,
        c.normalizeObservations() ? scaler : null, null, null, new HostNet(spec.mlp(), theta));
  }

  /** The checkpoint's {@code agent.json}. */
  public CheckpointMeta meta() {
    return meta;
  }

  /** What the head outputs. */
  public Head head() {
    return head;
  }

  /** Number of actions (Discrete) or action dimensions (Box). */
  public int actionSize() {
    return size;
  }

  /**
   * Throws a one-line {@link IllegalArgumentException} when {@code mode} does not suit this
   * policy: {@code sample} needs an actor-critic, {@code epsilon} and {@code softmax} Q-values.
   */
  public void check(ActingMode mode) {
    boolean ok = switch (mode.kind()) {
      case GREEDY -> true;
      case SAMPLE -> head != Head.Q_VALUES;
      case EPSILON, SOFTMAX -> head == Head.Q_VALUES;
    };
    if (!ok) {
      String name = mode.kind().name().toLowerCase(java.util.Locale.ROOT);
      throw new IllegalArgumentException("acting mode '" + name + "' does not suit the '"
          + meta.algo() + "' checkpoint: " + (head == Head.Q_VALUES
              ? "a value-based agent acts greedy, epsilon=E or softmax=T"
              : "an actor-critic acts greedy or sample"));
    }
  }

  /**
   * Decides for {@code n} NPCs from their raw observations, in one batched pass: {@code out[i]}
   * becomes an {@code Integer} (Discrete) or a fresh {@code float[]} (Box). Modes other than
   * greedy draw NPC i's randomness from {@code rngs[i]}.
   *
   * @throws IllegalArgumentException when the mode does not suit the policy ({@link #check})
   */
  public void decide(float[][] observations, int n, ActingMode mode, SplittableRandom[] rngs,
      Object[] actions) {
    check(mode);
    if (n == 0) {
      return;
    }
    if (head == Head.Q_VALUES) {
      qValues(observations, n);
      for (int i = 0; i < n; i++) {
        actions[i] = pick(q[i], greedy[i], mode, rngs == null ? null : rngs[i]);
      }
      return;
    }
    forward(observations, n, false);
    for (int i = 0; i < n; i++) {
      int o = i * size;
      if (head == Head.CATEGORICAL) {
        actions[i] = mode.kind() == ActingMode.Kind.SAMPLE
            ? Categorical.sample(out, o, size, rngs[i]) : Categorical.argmax(out, o, size);
      } else {
        float[] a = new float[size];
        if (mode.kind() == ActingMode.Kind.SAMPLE) {
          DiagGaussian.sample(out, o, net.vector(0), size, rngs[i], a, 0);
        } else {
          System.arraycopy(out, o, a, 0, size);
        }
        actions[i] = actionBox.clip(a);
      }
    }
  }

  private Integer pick(float[] qi, int best, ActingMode mode, SplittableRandom rng) {
    switch (mode.kind()) {
      case EPSILON:
        if (rng.nextDouble() < mode.parameter()) {
          return rng.nextInt(size);
        }
        return best;
      case SOFTMAX: {
        double t = mode.parameter();
        double sum = 0;
        for (float v : qi) {
          sum += Math.exp((v - qi[best]) / t);
        }
        double u = rng.nextDouble() * sum;
        double c = 0;
        for (int a = 0; a < size - 1; a++) {
          c += Math.exp((qi[a] - qi[best]) / t);
          if (u < c) {
            return a;
          }
        }
        return size - 1;
      }
      default:
        return best;
    }
  }

  /** Q-values of the n observations into q[i], the greedy action into greedy[i]. */
  private void qValues(float[][] observations, int n) {
    if (q.length < n) {
      q = new float[n][size];
      greedy = new int[n];
      rows = new float[n][obsDim];
    }
    if (net != null) {
      forward(observations, n, false);
      for (int i = 0; i < n; i++) {
        System.arraycopy(out, i * size, q[i], 0, size);
        greedy[i] = HostNet.argmax(q[i]);
      }
      return;
    }
    float[][] x = observations;
    if (scaler != null) {
      for (int i = 0; i < n; i++) {
        scaler.apply(observations[i], rows[i]);
      }
      x = rows;
    }
    for (int i = 0; i < n; i++) {
      int base = discretiser.index(x[i]) * size;
      System.arraycopy(table, base, q[i], 0, size);
      int best = 0;
      for (int a = 1; a < size; a++) {
        if (table[base + a] > table[base + best]) {
          best = a;
        }
      }
      greedy[i] = best;
    }
  }

  /** The network's head outputs (row-major) into out and, if asked, V(s) into values. */
  private void forward(float[][] observations, int n, boolean withValues) {
    if (flat.length < n * obsDim) {
      flat = new float[n * obsDim];
      out = new float[n * size];
      values = new float[n];
    }
    for (int i = 0; i < n; i++) {
      float[] o = observations[i];
      if (o.length != obsDim) {
        throw new IllegalArgumentException("observation has " + o.length
            + " values, the policy expects " + obsDim);
      }
      if (scaler != null) {
        o = scaler.apply(o, scaled);
      }
      System.arraycopy(o, 0, flat, i * obsDim, obsDim);
    }
    net.forward(flat, n, out, withValues ? values : null);
  }

  /** The Q-values of one raw observation into {@code dst} (Q-value heads only). */
  public float[] actionValues(float[] observation, float[] dst) {
    if (head != Head.Q_VALUES) {
      throw new UnsupportedOperationException(meta.algo() + " has no per-action values");
    }
    qValues(new float[][] {observation}, 1);
    System.arraycopy(q[0], 0, dst, 0, size);
    return dst;
  }

  /**
   * The policy at one raw observation (actor-critics): the action probabilities (categorical) or
   * the Gaussian's mean before clipping into {@code dst}; returns the critic's V(s).
   */
  public float distribution(float[] observation, float[] dst) {
    if (head == Head.Q_VALUES) {
      throw new UnsupportedOperationException(meta.algo() + " has no policy distribution");
    }
    forward(new float[][] {observation}, 1, true);
    if (head == Head.CATEGORICAL) {
      Categorical.probs(out, 0, size, dst);
    } else {
      System.arraycopy(out, 0, dst, 0, size);
    }
    return values[0];
  }

  /** The Gaussian's standard deviations into {@code dst} (NaN for other heads). */
  public float[] std(float[] dst) {
    for (int j = 0; j < size; j++) {
      dst[j] = head == Head.GAUSSIAN ? (float) Math.exp(net.vector(0)[j]) : Float.NaN;
    }
    return dst;
  }

  /**
   * What the policy computes at one raw observation, for a HUD: Q-values, action probabilities
   * and V(s), or the Gaussian's mean and std and V(s); {@code chosen} marks a discrete action.
   */
  public Insight insight(float[] observation, int chosen) {
    return switch (head) {
      case Q_VALUES -> new Insight(Insight.Kind.ACTION_VALUES,
          actionValues(observation, one.clone()), null, Double.NaN, chosen);
      case CATEGORICAL -> {
        float[] p = new float[size];
        double v = distribution(observation, p);
        yield new Insight(Insight.Kind.ACTION_PROBABILITIES, p, null, v, chosen);
      }
      case GAUSSIAN -> {
        float[] m = new float[size];
        double v = distribution(observation, m);
        yield new Insight(Insight.Kind.GAUSSIAN, m, std(new float[size]), v, -1);
      }
    };
  }
}
