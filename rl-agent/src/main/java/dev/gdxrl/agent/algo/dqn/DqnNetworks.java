package dev.gdxrl.agent.algo.dqn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.buffer.ReplayBuffer;
import dev.gdxrl.agent.net.AdamStep;
import dev.gdxrl.agent.net.FlatMlp;
import dev.gdxrl.agent.net.GradientPath;
import dev.gdxrl.agent.net.DenseKernel;
import dev.gdxrl.agent.net.Networks;
import dev.gdxrl.agent.net.MlpSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * DQN's networks: the online and target Q-networks, Adam, and what needs libtorch. {@link
 * DqnAgent} is the algorithm; this is its engine room.
 *
 * <p>Two ways to compute the gradient, chosen at construction ({@link GradientPath}): on the CPU
 * (plain or dueling head) the <em>manual</em> path: {@link #nextValues} / {@link #targetValues}
 * give the next states' Q-values for the agent's TD targets, {@link #predict} the online Q(s, .)
 * (its forward pass kept), and {@link #step} backpropagates the agent's dL/dQ by hand through
 * {@link DenseKernel} and takes the host Adam step, with no autograd recording (what a step
 * costs most through DJL). On a GPU, {@link #update} does the whole step by DJL's autograd on
 * the device: targets, loss and gradient as NDArray operations. A unit test checks that both
 * give the same parameters.
 *
 * <p>Memory discipline: the parameters live in this object's manager; every pass runs in a
 * sub-manager that is closed when it ends ({@link #predict}'s when its {@link #step} ends), so
 * nothing accumulates over a long run. A minibatch goes to the device as one upload per field
 * from reused direct buffers.
 */
final class DqnNetworks implements AutoCloseable {
  private final DqnConfig config;
  private final MlpSpec spec;
  private final Device device;
  private final NDManager manager;
  private final FlatMlp online;
  private final FlatMlp target;
  private ParameterStore store;
  private final AdamStep adam;
  private final Parameter[] onlineParams;
  private final Parameter[] targetParams;
  private final int batchSize;
  private final ByteBuffer obsBuf;
  private final ByteBuffer nextBuf;
  private final ByteBuffer actBuf;
  private final ByteBuffer rewBuf;
  private final ByteBuffer coefBuf;
  /** gamma^k as float for k = 0..n_step (index 1 is exactly (float) gamma). */
  private final float[] gammaPow;
  private final DenseKernel onlineManual;
  private final DenseKernel targetManual;
  private final DenseKernel.Pass pass;
  private final float[] grad;
  private final float[] dq;
  private final float[] y;
  private final ByteBuffer dqBuf;
  private ByteBuffer roundBuf;
  /** The sub-manager of the last {@link #predict}, closed by the {@link #step} after it. */
  private NDManager pending;
  private final NDArray one;
  private final NDArray half;
  private long updates;
  private long updatesAtLastCopy = -1;
  private float lastGradNorm = Float.NaN;

  DqnNetworks(MlpSpec spec, DqnConfig config, Device device, RandomGenerator rng) {
    this(spec, config, device, rng, GradientPath.forDevice(device) == GradientPath.HAND_WRITTEN);
  }

  /** {@code manual}: hand-written backward pass (CPU only) or autograd. */
  DqnNetworks(MlpSpec spec, DqnConfig config, Device device, RandomGenerator rng,
      boolean manual) {
    if (manual && device.isGpu()) {
      throw new IllegalArgumentException("the manual gradient path needs the CPU");
    }
    this.config = config;
    this.gammaPow = DqnAgent.discounts(config.gamma(), config.nStep());
    this.spec = spec;
    this.device = device;
    DjlDefaults.apply();
    this.manager = NDManager.newBaseManager(device);
    this.online = Networks.initialize(new FlatMlp(spec), manager, rng);
    this.target = Networks.initialize(new FlatMlp(spec), manager, rng);
    this.store = new ParameterStore(manager, false);
    this.onlineParams = Networks.parameters(online);
    this.targetParams = Networks.parameters(target);
    for (Parameter p : targetParams) {
      p.getArray().setRequiresGradient(false);
    }
    updateTarget(1.0);
    this.adam = GradientPath.hostOptimiser(device)
        ? AdamStep.host(online, config.learningRate(), config.maxGradNorm())
        : AdamStep.device(online, config.learningRate(), config.maxGradNorm());
    this.one = manager.create(1f);
    this.half = manager.create(0.5f);
    this.batchSize = config.batchSize();
    int obsBytes = batchSize * spec.inputs() * Float.BYTES;
    obsBuf = ByteBuffer.allocateDirect(obsBytes).order(ByteOrder.nativeOrder());
    nextBuf = ByteBuffer.allocateDirect(obsBytes).order(ByteOrder.nativeOrder());
    actBuf = ByteBuffer.allocateDirect(batchSize * Long.BYTES).order(ByteOrder.nativeOrder());
    rewBuf = ByteBuffer.allocateDirect(batchSize * Float.BYTES).order(ByteOrder.nativeOrder());
    coefBuf = ByteBuffer.allocateDirect(batchSize * Float.BYTES).order(ByteOrder.nativeOrder());
    if (manual) {
      onlineManual = new DenseKernel(spec, () -> online.flatParameter().getArray());
      targetManual = new DenseKernel(spec, () -> target.flatParameter().getArray());
      pass = onlineManual.pass();
      grad = new float[spec.parameterCount()];
      dq = new float[batchSize * spec.outputs()];
      y = new float[batchSize];
      dqBuf = ByteBuffer.allocateDirect(dq.length * Float.BYTES).order(ByteOrder.nativeOrder());
    } else {
      onlineManual = null;
      targetManual = null;
      pass = null;
      grad = null;
      dq = null;
      y = null;
      dqBuf = null;
    }
  }

  /** Whether gradients are computed by hand ({@link DenseKernel}) rather than by autograd. */
  boolean manual() {
    return onlineManual != null;
  }

  FlatMlp online() {
    return online;
  }

  FlatMlp target() {
    return target;
  }

  Device device() {
    return device;
  }

  long updates() {
    return updates;
  }

  /** Gradient norm (before clipping) of the last update. */
  float lastGradNorm() {
    return lastGradNorm;
  }

  /** The optimiser (tests). */
  AdamStep optimiser() {
    return adam;
  }

  /**
   * One gradient step on {@code b}.
   *
   * @param wantLoss fetch the loss value to the host (a device sync; otherwise NaN is returned)
   * @return the minibatch loss, or NaN
   */
  float update(ReplayBuffer.Batch b, boolean wantLoss) {
    check(b);
    if (manual()) {
      return updateManual(b, wantLoss);
    }
    try (NDManager sub = manager.newSubManager(device)) {
      Uploaded u = upload(sub, b);
      NDArray y = targets(u);
      float lossValue = Float.NaN;
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray q = forward(online, u.obs, true);
        NDArray qa = q.gather(u.actions, 1);
        NDArray diff = qa.sub(y);
        NDArray loss;
        if (DqnConfig.MSE.equals(config.loss())) {
          loss = diff.square().mean();
        } else {
          // smooth L1 (delta 1): 0.5 q^2 + (|d| - q) with q = min(|d|, 1); the constants are
          // device arrays, because an op with a Java scalar costs an extra upload
          NDArray abs = diff.abs();
          NDArray quad = abs.minimum(one);
          loss = quad.square().mul(half).add(abs.sub(quad)).mean();
        }
        gc.backward(loss);
        if (wantLoss) {
          lossValue = loss.getFloat();
        }
      }
      lastGradNorm = adam.step();
      updates++;
      return lossValue;
    }
  }

  /** {@link #update} on the manual path: DqnAgent's targets and loss, {@link #step}. */
  private float updateManual(ReplayBuffer.Batch b, boolean wantLoss) {
    float[][] next = nextValues(b);
    DqnAgent.tdTargets(b, next[0], next[1], 0, spec.outputs(), gammaPow, config.gamma(), y);
    double loss = DqnAgent.lossGradient(DqnConfig.MSE.equals(config.loss()), b, predict(b), y,
        spec.outputs(), dq);
    step(dq);
    return wantLoss ? (float) (loss / batchSize) : Float.NaN;
  }

  /**
   * The online network's Q(s, .) of {@code b}'s observations (rows x actions), remembered for
   * the backward pass of the {@link #step} that must follow. Manual path.
   */
  float[] predict(ReplayBuffer.Batch b) {
    check(b);
    requireManual();
    closePending();
    pending = manager.newSubManager(device);
    NDArray obs = uploadRows(pending, obsBuf, b.obs());
    return onlineManual.forward(obs, pass)[0].toFloatArray();
  }

  /**
   * Backpropagates {@code dq} (the loss's gradient with respect to the Q-values of the last
   * {@link #predict}, rows x actions) by hand and takes one Adam step; returns the gradient norm
   * before clipping.
   */
  float step(float[] dq) {
    if (pending == null) {
      throw new IllegalStateException("step needs the Q-values of a predict first");
    }
    try {
      dqBuf.clear();
      dqBuf.asFloatBuffer().put(dq, 0, batchSize * spec.outputs());
      NDArray dOut = pending.create(dqBuf, new Shape(batchSize, spec.outputs()),
          DataType.FLOAT32);
      onlineManual.backward(pass, new NDArray[] {dOut}, grad);
      lastGradNorm = adam.step(grad);
      updates++;
      return lastGradNorm;
    } finally {
      closePending();
    }
  }

  private void closePending() {
    if (pending != null) {
      pending.close();
      pending = null;
    }
  }

  private void requireManual() {
    if (!manual()) {
      throw new IllegalStateException("host-side targets and gradients need the manual (CPU)"
          + " path");
    }
  }

  /**
   * Q_target(s', .) of {@code b}'s next observations (rows x actions) and, with Double DQN,
   * Q_online(s', .) (else null), on the host. Manual path.
   */
  float[][] nextValues(ReplayBuffer.Batch b) {
    check(b);
    requireManual();
    try (NDManager sub = manager.newSubManager(device)) {
      NDArray next = uploadRows(sub, nextBuf, b.nextObs());
      float[] tq = targetManual.forward(next, null)[0].toFloatArray();
      float[] oq = config.doubleQ() ? onlineManual.forward(next, null)[0].toFloatArray() : null;
      return new float[][] {tq, oq};
    }
  }

  /** Whether {@link #targets(ReplayBuffer.Batch[], int, float[][])} applies: plain DQN, CPU. */
  boolean batchesTargets() {
    return manual() && !config.doubleQ();
  }

  /**
   * Plain-DQN TD targets of {@code count} batches in one target-network forward pass (one large
   * matrix product instead of {@code count} small ones; a training round whose target network
   * does not change between its gradient steps computes all its targets up front). Manual path,
   * no Double DQN (its targets depend on the online network, which every step changes).
   */
  void targets(ReplayBuffer.Batch[] batches, int count, float[][] out) {
    float[] tq = targetValues(batches, count);
    for (int k = 0; k < count; k++) {
      DqnAgent.tdTargets(batches[k], tq, null, k * batchSize, spec.outputs(), gammaPow,
          config.gamma(), out[k]);
    }
  }

  /**
   * Q_target(s', .) of the next observations of {@code count} batches, in batch order (count x
   * batch rows of actions), in one forward pass. Plain DQN, manual path.
   */
  float[] targetValues(ReplayBuffer.Batch[] batches, int count) {
    if (!batchesTargets()) {
      throw new IllegalStateException("batched targets need plain DQN on the manual path");
    }
    int d = spec.inputs();
    int rows = count * batchSize;
    if (roundBuf == null || roundBuf.capacity() < rows * d * Float.BYTES) {
      roundBuf = ByteBuffer.allocateDirect(rows * d * Float.BYTES).order(ByteOrder.nativeOrder());
    }
    roundBuf.clear();
    java.nio.FloatBuffer fb = roundBuf.asFloatBuffer();
    for (int k = 0; k < count; k++) {
      check(batches[k]);
      fb.put(batches[k].nextObs(), 0, batchSize * d);
    }
    roundBuf.limit(rows * d * Float.BYTES);
    try (NDManager sub = manager.newSubManager(device)) {
      return targetManual.forward(sub.create(roundBuf, new Shape(rows, d), DataType.FLOAT32),
          null)[0].toFloatArray();
    }
  }

  /** TD targets of {@code b}, fetched to the host (for tests and diagnostics). */
  float[] targets(ReplayBuffer.Batch b) {
    check(b);
    if (manual()) {
      float[] out = new float[batchSize];
      float[][] next = nextValues(b);
      DqnAgent.tdTargets(b, next[0], next[1], 0, spec.outputs(), gammaPow, config.gamma(), out);
      return out;
    }
    try (NDManager sub = manager.newSubManager(device)) {
      return targets(upload(sub, b)).toFloatArray();
    }
  }

  /** Q-values of the online network for {@code rows} observations, on the host. */
  float[] onlineValues(float[] obs, int rows) {
    try (NDManager sub = manager.newSubManager(device)) {
      NDArray x = sub.create(obs, new Shape(rows, spec.inputs()));
      if (manual()) {
        return onlineManual.forward(x, null)[0].toFloatArray();
      }
      return forward(online, x, false).toFloatArray();
    }
  }

  /**
   * target = (1 - tau) target + tau online; tau = 1 is a hard copy, skipped when the online
   * network has not changed since the last one (RL-Zoo's CartPole settings ask for a copy every
   * 10 env steps but train only every 256).
   */
  void updateTarget(double tau) {
    if (tau >= 1.0 && updates == updatesAtLastCopy) {
      return;
    }
    updatesAtLastCopy = updates;
    for (int i = 0; i < onlineParams.length; i++) {
      NDArray t = targetParams[i].getArray();
      NDArray o = onlineParams[i].getArray();
      if (tau >= 1.0) {
        t.muli(0f).addi(o);
      } else {
        t.muli((float) (1 - tau));
        try (NDArray scaled = o.mul((float) tau)) {
          t.addi(scaled);
        }
      }
    }
  }

  void save(Path dir) throws IOException {
    Networks.save(online, dir.resolve("q_network.params"));
    Networks.save(target, dir.resolve("q_target.params"));
  }

  void load(Path dir) throws IOException {
    Networks.load(online, manager, dir.resolve("q_network.params"));
    checkSize(online, "q_network.params");
    // loading replaces the parameter arrays, and a store hands out the arrays it first saw
    store = new ParameterStore(manager, false);
    if (manual()) {
      onlineManual.refresh();
    } else {
      online.flatParameter().getArray().setRequiresGradient(true);
    }
    adam.parametersReplaced();
    updatesAtLastCopy = -1;
    Path t = dir.resolve("q_target.params");
    if (java.nio.file.Files.exists(t)) {
      Networks.load(target, manager, t);
      checkSize(target, "q_target.params");
    } else {
      updateTarget(1.0);
    }
    for (Parameter p : targetParams) {
      p.getArray().setRequiresGradient(false);
    }
    if (manual()) {
      targetManual.refresh();
    }
  }

  /** A parameter file of another network shape (agent.json edited, files mixed) is one line. */
  private void checkSize(FlatMlp net, String file) throws IOException {
    long got = net.flatParameter().getArray().size();
    if (got != spec.parameterCount()) {
      throw new IOException(file + " holds " + got + " parameters where the config's network"
          + " (hidden sizes, dueling) has " + spec.parameterCount()
          + "; agent.json and the parameter files are not of one run");
    }
  }

  private NDArray targets(Uploaded u) {
    NDArray nextTarget = forward(target, u.next, false);
    NDArray best;
    if (config.doubleQ()) {
      NDArray nextOnline = forward(online, u.next, false);
      best = nextTarget.gather(nextOnline.argMax(1).expandDims(1), 1);
    } else {
      best = nextTarget.max(new int[] {1}, true);
    }
    return best.muli(u.coef).addi(u.rewards);
  }

  private NDArray forward(FlatMlp net, NDArray x, boolean training) {
    return net.forward(store, new NDList(x), training).singletonOrThrow();
  }

  private record Uploaded(NDArray obs, NDArray next, NDArray actions, NDArray rewards,
      NDArray coef) {}

  private Uploaded upload(NDManager sub, ReplayBuffer.Batch b) {
    Uploaded states = uploadStates(sub, b);
    actBuf.clear();
    rewBuf.clear();
    coefBuf.clear();
    for (int i = 0; i < batchSize; i++) {
      actBuf.putLong(i * Long.BYTES, b.actions()[i]);
      rewBuf.putFloat(i * Float.BYTES, b.rewards()[i]);
      coefBuf.putFloat(i * Float.BYTES, DqnAgent.bootstrap(b, i, gammaPow, config.gamma()));
    }
    Shape col = new Shape(batchSize, 1);
    return new Uploaded(states.obs, states.next,
        sub.create(actBuf, col, DataType.INT64),
        sub.create(rewBuf, col, DataType.FLOAT32),
        sub.create(coefBuf, col, DataType.FLOAT32));
  }

  /** Observations and next observations only (the manual path keeps the rest on the host). */
  private Uploaded uploadStates(NDManager sub, ReplayBuffer.Batch b) {
    return new Uploaded(uploadRows(sub, obsBuf, b.obs()), uploadRows(sub, nextBuf, b.nextObs()), null,
        null, null);
  }

  /** A batch of observations (batch x inputs) through a reused direct buffer. */
  private NDArray uploadRows(NDManager sub, ByteBuffer buf, float[] rows) {
    int d = spec.inputs();
    buf.clear();
    buf.asFloatBuffer().put(rows, 0, batchSize * d);
    return sub.create(buf, new Shape(batchSize, d), DataType.FLOAT32);
  }

  private void check(ReplayBuffer.Batch b) {
    if (b.size() != batchSize || b.obsDim() != spec.inputs()) {
      throw new IllegalArgumentException("batch " + b.size() + "x" + b.obsDim() + " does not match "
          + batchSize + "x" + spec.inputs());
    }
  }

  /** Arrays owned by this object's manager, sub-managers included (leak checks in tests). */
  int managedArrays() {
    return manager.getManagedArrays().size();
  }

  /** Parameters of the online network in block order (for tests). */
  List<NDArray> onlineArrays() {
    return java.util.Arrays.stream(onlineParams).map(Parameter::getArray).toList();
  }

  List<NDArray> targetArrays() {
    return java.util.Arrays.stream(targetParams).map(Parameter::getArray).toList();
  }

  @Override
  public void close() {
    closePending();
    if (manual()) {
      onlineManual.close();
      targetManual.close();
    }
    manager.close();
  }
}
