package dev.gdxrl.agent.algo.pg;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;

/** Plain benchmark (not a test): cost of one PPO-style gradient step, by part. */
public final class PgStepBench {
  public static void main(String[] args) {
    int b = Integer.parseInt(args[0]);
    int d = Integer.parseInt(args[1]);
    int iters = Integer.parseInt(args[2]);
    ActorCriticSpec spec = new ActorCriticSpec(d, new int[] {64, 64}, true, 2, false, "tanh", 0);
    try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(1)).initialize(base);
      PgOptimizer opt = new PgOptimizer(PgOptimizer.ADAM, 3e-4, 1e-5, 0.99);
      float[] obs = new float[b * d];
      float[] acts = new float[b * 2];
      SplittableRandom r = new SplittableRandom(2);
      for (int i = 0; i < obs.length; i++) {
        obs[i] = (float) r.nextGaussian();
      }
      for (int rep = 0; rep < 3; rep++) {
        long tf = 0;
        long tb = 0;
        long to = 0;
        for (int it = 0; it < iters; it++) {
          try (NDManager m = base.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray x = m.create(obs, new Shape(b, d));
            NDArray a = m.create(acts, new Shape(b, 2));
            long t1;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDList out = net.forward(x);
              NDArray logp = Categorical.logProb(out.get(0).logSoftmax(1), a);
              NDArray loss = logp.mean().add(out.get(1).square().mean());
              t1 = System.nanoTime();
              gc.backward(loss);
            }
            long t2 = System.nanoTime();
            opt.step(net.parameterList(), 0.5, m);
            long t3 = System.nanoTime();
            tf += t1 - t0;
            tb += t2 - t1;
            to += t3 - t2;
          }
        }
        System.out.printf("batch %d: forward %.3f ms, backward %.3f ms, optimiser %.3f ms%n", b,
            tf / 1e6 / iters, tb / 1e6 / iters, to / 1e6 / iters);
      }
    }
  }
}
