package dev.gdxrl.agent.algo.tabular;

import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.ValueAgent;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.VectorEnv;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tabular Q-learning (Watkins 1989): after each transition,
 * {@code Q(s,a) += alpha (r + gamma max_a' Q(s',a') - Q(s,a))}, with no bootstrap past a
 * terminated state (a truncated one bootstraps). Epsilon-greedy behaviour with a linear schedule;
 * continuous observations go through a {@link Discretiser}. Pure Java, no native resources.
 */
public final class QLearningAgent implements ValueAgent {
  static final String TABLE_FILE = "qtable.bin";

  private final QTableConfig config;
  private final AgentContext context;
  private final Discretiser discretiser;
  private final int actions;
  private final float[] table;
  private final int[] visits;
  private final SplittableRandom rng;
  private final int envs;
  /** Each env's observation and action of the vector step under way. */
  private final float[][] stepObs;
  private final Integer[] stepActions;
  private long updates;
  private double lastAlpha = Double.NaN;

  public QLearningAgent(QTableConfig config, AgentContext context) {
    if (!(context.actionSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException("qtable needs a Discrete action space, env '"
          + context.envId() + "' has " + context.actionSpace());
    }
    this.config = config;
    this.context = context;
    this.actions = d.n();
    int dim = context.observationSpace().dim();
    int[] bins = config.bins().isEmpty() ? filled(dim, 10)
        : config.bins().stream().mapToInt(Integer::intValue).toArray();
    this.discretiser = new Discretiser(context.observationSpace(), bins,
        toArray(config.low()), toArray(config.high()));
    long size = (long) discretiser.states() * actions;
    this.table = new float[Math.toIntExact(size)];
    Arrays.fill(table, (float) config.initialQ());
    this.visits = new int[table.length];
    this.rng = new SplittableRandom(context.seed());
    this.envs = config.nEnvs();
    this.stepObs = new float[envs][];
    this.stepActions = new Integer[envs];
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  private static double[] toArray(List<Double> l) {
    return l.isEmpty() ? null : l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public String algo() {
    return "qtable";
  }

  @Override
  public int actions() {
    return actions;
  }

  public Discretiser discretiser() {
    return discretiser;
  }

  /** Q(s, a) for table row {@code s}. */
  public double q(int s, int a) {
    return table[s * actions + a];
  }

  @Override
  public int envs() {
    return envs;
  }

  @Override
  public int threads() {
    return config.threads();
  }

  @Override
  public Integer[] actBatch(float[][] observations, long envStep) {
    for (int i = 0; i < envs; i++) {
      stepObs[i] = observations[i];
      stepActions[i] = act(observations[i], envStep);
    }
    return stepActions;
  }

  /** The behaviour action (epsilon-greedy) for one observation after {@code envStep} env steps. */
  public Integer act(float[] obs, long envStep) {
    if (rng.nextDouble() < config.epsilon(envStep, context.totalSteps())) {
      return rng.nextInt(actions);
    }
    return greedy(discretiser.index(obs));
  }

  @Override
  public Integer actGreedy(float[] obs) {
    return greedy(discretiser.index(obs));
  }

  private int greedy(int s) {
    int base = s * actions;
    int best = 0;
    for (int a = 1; a < actions; a++) {
      if (table[base + a] > table[base + best]) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public float[] actionValues(float[] obs, float[] out) {
    System.arraycopy(table, discretiser.index(obs) * actions, out, 0, actions);
    return out;
  }

  /** Env i's transition is env step {@code envStep - n_envs + i + 1} for the schedules. */
  @Override
  public int observeBatch(VectorEnv.Result r, long envStep) {
    long first = envStep - envs + 1;
    for (int i = 0; i < envs; i++) {
      float[] next = r.done(i) ? r.finalObservations()[i] : r.observations()[i];
      update(discretiser.index(stepObs[i]), stepActions[i], r.rewards()[i],
          discretiser.index(next), r.terminated()[i], first + i);
    }
    return envs;
  }

  /** The Q-learning update on table rows (what {@link #observeBatch} does after discretising). */
  public void update(int s, int a, double reward, int next, boolean terminated, long step) {
    int i = s * actions + a;
    double target = reward;
    if (!terminated) {
      int nb = next * actions;
      float max = table[nb];
      for (int k = 1; k < actions; k++) {
        max = Math.max(max, table[nb + k]);
      }
      target += config.gamma() * max;
    }
    visits[i]++;
    lastAlpha = config.alpha(visits[i], step, context.totalSteps());
    table[i] += (float) (lastAlpha * (target - table[i]));
    updates++;
  }

  @Override
  public long gradientSteps() {
    return updates;
  }

  @Override
  public void restoreGradientSteps(long steps) {
    updates = steps;
  }

  @Override
  public Map<String, Double> diagnostics(long envStep) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("epsilon", config.epsilon(envStep, context.totalSteps()));
    m.put("alpha", lastAlpha);
    return m;
  }

  @Override
  public boolean parametersFinite() {
    return dev.gdxrl.agent.net.HostDense.finite(table);
  }

  @Override
  public void save(Path dir) throws IOException {
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(TABLE_FILE))))) {
      out.writeInt(discretiser.states());
      out.writeInt(actions);
      for (float v : table) {
        out.writeFloat(v);
      }
      for (int v : visits) {
        out.writeInt(v);
      }
    }
  }

  @Override
  public void load(Path dir) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(dir.resolve(TABLE_FILE))))) {
      int s = in.readInt();
      int a = in.readInt();
      if (s != discretiser.states() || a != actions) {
        throw new IOException("Q-table is " + s + "x" + a + ", expected "
            + discretiser.states() + "x" + actions);
      }
      for (int i = 0; i < table.length; i++) {
        table[i] = in.readFloat();
      }
      for (int i = 0; i < visits.length; i++) {
        visits[i] = in.readInt();
      }
      if (!dev.gdxrl.agent.net.HostDense.finite(table)) {
        throw new IOException(dev.gdxrl.agent.net.HostDense.nonFiniteMessage(
            dir.resolve(TABLE_FILE)));
      }
    } catch (java.io.EOFException e) {
      throw new IOException("Q-table file " + dir.resolve(TABLE_FILE) + " is truncated", e);
    }
  }

  @Override
  public boolean savesReplayBuffer() {
    return false;
  }

  @Override
  public void close() {}
}
