package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gdxrl.agent.net.HostNet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written policy-gradient step must give the gradient (and the loss terms) that DJL's
 * autograd gives for the same loss built from the NDArray functions the GPU path uses.
 */
class ManualActorCriticTest {

  @ParameterizedTest(name = "discrete={0} shared={1} {2} ppo={3} clipVf={4} ent={5}")
  @CsvSource({
      "true, false, tanh, true, 0.2, 0.01",
      "true, true, relu, false, 0, 0.05",
      "true, false, relu, true, 0, 0",
      "false, false, tanh, true, 0.3, 0.01",
      "false, true, tanh, false, 0, 0.02",
      "false, false, relu, true, 0, 0"})
  void gradientMatchesAutograd(boolean discrete, boolean shared, String activation, boolean ppo,
      double clipVf, double ent) {
    int obsDim = 3;
    int k = discrete ? 3 : 2;
    int rows = 40;
    double clip = 0.2;
    double vf = 0.5;
    ActorCriticSpec spec = new ActorCriticSpec(obsDim, new int[] {6, 5}, discrete, k, shared,
        activation, -0.3);
    SplittableRandom rng = new SplittableRandom(11);
    int width = obsDim + k + 4;
    float[] packed = new float[rows * width];
    float[] obs = new float[rows * obsDim];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) rng.nextGaussian();
    }
    HostNet host;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(5)).initialize(m);
      host = new HostNet(spec.mlp(), net.hostParameters());
    }
    float[] head = new float[rows * k];
    float[] values = new float[rows];
    host.forward(obs, rows, head, values);
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      System.arraycopy(obs, r * obsDim, packed, o, obsDim);
      double logp;
      if (discrete) {
        int a = rng.nextInt(k);
        packed[o + obsDim + a] = 1f;
        logp = Categorical.logProb(head, r * k, k, a);
      } else {
        for (int j = 0; j < k; j++) {
          packed[o + obsDim + j] = (float) (head[r * k + j] + rng.nextGaussian() * 0.7);
        }
        logp = DiagGaussian.logProb(head, r * k, host.vector(0), packed, o + obsDim, k);
      }
      packed[o + obsDim + k] = (float) (logp + rng.nextGaussian() * 0.3); // ratios clip often
      packed[o + obsDim + k + 1] = (float) rng.nextGaussian(); // advantage
      packed[o + obsDim + k + 2] = (float) (rng.nextGaussian() * 2); // return
      packed[o + obsDim + k + 3] = (float) (values[r] + rng.nextGaussian() * 0.4); // old value
    }

    float[] expected;
    float[] expectedTerms;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(5)).initialize(m);
      NDArray batch = m.create(packed, new Shape(rows, width));
      int a = obsDim + k;
      NDList c = batch.split(new long[] {obsDim, a, a + 1, a + 2, a + 3}, 1);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = net.forward(c.get(0));
        NDArray logp;
        NDArray negEnt;
        if (discrete) {
          NDArray lsm = out.get(0).logSoftmax(1);
          logp = Categorical.logProb(lsm, c.get(1));
          negEnt = Categorical.negEntropySum(lsm);
        } else {
          logp = DiagGaussian.logProb(out.get(0), out.get(2), c.get(1));
          negEnt = DiagGaussian.entropy(out.get(2)).mul(-rows);
        }
        NDArray objective = ppo
            ? PgLosses.clippedSurrogateSum(logp.sub(c.get(2)).exp(), c.get(3), clip)
            : PgLosses.policyGradientSum(logp, c.get(3));
        NDArray valueErr = PgLosses.valueErrorSum(out.get(1), c.get(5), c.get(4), clipVf);
        NDArray terms = NDArrays.stack(new NDList(objective, valueErr, negEnt));
        expectedTerms = terms.toFloatArray();
        gc.backward(PgStep.weightedLoss(m, terms, rows, vf, ent));
      }
      expected = net.theta().getArray().getGradient().toFloatArray();
    }

    float[] actual = new float[expected.length];
    LossTerms.Sums terms;
    PgStep.Objective objective = new PgStep.Objective(ppo, clip, clipVf, vf, ent);
    Minibatch mb = new Minibatch(packed, rows, obsDim, k);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(5)).initialize(m);
      ManualActorCritic manual = new ManualActorCritic(net);
      terms = manual.gradient(mb, objective, ShardThreads.CALLER, actual);
      // the same gradient and sums, bit for bit, on any number of threads
      for (int lanes = 2; lanes <= ManualActorCritic.CHUNKS + 1; lanes++) {
        float[] g = new float[expected.length];
        LossTerms.Sums t = new ManualActorCritic(net).gradient(mb, objective, threads(lanes), g);
        assertThat(g).as("%d threads", lanes).containsExactly(actual);
        assertThat(t).as("%d threads", lanes).isEqualTo(terms);
      }
    }
    assertThat(terms.objective()).isCloseTo(expectedTerms[0], within(1e-4));
    assertThat(terms.valueError()).isCloseTo(expectedTerms[1], within(1e-3));
    assertThat(terms.negEntropy()).isCloseTo(expectedTerms[2], within(1e-4));
    if (ppo) {
      assertThat(terms.clipped()).as("some ratios clipped, some not").isBetween(1.0, rows - 1.0);
    }
    double maxAbs = 0;
    for (float e : expected) {
      maxAbs = Math.max(maxAbs, Math.abs(e));
    }
    assertThat(maxAbs).isGreaterThan(0.01);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("gradient entry %d of %d", i, expected.length)
          .isCloseTo(expected[i], within((float) (1e-5 + 1e-4 * maxAbs)));
    }
  }

  /** Lanes on threads of their own (lane 0 on the caller), started for each run. */
  static ShardThreads threads(int lanes) {
    return new ShardThreads() {
      @Override
      public int count() {
        return lanes;
      }

      @Override
      public void run(java.util.function.IntConsumer task) {
        Thread[] t = new Thread[lanes - 1];
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
        for (int s = 1; s < lanes; s++) {
          int lane = s;
          t[s - 1] = new Thread(() -> {
            try {
              task.accept(lane);
            } catch (Throwable e) {
              failure.set(e);
            }
          });
          t[s - 1].start();
        }
        task.accept(0);
        for (Thread th : t) {
          try {
            th.join();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        assertThat(failure.get()).isNull();
      }
    };
  }

  /** The training passes' tanh stays within 6 ulps (absolute 4e-7) of the exact value. */
  @Test
  void fastTanhIsWithinSixUlps() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-9, 2)));
      double exact = Math.tanh(x);
      assertThat(Math.abs((double) HostNet.fastTanh(x) - exact)).as("tanh(%s)", x)
          .isLessThanOrEqualTo(Math.max(6 * Math.ulp((float) exact), 1e-45));
    }
    assertThat(HostNet.fastTanh(50f)).isEqualTo(1f);
    assertThat(HostNet.fastTanh(-50f)).isEqualTo(-1f);
    assertThat(HostNet.fastTanh(Float.NaN)).isNaN();
  }

  /** The host's tanh (acting, evaluation) stays within one float ulp of the exact value. */
  @Test
  void hostTanhIsWithinOneUlp() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      float x = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-9, 2)));
      float exact = (float) Math.tanh(x);
      // in double: a float subtraction of two neighbours can round past one ulp
      assertThat(Math.abs((double) HostNet.tanh(x) - exact)).as("tanh(%s)", x)
          .isLessThanOrEqualTo(Math.ulp(exact));
    }
    assertThat(HostNet.tanh(50f)).isEqualTo(1f);
    assertThat(HostNet.tanh(-50f)).isEqualTo(-1f);
    assertThat(HostNet.tanh(9.5f)).isEqualTo(1f);
    assertThat(HostNet.tanh(0f)).isEqualTo(0f);
    assertThat(HostNet.tanh(-0f)).isEqualTo(-0f);
    assertThat(HostNet.tanh(1e-30f)).isEqualTo(1e-30f);
    assertThat(HostNet.tanh(Float.NaN)).isNaN();
  }

  /** Gradient steps leave no arrays behind on the network's (long-lived) manager. */
  @ParameterizedTest(name = "discrete={0} shared={1}")
  @CsvSource({"true, false", "false, true"})
  void stepsLeaveNoArraysBehind(boolean discrete, boolean shared) {
    int obsDim = 3;
    int k = 2;
    int rows = 8;
    int width = obsDim + k + 4;
    ActorCriticSpec spec = new ActorCriticSpec(obsDim, new int[] {6, 5}, discrete, k, shared,
        "tanh", 0);
    float[] packed = new float[rows * width];
    SplittableRandom rng = new SplittableRandom(3);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < width; j++) {
        packed[r * width + j] = (float) rng.nextGaussian();
      }
      if (discrete) {
        packed[r * width + obsDim] = 1f;
        packed[r * width + obsDim + 1] = 0f;
      }
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      ActorCriticNet net = new ActorCriticNet(spec, new SplittableRandom(5)).initialize(m);
      ManualActorCritic manual = new ManualActorCritic(net);
      float[] grad = new float[net.layout().size()];
      PgStep.Objective loss = PgStep.Objective.ppo(0.2, 0.2, 0.5, 0.01);
      Minibatch mb = new Minibatch(packed, rows, obsDim, k);
      manual.gradient(mb, loss, ShardThreads.CALLER, grad);
      int before = m.getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        manual.gradient(mb, loss, threads(2), grad);
      }
      assertThat(m.getManagedArrays().size()).isEqualTo(before);
    }
  }
}
