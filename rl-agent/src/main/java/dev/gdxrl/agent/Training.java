package dev.gdxrl.agent;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.gdxrl.agent.config.ConfigBinder;
import dev.gdxrl.agent.config.ConfigFiles;
import dev.gdxrl.agent.io.AgentLoader;
import dev.gdxrl.agent.io.CheckpointException;
import dev.gdxrl.agent.io.CheckpointLock;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.Problems;
import dev.gdxrl.agent.train.BestKeeper;
import dev.gdxrl.agent.train.Evaluator;
import dev.gdxrl.agent.train.Listeners;
import dev.gdxrl.agent.train.Metrics;
import dev.gdxrl.agent.train.NonFiniteException;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.agent.train.TrainListener;
import dev.gdxrl.agent.train.TrainState;
import dev.gdxrl.agent.train.Trainer;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.VectorEnv;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The library facade the command line calls: {@link #train} and {@link #evaluate}. Bad input
 * (unknown env or algo, an algo that does not fit the env, bad hyperparameters, unusable
 * checkpoints) is an {@link IllegalArgumentException} with one clear line, before anything on
 * disk is touched.
 *
 * <p>Config keys: the training loop's ({@link TrainConfig}) and the algorithm's ({@code
 * DqnConfig}, {@code QTableConfig}), flat, snake_case, in one YAML or properties file.
 */
public final class Training {
  /** {@link Seeds#FINAL_EVAL_STREAM}: the final evaluation's and {@link #evaluate}'s. */
  private static final long FINAL_EVAL_STREAM = Seeds.FINAL_EVAL_STREAM;

  private final EnvRegistry registry;
  private final Algorithms algos;
  private final PrintStream log;

  /** Builtin envs and algorithms, logging to stderr. */
  public Training() {
    this(EnvRegistry.discovered(), Algorithms.builtin(), System.err);
  }

  /** @param log where the config, evaluations and progress bar go (stdout stays for RESULT) */
  public Training(EnvRegistry registry, Algorithms algos, PrintStream log) {
    DjlDefaults.apply();
    this.registry = registry;
    this.algos = algos;
    this.log = log;
  }

  /**
   * Env steps of a run when none are asked for: the env's preset's {@code steps}, or the
   * algorithm's generic default (1,000,000 for the actor-critics, 500,000 for qtable, 100,000
   * for the DQN family).
   */
  public long defaultSteps(String envId, String algo) {
    Algorithm<?> a = algos.get(algo);
    Object steps = a.presetTrainKeys(envId).get("steps");
    if (steps == null) {
      return a.genericSteps();
    }
    return steps(steps, a.id() + " preset for env '" + envId + "'");
  }

  /** A {@code steps} value: a whole number in [1, 10^12], said so whatever is wrong with it. */
  private static long steps(Object value, String section) {
    try {
      return ConfigBinder.bind(TrainConfig.of(1), Map.of("steps", value), section).steps();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(section + ": steps must be a whole number in [1, "
          + TrainConfig.MAX_STEPS + "] (10^12), got '" + value + "'", e);
    }
  }

  /** {@code auto} (GPU when DJL sees one), {@code cpu} or {@code gpu}. */
  public static Device device(String name) {
    DjlDefaults.apply();
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (Engine.getInstance().getGpuCount() == 0) {
          throw new IllegalArgumentException("--device gpu: DJL sees no GPU (the default build"
              + " carries the CPU PyTorch); on a machine with an NVIDIA driver and internet run"
              + " GDX_RL_CUDA=1 ./gdx-rl ... (it rebuilds with -Dcuda; see README 'GPU'), or use"
              + " --device cpu");
        }
        yield Device.gpu();
      }
      case "auto" -> Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
      default -> throw new IllegalArgumentException(
          "--device must be auto, cpu or gpu, got '" + name + "'");
    };
  }

  /** Trains, writes the checkpoint, evaluates greedily; see {@link TrainRequest}. */
  public TrainResult train(TrainRequest req) {
    long t0 = System.nanoTime();
    DjlDefaults.noGradientRecordingOnThisThread();
    Bound b = bind(req);
    Device device = device(req.device());
    Path out = req.outDir() != null ? req.outDir()
        : Path.of("runs", req.envId() + "-" + req.algo() + "-s" + req.seed());
    try {
      checkOutput(out, req.resumeDir()); // a file or a foreign directory: refused before the lock
    } catch (IllegalArgumentException e) {
      if (Files.isRegularFile(out.resolve(Checkpoints.AGENT_JSON))) {
        // a checkpoint that a live run is writing: say that rather than "resume it"
        CheckpointLock.acquire(out, "--out").close();
      }
      throw e;
    }
    // one writer per checkpoint for the run's whole life; a second run is refused here
    try (CheckpointLock lock = CheckpointLock.acquire(out, "--out")) {
      for (String line : Checkpoints.prepareOutput(out)) {
        log.println(line);
      }
      int stale = BestKeeper.removeStale(Path.of(System.getProperty("java.io.tmpdir")));
      if (stale > 0) {
        log.println("removed " + stale + " keep_best snapshot" + (stale == 1 ? "" : "s")
            + " of dead runs from " + System.getProperty("java.io.tmpdir"));
      }
      checkOutput(out, req.resumeDir());
      return train(req, b.algo(), b.algoConfig(), b.trainConfig(), device, out, b.resumed(),
          b.steps(), b.startSteps(), b.startEpisodes(), t0);
    }
  }

  /**
   * Everything {@link #train} would refuse about the request before it touches the disk (the
   * env and algo, every config key and value, an algo that cannot act in the env, a run too
   * short for one update or too big for memory), as the same one-line {@link
   * IllegalArgumentException}; writes nothing. The output directory is not checked.
   */
  public void check(TrainRequest req) {
    Bound b = bind(req);
    device(req.device());
    try (Env<float[], ?> env = registry.make(req.envId())) {
      Algorithms.checkFits(b.algo(), req.envId(), env.actionSpace());
      Footprint.checkMemory(b.algoConfig(), Envs.observationBox(env), env.actionSpace(),
          Runtime.getRuntime().maxMemory(), "");
      Footprint.checkCoversOneUpdate(b.algoConfig(), b.startSteps(), b.steps());
    }
  }

  /** A request bound to configs: what {@link #train} and {@link #check} share. */
  private record Bound(Algorithm<?> algo, Record algoConfig, TrainConfig trainConfig,
      CheckpointMeta resumed, long steps, long startSteps, long startEpisodes) {}

  private Bound bind(TrainRequest req) {
    Algorithm<?> algo = algos.get(req.algo());
    registry.entry(req.envId()); // unknown env: one line listing the known ones
    Map<String, Object> file = req.configFile() == null ? Map.of()
        : ConfigFiles.read(req.configFile());
    Map<String, Object> settings = new LinkedHashMap<>(file);
    settings.putAll(req.overrides());

    CheckpointMeta resumed = null;
    if (req.resumeDir() != null) {
      resumed = Checkpoints.readMeta(req.resumeDir());
      if (!resumed.envId().equals(req.envId())) {
        throw new CheckpointException("checkpoint " + req.resumeDir() + " is for env '"
            + resumed.envId() + "', not '" + req.envId() + "'");
      }
      if (!resumed.algo().equals(req.algo())) {
        throw new CheckpointException("checkpoint " + req.resumeDir() + " was trained with algo '"
            + resumed.algo() + "', not '" + req.algo() + "'");
      }
    }

    Set<String> trainKeys = ConfigBinder.keys(TrainConfig.class);
    Record algoBase = resumed == null ? algo.defaults(req.envId())
        : ConfigBinder.bind(algo.defaults(req.envId()), resumed.config(), "checkpoint config");
    Map<String, Object> trainMap = new LinkedHashMap<>();
    Map<String, Object> algoMap = new LinkedHashMap<>();
    Set<String> algoKeys = ConfigBinder.keys(algoBase.getClass());
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      if (trainKeys.contains(e.getKey())) {
        trainMap.put(e.getKey(), e.getValue());
      } else if (algoKeys.contains(e.getKey())) {
        algoMap.put(e.getKey(), e.getValue());
      } else {
        throw new IllegalArgumentException("unknown config key '" + e.getKey() + "'; "
            + req.algo() + " keys: " + String.join(", ", algoKeys) + "; training keys: "
            + String.join(", ", trainKeys));
      }
    }
    Record algoConfig = ConfigBinder.bind(algoBase, algoMap, req.algo() + " config");
    long steps = req.steps() != null ? req.steps()
        : trainMap.containsKey("steps") ? steps(trainMap.get("steps"), "training config")
        : defaultSteps(req.envId(), req.algo());
    Map<String, Object> presetTrain = new LinkedHashMap<>(algo.presetTrainKeys(req.envId()));
    presetTrain.remove("steps");
    TrainConfig defaults = ConfigBinder.bind(TrainConfig.of(steps), presetTrain,
        req.algo() + " preset for env '" + req.envId() + "'");
    TrainConfig base = resumed == null ? defaults
        : ConfigBinder.bind(defaults, resumed.train(), "checkpoint train config");
    TrainConfig trainConfig = ConfigBinder.bind(base.withSteps(steps), trainMap,
        "training config").withSteps(steps);
    long startSteps = resumed == null ? 0 : resumed.envSteps();
    long startEpisodes = resumed == null ? 0 : resumed.episodes();
    if (startSteps >= steps) {
      throw new IllegalArgumentException("checkpoint " + req.resumeDir() + " already has "
          + startSteps + " steps; ask for more with --steps");
    }
    return new Bound(algo, algoConfig, trainConfig, resumed, steps, startSteps, startEpisodes);
  }

  private TrainResult train(TrainRequest req, Algorithm<?> algo, Record algoConfig,
      TrainConfig trainConfig, Device device, Path out, CheckpointMeta resumed, long steps,
      long startSteps, long startEpisodes, long t0) {
    try (Env<float[], ?> env = registry.make(req.envId());
        Env<float[], ?> evalEnv = registry.make(req.envId())) {
      Algorithms.checkFits(algo, req.envId(), env.actionSpace());
      if (resumed != null) {
        Checkpoints.checkRegistered(resumed, req.resumeDir(), registry);
      }
      Footprint.checkMemory(algoConfig, Envs.observationBox(env), env.actionSpace(),
          Runtime.getRuntime().maxMemory(), "");
      Footprint.checkCoversOneUpdate(algoConfig, startSteps, steps);
      AgentContext ctx = new AgentContext(req.envId(), Envs.observationBox(env),
          env.actionSpace(), device, Seeds.agent(req.seed(), startSteps), steps);
      try (Agent<?> agent = algo.createUnchecked(algoConfig, ctx)) {
        Metrics metrics = new Metrics();
        String resuming = resumed == null ? null
            : loadForResume(agent, req.resumeDir(), resumed, metrics);
        // the config is logged once nothing can refuse the run any more: a refusal is one line
        logConfig(req, algo.preset(req.envId()).source(), algoConfig, trainConfig, device, out,
            startSteps);
        if (resuming != null) {
          log.println(resuming);
        }
        return run(req, castEnv(env), castEnv(evalEnv), castAgent(agent), algoConfig,
            trainConfig, device, out, metrics, startSteps, startEpisodes, t0);
      }
    }
  }

  /**
   * The checkpoint is written by replacing {@code out} as a whole, so {@code out} must not hold
   * anything else: it may be missing, an empty directory, or the checkpoint being resumed.
   */
  static void checkOutput(Path out, Path resumeDir) {
    if (out.toString().isBlank()) {
      throw new IllegalArgumentException("--out is empty; give the checkpoint's directory, e.g."
          + " --out runs/my-run");
    }
    Path abs = out.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (cwd.startsWith(abs)) {
      throw new IllegalArgumentException("--out " + out + " is the working directory or above"
          + " it, which the checkpoint would replace; give a new directory, e.g. --out runs/"
          + "my-run");
    }
    checkWritableParent(out, abs);
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " is a file; give a directory path"
          + " for the checkpoint");
    }
    if (resumeDir != null && sameFile(out, resumeDir)) {
      return;
    }
    boolean empty;
    try (var entries = Files.list(out)) {
      empty = entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new IllegalArgumentException("--out " + out + " cannot be read: " + e.getMessage());
    }
    if (empty) {
      return;
    }
    if (Files.isRegularFile(out.resolve(Checkpoints.AGENT_JSON))) {
      throw new IllegalArgumentException("--out " + out + " already holds a checkpoint; pass"
          + " another --out, or continue it with --resume " + out);
    }
    throw new IllegalArgumentException("--out " + out + " exists and is not a checkpoint;"
        + " refusing to replace it: pass a new or empty directory");
  }

  /**
   * The checkpoint is written next to {@code out} and renamed into place: its nearest existing
   * ancestor must be a directory in which we may create one (probed with an empty temporary
   * directory, removed at once), so that a run never trains for hours to fail at the write.
   */
  private static void checkWritableParent(Path out, Path abs) {
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("--out " + out + " is a file-system root; give a"
          + " directory below it");
    }
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException("--out " + out + ": none of its parent directories"
          + " exists");
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException("--out " + out + ": " + existing + " is a file, not a"
          + " directory; give a path whose parents are directories");
    }
    try {
      Path probe = Files.createTempDirectory(existing, ".gdx-rl-probe-");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
          ? f.getReason() : e instanceof java.nio.file.NoSuchFileException
          ? "it accepts no new directories" : Problems.describe(e);
      throw new IllegalArgumentException("--out " + out + ": cannot create the checkpoint in "
          + existing + " (" + why + "); give a directory you can write to");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Loads the checkpoint into {@code agent}; returns the line that says what was restored. */
  private String loadForResume(Agent<?> agent, Path dir, CheckpointMeta meta, Metrics metrics) {
    String restored;
    try {
      agent.load(dir);
      restored = agent.loadTrainingState(dir);
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": cannot read it: "
          + Problems.describe(e), e);
    }
    try {
      metrics.addAll(Metrics.readCsv(dir.resolve(Checkpoints.METRICS_CSV)).rows());
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": cannot read its "
          + Checkpoints.METRICS_CSV + ": " + Problems.describe(e), e);
    }
    agent.restoreGradientSteps(meta.gradientSteps());
    if (agent.savesReplayBuffer() && !restored.contains("replay buffer")) {
      restored = (restored.isEmpty() ? "" : restored + "; ") + (meta.replayBufferSaved()
          ? "warning: agent.json says the replay buffer was saved but the file is missing"
          : "no replay buffer in the checkpoint") + ": it refills from here";
    }
    return String.format(Locale.ROOT, "resuming %s at step %d, episode %d, gradient step %d (%s)",
        dir, meta.envSteps(), meta.episodes(), meta.gradientSteps(),
        restored.isEmpty() ? "parameters" : restored);
  }

  private <A> TrainResult run(TrainRequest req, Env<float[], A> env, Env<float[], A> evalEnv,
      Agent<A> agent, Record algoConfig, TrainConfig tc, Device device, Path out,
      Metrics metrics, long startSteps, long startEpisodes, long t0) {
    long[] saved = {-1}; // env step of the last checkpoint written by this run
    Listeners.Saver saver = s -> {
      NonFiniteException.checkParameters(agent, s.envSteps());
      save(out, agent, req, Envs.observationBox(env), env.actionSpace(), algoConfig, tc, device,
          s, metrics);
      saved[0] = s.envSteps();
    };
    BestKeeper.SnapshotWriter snapshot = (dir, s) -> Checkpoints.writeParameters(dir, agent,
        meta(agent, req, Envs.observationBox(env), env.actionSpace(), algoConfig, tc, device, s));
    try (BestKeeper best = tc.keepBest() ? new BestKeeper(snapshot, log) : null) {
      List<TrainListener> listeners = new ArrayList<>();
      if (req.progress()) {
        listeners.add(Listeners.progressBar(log, req.envId() + "/" + req.algo()));
      }
      listeners.add(Listeners.episodeMetrics(metrics, agent));
      listeners.add(Listeners.evaluation(evalEnv, agent, tc.evalFreq(), tc.evalEpisodes(),
          req.seed(), metrics, req.progress() ? null : log, tc.stopAtReturn(), best));
      listeners.add(Listeners.checkpoints(tc.checkpointFreq(), saver));
      TrainState state;
      double trainSeconds;
      try {
        state = runLoop(req, agent, tc, listeners, startSteps, startEpisodes);
        trainSeconds = state.elapsedSeconds();
        if (best != null) {
          String said = best.restoreBest(agent, state.envSteps());
          if (said != null) {
            log.println(said);
          }
        }
        saver.save(state);
      } catch (NonFiniteException e) {
        throw e.with(": stopped; no checkpoint holds parameters from it; " + (saved[0] >= 0
            ? out + " keeps the checkpoint of step " + saved[0]
            : Files.exists(out) ? out + " is as it was before this run"
            : "no checkpoint was written")
            + "; train again with a lower learning_rate (or max_grad_norm)");
      }
      Evaluator.Returns r = tc.finalEvalEpisodes() == 0 ? new Evaluator.Returns(new double[0], 0)
          : Evaluator.run(evalEnv, agent::actGreedy, tc.finalEvalEpisodes(), req.seed(),
              FINAL_EVAL_STREAM);
      return result(req, state, r, startSteps, trainSeconds, out, t0);
    }
  }

  private static TrainResult result(TrainRequest req, TrainState state, Evaluator.Returns r,
      long startSteps, double trainSeconds, Path out, long t0) {
    double wall = (System.nanoTime() - t0) / 1e9;
    return new TrainResult(req.envId(), req.algo(), state.envSteps(), r.mean(), r.std(),
        r.episodes(), state.episodes(), state.gradientSteps(), wall,
        (state.envSteps() - startSteps) / trainSeconds,
        (state.gradientSteps() - state.startGradientSteps()) / trainSeconds, out);
  }

  /**
   * The one training loop ({@link Trainer}) over a vector env of the agent's {@code n_envs} envs,
   * or of {@code n_envs / npcs} scenes of {@code npcs} NPCs.
   */
  private <A> TrainState runLoop(TrainRequest req, Agent<A> agent, TrainConfig tc,
      List<TrainListener> listeners, long startSteps, long startEpisodes) {
    if (tc.npcs() > 1) {
      return runScenes(req, agent, tc, listeners, startSteps, startEpisodes);
    }
    List<Env<float[], A>> envs = new ArrayList<>(agent.envs());
    try {
      for (int i = 0; i < agent.envs(); i++) {
        envs.add(castEnv(registry.make(req.envId())));
      }
    } catch (RuntimeException e) {
      envs.forEach(Env::close);
      throw e;
    }
    try (VectorEnv<A> venv = new VectorEnv<>(envs, agent.threads())) {
      return new Trainer<>(venv, agent, tc, req.seed(), listeners)
          .run(startSteps, startEpisodes);
    }
  }

  /** The vector loop over scenes of {@code npcs} NPCs each, every NPC one slot. */
  @SuppressWarnings("unchecked")
  private <A> TrainState runScenes(TrainRequest req, Agent<A> agent, TrainConfig tc,
      List<TrainListener> listeners, long startSteps, long startEpisodes) {
    int m = tc.npcs();
    if (agent.envs() % m != 0) {
      throw new IllegalArgumentException("npcs=" + m + " must divide n_envs=" + agent.envs()
          + " (the slots are n_envs / npcs scenes of npcs NPCs); set n_envs to a multiple of " + m);
    }
    List<MultiAgentEnv<A>> scenes = new ArrayList<>();
    try (Env<float[], A> probe = castEnv(registry.make(req.envId()))) {
      if (!(probe.unwrapped() instanceof MultiAgentEnv.Source<?> source)) {
        throw new IllegalArgumentException("env '" + req.envId() + "' is not built as a scene"
            + " of several NPCs, so npcs=" + m + " cannot apply; drop npcs (or --npcs)");
      }
      for (int k = 0; k < agent.envs() / m; k++) {
        scenes.add(((MultiAgentEnv.Source<A>) source).scene(m));
      }
    } catch (RuntimeException e) {
      scenes.forEach(MultiAgentEnv::close);
      throw e;
    }
    try (VectorEnv<A> venv = VectorEnv.ofScenes(scenes, agent.threads())) {
      return new Trainer<>(venv, agent, tc, req.seed(), listeners)
          .run(startSteps, startEpisodes);
    }
  }

  private static void save(Path out, Agent<?> agent, TrainRequest req, Box obs,
      Space<?> act, Record algoConfig, TrainConfig tc, Device device, TrainState s,
      Metrics metrics) {
    CheckpointMeta meta = meta(agent, req, obs, act, algoConfig, tc, device, s);
    try {
      Checkpoints.write(out, agent, meta, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + out + ": " + e.getMessage(), e);
    }
  }

  private static CheckpointMeta meta(Agent<?> agent, TrainRequest req, Box obs, Space<?> act,
      Record algoConfig, TrainConfig tc, Device device, TrainState s) {
    return new CheckpointMeta(Checkpoints.FORMAT_VERSION, req.algo(),
        req.envId(), obs, act, ConfigBinder.toMap(algoConfig), ConfigBinder.toMap(tc),
        agent.normalization(), s.envSteps(), s.episodes(), s.gradientSteps(), req.seed(),
        device.isGpu() ? "gpu" : "cpu", agent.savesReplayBuffer());
  }

  /** Loads a checkpoint and runs {@code episodes} greedy episodes seeded from {@code seed}. */
  public EvalResult evaluate(Path checkpoint, int episodes, long seed) {
    if (episodes < 1) {
      throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
    }
    long t0 = System.nanoTime();
    AgentLoader.Loaded l = AgentLoader.load(checkpoint, registry, algos, Device.cpu());
    try (Agent<?> agent = l.agent(); Env<float[], ?> env = registry.make(l.meta().envId())) {
      Evaluator.Returns r = evalWith(castEnv(env), castAgent(agent), episodes, seed);
      return new EvalResult(l.meta().envId(), l.meta().algo(), checkpoint, r.episodes(),
          r.mean(), r.std(), (System.nanoTime() - t0) / 1e9);
    }
  }

  private static <A> Evaluator.Returns evalWith(Env<float[], A> env, Agent<A> agent,
      int episodes, long seed) {
    return Evaluator.run(env, agent::actGreedy, episodes, seed, FINAL_EVAL_STREAM);
  }

  private void logConfig(TrainRequest req, String preset, Record algoConfig, TrainConfig tc,
      Device device, Path out, long startSteps) {
    StringBuilder sb = new StringBuilder();
    sb.append("train env=").append(req.envId()).append(" algo=").append(req.algo())
        .append(" seed=").append(req.seed()).append(" device=").append(device)
        .append(" out=").append(out);
    if (req.resumeDir() != null) {
      sb.append(" resume=").append(req.resumeDir()).append(" from_step=").append(startSteps);
    }
    sb.append('\n');
    sb.append("  # preset: ").append(preset.equals("no preset")
        ? "none for this env and algo: generic defaults" : preset).append('\n');
    for (Map.Entry<String, Object> e : ConfigBinder.toMap(tc).entrySet()) {
      sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    for (Map.Entry<String, Object> e : ConfigBinder.toMap(algoConfig).entrySet()) {
      sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    log.print(sb);
    log.flush();
  }

  @SuppressWarnings("unchecked")
  private static <A> Env<float[], A> castEnv(Env<float[], ?> env) {
    return (Env<float[], A>) env;
  }

  @SuppressWarnings("unchecked")
  private static <A> Agent<A> castAgent(Agent<?> agent) {
    return (Agent<A>) agent;
  }
}
