package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.Collector;
import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.VectorEnv;
import java.util.function.IntConsumer;

/**
 * An actor-critic's rollout collected on every core: each of the vector env's shards (a
 * contiguous chunk of its envs, {@link VectorEnv#shards()}) is run by its own thread for the whole
 * rollout, acting with its own host copy of the policy and stepping only its own envs, and the
 * threads meet once per rollout instead of once per vector step.
 *
 * <p>The same seed gives the same rollout whatever the number of threads, and with one thread or
 * two the same rollout as {@link OnPolicyLearner#actBatch} / {@link OnPolicyLearner#observeBatch}
 * driven step by step:
 *
 * <ul>
 *   <li>the action randomness of the whole block is drawn up front from the learner's action
 *       generator in the order the step-by-step path draws it (vector step by vector step, env 0
 *       first; one uniform per discrete action, one standard normal per action dimension), and
 *       env i at step t consumes the draws at its index;
 *   <li>the host forward pass computes each row on its own, so a shard's rows come out as they
 *       would in one batch of all N;
 *   <li>observation normalisation uses the statistics frozen at the start of the rollout; its raw
 *       observations are folded into them at its end, one vector step after the other, as one
 *       batch of N each ({@link OnPolicyLearner#endRollout}); the bootstrap value of a truncated
 *       episode and the rollout's last values use the frozen statistics too;
 *   <li>everything a shard writes (buffer rows, the episodes that ended) sits at its own envs'
 *       indices.
 * </ul>
 *
 * <p>The training loop then tells the block's steps to its listeners ({@link Collector.Block});
 * the update runs before the last step is told, so a listener sees at each env step the policy it
 * saw when collection ran step by step. A run stopped by a listener in the middle of the block
 * keeps the steps up to there (the envs stepped further, but the run is over).
 */
final class ShardedRollout implements Collector<Object>, Collector.Block {
  private final OnPolicyLearner<?> learner;
  private final VectorEnv<Object> venv;
  private final RolloutBuffer buffer;
  private final Shard[] shards;
  private final int n;
  private final int obsDim;
  private final int actions;
  private final int actDim;
  /** Draws per env and step: 1 (discrete) or the action dimension. */
  private final int draws;
  private final double[] noise;
  private final EpisodeStats[][] episodes;
  private final IntConsumer task = this::collectShard;
  /** The shard threads, for the update's gradients too. */
  private final ShardThreads threads;
  private float[][] start;
  private float[][] current;
  private int t0;
  private int k;

  ShardedRollout(OnPolicyLearner<?> learner, VectorEnv<Object> venv) {
    if (venv.size() != learner.n) {
      throw new IllegalArgumentException(
          "agent wants " + learner.n + " envs, the vector env has " + venv.size());
    }
    this.learner = learner;
    this.venv = venv;
    this.buffer = learner.buffer;
    this.n = learner.n;
    this.obsDim = learner.obsDim;
    this.actions = learner.actions;
    this.actDim = learner.actDim;
    this.draws = learner.discrete ? 1 : actDim;
    int steps = buffer.steps();
    this.noise = new double[steps * n * draws];
    this.episodes = new EpisodeStats[steps][n];
    this.shards = new Shard[venv.shards()];
    this.threads = new ShardThreads() {
      @Override
      public int count() {
        return shards.length;
      }

      @Override
      public void run(IntConsumer t) {
        venv.forEachShard(t);
      }
    };
    for (int s = 0; s < shards.length; s++) {
      shards[s] = new Shard(venv.shardStart(s), venv.shardEnd(s));
    }
  }

  @Override
  public Block collect(float[][] observations, long envStep, int maxSteps) {
    learner.beginCollect();
    t0 = buffer.filled();
    k = Math.min(maxSteps, buffer.steps() - t0);
    if (k < 1) {
      throw new IllegalStateException("collect on a full rollout");
    }
    var rng = learner.actRng;
    int end = (t0 + k) * n * draws;
    if (learner.discrete) {
      for (int j = t0 * n; j < end; j++) {
        noise[j] = rng.nextDouble();
      }
    } else {
      for (int j = t0 * n * draws; j < end; j++) {
        noise[j] = rng.nextGaussian();
      }
    }
    start = observations;
    venv.forEachShard(task);
    buffer.advance(k);
    return this;
  }

  @Override
  public int steps() {
    return k;
  }

  @Override
  public EpisodeStats[] episodes(int t) {
    return episodes[t0 + t];
  }

  @Override
  public int finish(long envStep) {
    return learner.endRollout(envStep, threads);
  }

  @Override
  public void stoppedAfter(int t) {
    learner.stopRollout(t0 + t + 1);
  }

  @Override
  public float[][] observations() {
    return current;
  }

  /** Shard s's part of the block: act, step, record, k times; then its envs' last values. */
  private void collectShard(int s) {
    Shard sh = shards[s];
    sh.refresh();
    float[][] obs = start;
    for (int t = t0; t < t0 + k; t++) {
      sh.act(t, obs);
      VectorEnv.Result r = venv.stepShard(s, learner.envActions);
      sh.record(t, r);
      obs = r.observations();
    }
    sh.values(obs, 1, learner.lastValues());
    if (s == 0) {
      current = obs;
    }
  }

  /** One thread's envs [from, to) and its own copy of the policy and scratch arrays. */
  private final class Shard {
    private final int from;
    private final int to;
    private final int rows;
    private final HostNet net;
    private long version = -1;
    private final float[] obsNorm;
    private final float[] head;
    private final float[] values;
    private final float[] one = new float[1];
    private final float[] tmp;
    private final float[] single;

    Shard(int from, int to) {
      this.from = from;
      this.to = to;
      this.rows = to - from;
      this.net = new HostNet(learner.net.spec().mlp());
      this.obsNorm = new float[rows * obsDim];
      this.head = new float[rows * actions];
      this.values = new float[rows];
      this.tmp = new float[obsDim];
      this.single = new float[obsDim];
    }

    /** Takes the learner's current parameters if they changed since the last rollout. */
    void refresh() {
      if (version != learner.thetaVersion()) {
        net.set(learner.theta());
        version = learner.thetaVersion();
      }
    }

    /** Normalises (frozen statistics) env i's observation into row r of {@code dst}. */
    private void normalize(float[] o, float[] dst, int r) {
      if (learner.obsStats == null) {
        System.arraycopy(o, 0, dst, r * obsDim, obsDim);
        return;
      }
      learner.obsStats.normalize(o, tmp, PgPolicy.OBS_CLIP, PgPolicy.OBS_EPS);
      System.arraycopy(tmp, 0, dst, r * obsDim, obsDim);
    }

    /** Step t's actions for this shard's envs, stored in the buffer and the env actions. */
    void act(int t, float[][] obs) {
      float[] raw = learner.rawRollout;
      for (int i = from; i < to; i++) {
        if (raw != null) {
          System.arraycopy(obs[i], 0, raw, (t * n + i) * obsDim, obsDim);
        }
        normalize(obs[i], obsNorm, i - from);
      }
      net.forward(obsNorm, rows, head, values);
      System.arraycopy(obsNorm, 0, buffer.obs, (t * n + from) * obsDim, rows * obsDim);
      System.arraycopy(values, 0, buffer.values, t * n + from, rows);
      Object[] envActions = learner.envActions;
      float[] logStd = net.vector(0);
      for (int i = from; i < to; i++) {
        int e = t * n + i;
        int r = i - from;
        if (learner.discrete) {
          int a = Categorical.sample(head, r * actions, actions, noise[e]);
          buffer.actions[e] = a;
          buffer.logProbs[e] = (float) Categorical.logProb(head, r * actions, actions, a);
          envActions[i] = a;
        } else {
          int off = e * actDim;
          DiagGaussian.sample(head, r * actDim, logStd, actDim, noise, off, buffer.actions, off);
          buffer.logProbs[e] = (float) DiagGaussian.logProb(head, r * actDim, logStd,
              buffer.actions, off, actDim);
          float[] a = (float[]) envActions[i];
          System.arraycopy(buffer.actions, off, a, 0, actDim);
          learner.actionBox.clip(a);
        }
      }
    }

    /** Step t's outcome for this shard's envs: rewards, ends, truncation bootstraps, episodes. */
    void record(int t, VectorEnv.Result r) {
      for (int i = from; i < to; i++) {
        int e = t * n + i;
        boolean term = r.terminated()[i];
        boolean trunc = r.truncated()[i];
        buffer.rewards[e] = (float) r.rewards()[i];
        buffer.terminated[e] = term;
        buffer.truncated[e] = trunc;
        if (trunc && !term) {
          normalize(r.finalObservations()[i], single, 0);
          net.forward(single, 1, 1, one);
          buffer.truncValues[e] = one[0];
        }
        episodes[t][i] = r.episodes()[i];
      }
    }

    /** Head {@code h} (1: the critic) of this shard's envs' observations into {@code out[i]}. */
    void values(float[][] obs, int h, float[] out) {
      for (int i = from; i < to; i++) {
        normalize(obs[i], obsNorm, i - from);
      }
      net.forward(obsNorm, rows, h, values);
      System.arraycopy(values, 0, out, from, rows);
    }
  }
}
