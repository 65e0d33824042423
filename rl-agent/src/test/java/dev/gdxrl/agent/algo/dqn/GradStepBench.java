package dev.gdxrl.agent.algo.dqn;

import ai.djl.Device;
import dev.gdxrl.agent.buffer.ReplayBuffer;
import dev.gdxrl.agent.net.MlpSpec;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.gdxrl.agent.net.AdamStep;
import dev.gdxrl.agent.net.FlatMlp;
import dev.gdxrl.agent.net.DenseKernel;
import dev.gdxrl.agent.net.Networks;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain benchmark (not a test): milliseconds per DQN gradient step (sample, upload, target,
 * forward, Huber loss, backward, grad-norm clip, Adam) for the two reference shapes. Run with
 * the DJL flags of the parent pom, e.g.
 *
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp rl-agent/target/test-classes:rl-agent/target/classes:$(cat cp.txt) \
 *   dev.gdxrl.agent.algo.dqn.GradStepBench [steps]
 * </pre>
 */
public final class GradStepBench {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private GradStepBench() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    for (int rep = 0; rep < 2; rep++) {
      manualAdamStep(8, new int[] {256, 256}, 4, 64, steps);
      manualAdamStep(4, new int[] {64, 64}, 2, 32, steps);
      adamStep(8, new int[] {256, 256}, 4, 64, steps, true);
      adamStep(8, new int[] {256, 256}, 4, 64, steps, false);
      adamStep(4, new int[] {64, 64}, 2, 32, steps, true);
      adamStep(4, new int[] {64, 64}, 2, 32, steps, false);
    }
    run(8, List.of(256, 256), 4, 64, steps);
    run(4, List.of(64, 64), 2, 32, steps);
    run(4, List.of(256, 256), 2, 64, steps);
    run(8, List.of(256, 256), 4, 128, steps);
  }

  /**
   * The bare Adam step the issue compares with PyTorch from Python: forward, MSE loss against a
   * fixed target, backward, Adam update; fixed input already on the device. {@code host} picks
   * the fused host Adam (the CPU default) or DJL's Adam (the GPU path).
   */
  public static double adamStep(int obs, int[] hidden, int actions, int batch, int steps,
      boolean host) {
    SplittableRandom rng = new SplittableRandom(2);
    MlpSpec spec = MlpSpec.q(obs, hidden, actions, false);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(new FlatMlp(spec), manager, rng);
      AdamStep adam = host ? AdamStep.host(net, 1e-4, 10) : AdamStep.device(net, 1e-4, 10);
      ParameterStore store = new ParameterStore(manager, false);
      NDArray x = manager.randomNormal(new Shape(batch, obs));
      NDArray y = manager.randomNormal(new Shape(batch, actions));
      Engine engine = Engine.getEngine("PyTorch");
      String label = String.format("adam step %d-%s-%d batch %d (%s adam)", obs,
          java.util.Arrays.toString(hidden), actions, batch, host ? "host" : "djl");
      return timeSteps(label, steps, () -> {
        try (NDManager sub = manager.newSubManager()) {
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray q = net.forward(store, new NDList(x), true).singletonOrThrow();
            gc.backward(q.sub(y).square().mean());
          }
          adam.step();
        }
      });
    }
  }

  /**
   * Runs {@code step} 300 times to warm up, then {@code steps} times timed; prints {@code label}
   * with wall and CPU milliseconds per step and returns the CPU figure.
   */
  private static double timeSteps(String label, int steps, Runnable step) {
    for (int i = 0; i < 300; i++) {
      step.run();
    }
    long t0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < steps; i++) {
      step.run();
    }
    double ms = (System.nanoTime() - t0) / 1e6 / steps;
    double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
    System.out.printf("%s: %.3f ms wall, %.3f ms cpu%n", label, ms, cpu);
    return cpu;
  }

  /**
   * The same bare Adam step on the CPU fast path that DQN trains with: {@link DenseKernel} forward
   * (nothing recorded), the MSE loss's gradient with respect to the output on the host (output
   * fetched, gradient uploaded), hand-written backward into a host array, fused host Adam with
   * clipping. Returns CPU milliseconds per step.
   */
  public static double manualAdamStep(int obs, int[] hidden, int actions, int batch, int steps) {
    SplittableRandom rng = new SplittableRandom(2);
    MlpSpec spec = MlpSpec.q(obs, hidden, actions, false);
    float[] x = new float[batch * obs];
    float[] y = new float[batch * actions];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) rng.nextGaussian();
    }
    float[] dOut = new float[y.length];
    float[] grad = new float[spec.parameterCount()];
    ByteBuffer xBuf = ByteBuffer.allocateDirect(x.length * 4).order(ByteOrder.nativeOrder());
    ByteBuffer dBuf = ByteBuffer.allocateDirect(dOut.length * 4).order(ByteOrder.nativeOrder());
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(new FlatMlp(spec), manager, rng);
      AdamStep adam = AdamStep.host(net, 1e-4, 10);
      try (DenseKernel mm = new DenseKernel(spec, () -> net.flatParameter().getArray())) {
        DenseKernel.Pass pass = mm.pass();
        String label = String.format("adam step %d-%s-%d batch %d (manual backward, host adam)",
            obs, java.util.Arrays.toString(hidden), actions, batch);
        return timeSteps(label, steps, () -> {
          try (NDManager sub = manager.newSubManager()) {
            // uploads from reused direct buffers, as DqnNetworks does (a heap array makes DJL
            // allocate a fresh direct buffer per call)
            xBuf.clear();
            xBuf.asFloatBuffer().put(x);
            NDArray in = sub.create(xBuf, new Shape(batch, obs), DataType.FLOAT32);
            float[] q = mm.forward(in, pass)[0].toFloatArray();
            for (int k = 0; k < q.length; k++) {
              dOut[k] = 2f * (q[k] - y[k]) / q.length;
            }
            dBuf.clear();
            dBuf.asFloatBuffer().put(dOut);
            mm.backward(pass, new NDArray[] {
                sub.create(dBuf, new Shape(batch, actions), DataType.FLOAT32)}, grad);
            adam.step(grad);
          }
        });
      }
    }
  }

  static void run(int obs, List<Integer> hidden, int actions, int batch, int steps) {
    DqnConfig c = DqnConfig.defaults();
    DqnConfig cfg = new DqnConfig(1e-3, batch, 10_000, 0, 0.99, 1.0, 1000, DqnConfig.ENV_STEPS,
        1, 1, DqnConfig.HUBER, 10, DqnConfig.EPSILON, 0.1, 1, 0.05, 1, hidden, false, false, false,
        1, 1, 1);
    SplittableRandom rng = new SplittableRandom(1);
    ReplayBuffer buf = new ReplayBuffer(10_000, obs);
    float[] o = new float[obs];
    float[] n = new float[obs];
    for (int i = 0; i < 10_000; i++) {
      for (int k = 0; k < obs; k++) {
        o[k] = (float) rng.nextGaussian();
        n[k] = (float) rng.nextGaussian();
      }
      buf.add(o, rng.nextInt(actions), rng.nextDouble(), n, rng.nextInt(10) == 0);
    }
    ReplayBuffer.Batch b = new ReplayBuffer.Batch(batch, obs);
    MlpSpec spec = MlpSpec.q(obs, cfg.hiddenArray(), actions, false);
    try (DqnNetworks nets = new DqnNetworks(spec, cfg, Device.cpu(), rng)) {
      for (int i = 0; i < 500; i++) {
        buf.sample(rng, b);
        nets.update(b, false);
      }
      long t0 = System.nanoTime();
      long c0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < steps; i++) {
        buf.sample(rng, b);
        nets.update(b, false);
      }
      double ms = (System.nanoTime() - t0) / 1e6 / steps;
      double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e6 / steps;
      System.out.printf("dqn update %d-%s-%d batch %d: %.3f ms wall, %.3f ms cpu%n",
          obs, hidden, actions, batch, ms, cpu);
    }
    if (c == null) {
      throw new AssertionError();
    }
  }
}
