package dev.gdxrl.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;

/**
 * N envs stepped together, for batched acting: one network forward pass serves every env.
 *
 * <p>Auto-reset: when env i ends an episode (terminated or truncated), its last observation goes to
 * {@link Result#finalObservations()}{@code [i]} (learners bootstrap from it on truncation), its
 * {@link EpisodeStats} to {@link Result#episodes()}{@code [i]}, and {@link Result#observations()}
 * {@code [i]} is already the first observation of the next episode.
 *
 * <p>Seeding: {@link #reset(long)} resets env i with {@code seed + i}; each later episode of env i
 * gets a seed drawn from a generator seeded with {@code seed + i}. {@link #reset(EpisodeSeeds)}
 * instead takes every episode's seed from a rule of (env, episode of that env). Either way results
 * are the same whatever the number of threads.
 *
 * <p>Threads: with {@code threads > 1} the envs are split into contiguous chunks; the calling
 * thread steps the first chunk and {@code threads - 1} daemon workers the others. Workers (and the
 * caller, for the slowest worker) wait by spinning briefly and then parking, so a step costs a
 * hand-off of well under a microsecond when stepping is continuous and nothing when training
 * pauses.
 *
 * <p>Shards: chunk s of the envs is shard s ({@link #shards()}, slots {@link #shardStart}{@code
 * (s)} to {@link #shardEnd}{@code (s)}), stepped by thread s (shard 0 by the calling thread).
 * {@link #forEachShard} runs any task on every shard's thread at once and returns when all are
 * done, so a learner can run a whole rollout (acting and {@link #stepShard}) with one hand-off
 * instead of one per vector step. A shard's task touches only its own slots of the {@link
 * Result}.
 *
 * <p>Scenes ({@link #ofScenes}): each {@link MultiAgentEnv} of M agents fills M consecutive slots
 * (scene k's agent j is slot {@code k * M + j}); scene k is reset with {@code seed + k} and draws
 * its later rounds' seeds from its own generator; when a round ends, every slot of the scene ends
 * an episode (its own return) and starts the next one. Threads split the scenes, not the slots.
 *
 * <p>The {@link Result} and its arrays are owned by this object and overwritten by the next call;
 * the observation arrays inside are the envs' own fresh arrays and may be kept.
 */
public final class VectorEnv<A> implements AutoCloseable {

  /** What one vector step produced; arrays indexed by env. */
  public static final class Result {
    private final float[][] observations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final float[][] finalObservations;
    private final EpisodeStats[] episodes;

    Result(int n) {
      observations = new float[n][];
      rewards = new double[n];
      terminated = new boolean[n];
      truncated = new boolean[n];
      finalObservations = new float[n][];
      episodes = new EpisodeStats[n];
    }

    /** Current observation of each env (after auto-reset where an episode ended). */
    public float[][] observations() {
      return observations;
    }

    public double[] rewards() {
      return rewards;
    }

    public boolean[] terminated() {
      return terminated;
    }

    public boolean[] truncated() {
      return truncated;
    }

    /** The last observation of the episode that ended at env i this step; null elsewhere. */
    public float[][] finalObservations() {
      return finalObservations;
    }

    /** Statistics of the episode that ended at env i this step; null elsewhere. */
    public EpisodeStats[] episodes() {
      return episodes;
    }

    /** True when env i ended an episode this step. */
    public boolean done(int i) {
      return terminated[i] || truncated[i];
    }

    /** Copies the observations row-major into {@code dst} (length n * obsDim) and returns it. */
    public float[] observationsFlat(float[] dst) {
      return flatten(observations, dst);
    }
  }

  private final List<Env<float[], A>> envs;
  /** Scene mode: the scenes, else null. */
  private final List<MultiAgentEnv<A>> scenes;
  /** Agents per scene (1 in env mode). */
  private final int perUnit;
  private final int n;
  private final Result result;
  private final SplittableRandom[] seeders;
  /** The rule of {@link #reset(EpisodeSeeds)}, or null: seeds drawn from {@link #seeders}. */
  private EpisodeSeeds rule;
  /** Episodes started so far per unit (env or scene), for {@link #rule}. */
  private final long[] unitEpisodes;
  private final double[] returns;
  private final int[] lengths;
  private final List<Worker> workers;
  private final int[] chunkStart;
  private final IntConsumer stepTask = this::stepChunk;
  private A[] pendingActions;
  private boolean started;
  private boolean closed;

  public VectorEnv(List<? extends Env<float[], A>> envs, int threads) {
    this(new ArrayList<>(envs), null, threads);
  }

  /**
   * Every agent of every scene as one slot: {@code scenes.size() * M} slots for scenes of M
   * agents each (all scenes must have the same number of agents and the same spaces).
   */
  public static <A> VectorEnv<A> ofScenes(List<? extends MultiAgentEnv<A>> scenes, int threads) {
    return new VectorEnv<>(null, new ArrayList<>(scenes), threads);
  }

  private VectorEnv(List<Env<float[], A>> envs, List<MultiAgentEnv<A>> scenes, int threads) {
    int units = envs != null ? envs.size() : scenes.size();
    if (units == 0) {
      throw new IllegalArgumentException("VectorEnv needs at least one env");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("VectorEnv threads must be >= 1, got " + threads);
    }
    this.envs = envs;
    this.scenes = scenes;
    if (envs != null) {
      this.perUnit = 1;
      Space<float[]> os = envs.get(0).observationSpace();
      Space<A> as = envs.get(0).actionSpace();
      for (Env<float[], A> e : envs) {
        if (!e.observationSpace().equals(os) || !e.actionSpace().equals(as)) {
          throw new IllegalArgumentException(
              "VectorEnv envs must share observation and action spaces");
        }
      }
    } else {
      this.perUnit = scenes.get(0).agents();
      for (MultiAgentEnv<A> sc : scenes) {
        if (sc.agents() != perUnit || !sc.observationSpace().equals(scenes.get(0).observationSpace())
            || !sc.actionSpace().equals(scenes.get(0).actionSpace())) {
          throw new IllegalArgumentException(
              "VectorEnv scenes must have the same number of agents and the same spaces");
        }
      }
    }
    this.n = units * perUnit;
    this.result = new Result(n);
    this.seeders = new SplittableRandom[units];
    this.unitEpisodes = new long[units];
    this.returns = new double[n];
    this.lengths = new int[n];
    int t = Math.min(threads, units);
    this.chunkStart = new int[t + 1];
    for (int c = 0; c <= t; c++) {
      chunkStart[c] = (int) ((long) c * units / t);
    }
    this.workers = new ArrayList<>(t - 1);
    for (int w = 0; w < t - 1; w++) {
      Worker worker = new Worker(w + 1);
      workers.add(worker);
      worker.thread.start();
    }
  }

  public int size() {
    return n;
  }

  public int threads() {
    return workers.size() + 1;
  }

  /** Shards (one per thread): contiguous chunks of envs, or of scenes. */
  public int shards() {
    return chunkStart.length - 1;
  }

  /** First slot of shard s. */
  public int shardStart(int s) {
    return chunkStart[s] * perUnit;
  }

  /** One past the last slot of shard s. */
  public int shardEnd(int s) {
    return chunkStart[s + 1] * perUnit;
  }

  /**
   * Runs {@code task.accept(s)} for every shard s, each on its shard's thread (shard 0 on the
   * calling thread), and returns when all have finished; the first exception any of them threw
   * is rethrown. What a task writes is visible to the caller afterwards.
   */
  public void forEachShard(IntConsumer task) {
    ensureOpen();
    if (workers.isEmpty()) {
      task.accept(0);
      return;
    }
    for (Worker w : workers) {
      w.request(task);
    }
    Throwable first = null;
    try {
      task.accept(0);
    } catch (RuntimeException | Error e) {
      first = e;
    }
    for (Worker w : workers) {
      Throwable e = w.await();
      if (first == null) {
        first = e;
      }
    }
    if (first instanceof RuntimeException e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }

  /**
   * Steps shard s's envs only, slot i with {@code actions[i]}, auto-resetting ended episodes, and
   * records them in the {@link Result} (its other slots untouched). Called from shard s's thread
   * inside {@link #forEachShard}, or by the only thread.
   */
  public Result stepShard(int s, A[] actions) {
    if (!started) {
      throw new IllegalStateException("VectorEnv.stepShard() before reset()");
    }
    if (actions.length != n) {
      throw new IllegalArgumentException(
          "VectorEnv.stepShard: " + actions.length + " actions for " + n + " envs");
    }
    if (scenes != null) {
      stepScenes(chunkStart[s], chunkStart[s + 1], actions);
    } else {
      stepEnvs(chunkStart[s], chunkStart[s + 1], actions);
    }
    return result;
  }

  public Space<float[]> singleObservationSpace() {
    return envs != null ? envs.get(0).observationSpace() : scenes.get(0).observationSpace();
  }

  public Space<A> singleActionSpace() {
    return envs != null ? envs.get(0).actionSpace() : scenes.get(0).actionSpace();
  }

  public EnvSpec spec() {
    return envs != null ? envs.get(0).spec() : scenes.get(0).spec();
  }

  /** Agents per scene; 1 for a vector of plain envs. */
  public int agentsPerScene() {
    return perUnit;
  }

  /** The i-th env (for renderers and tests; do not step it directly). */
  public Env<float[], A> env(int i) {
    if (envs == null) {
      throw new IllegalStateException("VectorEnv of scenes has no single envs; use scene(k)");
    }
    return envs.get(i);
  }

  /** The k-th scene of a vector of scenes (for tests; do not step it directly). */
  public MultiAgentEnv<A> scene(int k) {
    if (scenes == null) {
      throw new IllegalStateException("VectorEnv of plain envs has no scenes");
    }
    return scenes.get(k);
  }

  /** Resets every env: env i with {@code seed + i}. Returns the observations (owned by this). */
  public float[][] reset(long seed) {
    ensureOpen();
    int units = seeders.length;
    for (int k = 0; k < units; k++) {
      seeders[k] = new SplittableRandom(seed + k);
    }
    rule = null;
    return resetUnits(k -> seed + k);
  }

  /**
   * Resets every env (or scene) k with {@code seeds.seed(k, 0)}; its j-th later episode gets
   * {@code seeds.seed(k, j)}. Returns the observations (owned by this).
   */
  public float[][] reset(EpisodeSeeds seeds) {
    ensureOpen();
    Arrays.fill(unitEpisodes, 0);
    rule = seeds;
    return resetUnits(k -> seeds.seed(k, 0));
  }

  private float[][] resetUnits(IntToLongFunction first) {
    if (scenes != null) {
      for (int k = 0; k < scenes.size(); k++) {
        float[][] obs = scenes.get(k).reset(first.applyAsLong(k));
        for (int j = 0; j < perUnit; j++) {
          begin(k * perUnit + j, obs[j]);
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        begin(i, envs.get(i).reset(first.applyAsLong(i)));
      }
    }
    started = true;
    return result.observations;
  }

  /** The seed of unit k's next episode (called by the thread that steps unit k). */
  private long nextSeed(int k) {
    return rule == null ? seeders[k].nextLong() : rule.seed(k, ++unitEpisodes[k]);
  }

  /** Slot i starts from {@code observation} with nothing recorded. */
  private void begin(int i, float[] observation) {
    result.observations[i] = observation;
    result.finalObservations[i] = null;
    result.episodes[i] = null;
    result.rewards[i] = 0;
    result.terminated[i] = false;
    result.truncated[i] = false;
    returns[i] = 0;
    lengths[i] = 0;
  }

  /**
   * Records slot i's step: its reward and flags, and, when the episode ended, its final
   * observation and statistics, then {@code next} (the next episode's first observation).
   */
  private void settle(int i, double reward, boolean terminated, boolean truncated,
      float[] observation, float[] next) {
    result.rewards[i] = reward;
    result.terminated[i] = terminated;
    result.truncated[i] = truncated;
    returns[i] += reward;
    lengths[i]++;
    if (terminated || truncated) {
      result.finalObservations[i] = observation;
      result.episodes[i] = new EpisodeStats(returns[i], lengths[i], terminated, truncated);
      returns[i] = 0;
      lengths[i] = 0;
      result.observations[i] = next;
    } else {
      result.finalObservations[i] = null;
      result.episodes[i] = null;
      result.observations[i] = observation;
    }
  }

  /** Steps env i with {@code actions[i]} for every i, auto-resetting ended episodes. */
  public Result step(A[] actions) {
    ensureOpen();
    if (!started) {
      throw new IllegalStateException("VectorEnv.step() before reset()");
    }
    if (actions.length != n) {
      throw new IllegalArgumentException(
          "VectorEnv.step: " + actions.length + " actions for " + n + " envs");
    }
    pendingActions = actions;
    try {
      forEachShard(stepTask);
    } finally {
      pendingActions = null;
    }
    return result;
  }

  private void stepChunk(int s) {
    if (scenes != null) {
      stepScenes(chunkStart[s], chunkStart[s + 1], pendingActions);
    } else {
      stepEnvs(chunkStart[s], chunkStart[s + 1], pendingActions);
    }
  }

  private void stepEnvs(int from, int to, A[] actions) {
    for (int i = from; i < to; i++) {
      Env<float[], A> env = envs.get(i);
      Step<float[]> s = env.step(actions[i]);
      float[] next = s.done() ? env.reset(nextSeed(i)) : null;
      settle(i, s.reward(), s.terminated(), s.truncated(), s.observation(), next);
    }
  }

  private void stepScenes(int from, int to, A[] actions) {
    int m = perUnit;
    for (int k = from; k < to; k++) {
      MultiAgentEnv<A> scene = scenes.get(k);
      MultiAgentEnv.Result s = scene.step(Arrays.copyOfRange(actions, k * m, k * m + m));
      boolean done = s.done();
      float[][] next = done ? scene.reset(nextSeed(k)) : null;
      for (int j = 0; j < m; j++) {
        settle(k * m + j, s.rewards()[j], s.terminated(), s.truncated(), s.observations()[j],
            done ? next[j] : null);
      }
    }
  }

  /** Copies rows of {@code rows} into {@code dst} row-major and returns it. */
  public static float[] flatten(float[][] rows, float[] dst) {
    int d = rows[0].length;
    if (dst.length != rows.length * d) {
      throw new IllegalArgumentException(
          "flatten: destination length " + dst.length + " != " + rows.length + " x " + d);
    }
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, dst, i * d, d);
    }
    return dst;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("VectorEnv is closed");
    }
  }

  /** Stops the workers and closes every env. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Worker w : workers) {
      w.stop();
    }
    for (Worker w : workers) {
      try {
        w.thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (envs != null) {
      envs.forEach(Env::close);
    } else {
      scenes.forEach(MultiAgentEnv::close);
    }
  }

  /** The thread of one shard: runs the task it is handed on its shard each time it is asked. */
  private final class Worker implements Runnable {
    private static final int SPINS = 20_000;
    private final int shard;
    private final Thread thread;
    private volatile IntConsumer task;
    private volatile long requested;
    private volatile long completed;
    private volatile boolean stopping;
    private volatile Throwable failure;

    Worker(int shard) {
      this.shard = shard;
      this.thread = new Thread(this, "vector-env-worker-" + (shard - 1));
      this.thread.setDaemon(true);
    }

    void request(IntConsumer t) {
      task = t;
      requested = requested + 1;
      LockSupport.unpark(thread);
    }

    Throwable await() {
      long target = requested;
      int spins = 0;
      while (completed != target) {
        if (++spins < SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, 20_000); // a long task (a whole rollout): sleep, not spin
        }
      }
      Throwable e = failure;
      failure = null;
      return e;
    }

    void stop() {
      stopping = true;
      LockSupport.unpark(thread);
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        int spins = 0;
        while (requested == seen && !stopping) {
          if (++spins < SPINS) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        if (stopping) {
          return;
        }
        seen = requested;
        try {
          task.accept(shard);
        } catch (RuntimeException | Error e) {
          failure = e;
        }
        completed = seen;
      }
    }
  }
}
