package dev.gdxrl.agent.algo.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.buffer.ReplayBuffer;
import dev.gdxrl.agent.net.AdamStep;
import dev.gdxrl.agent.net.FlatMlp;
import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.agent.net.Networks;
import dev.gdxrl.agent.net.MlpSpec;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target computation, target-network updates and the optimiser, checked numerically. */
class DqnNetworksTest {
  private static final MlpSpec SPEC = MlpSpec.q(3, new int[] {8}, 3, false);
  private static final MlpSpec DUELING = MlpSpec.q(3, new int[] {8}, 3, true);

  static DqnConfig config(boolean doubleQ, String loss) {
    return config(doubleQ, loss, false);
  }

  static DqnConfig config(boolean doubleQ, String loss, boolean dueling) {
    return new DqnConfig(1e-2, 6, 100, 0, 0.9, 1.0, 1000, DqnConfig.ENV_STEPS, 1, 1, loss, 10,
        DqnConfig.EPSILON, 0.1, 1, 0.05, 1, List.of(8), dueling, doubleQ, false, 1, 1, 1);
  }

  /** Six hand-made rows: rows 1 and 4 terminated; the others bootstrap (truncated ones too). */
  static ReplayBuffer.Batch handMadeBatch() {
    ReplayBuffer.Batch b = new ReplayBuffer.Batch(6, 3);
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < 3; k++) {
        b.obs()[3 * i + k] = (float) r.nextGaussian();
        b.nextObs()[3 * i + k] = (float) r.nextGaussian();
      }
      b.actions()[i] = i % 3;
      b.rewards()[i] = i - 2.5f;
      b.terminated()[i] = i == 1 || i == 4;
    }
    return b;
  }

  /** Makes online and target differ by a few updates without syncing. */
  static void drift(DqnNetworks nets) {
    ReplayBuffer.Batch b = handMadeBatch();
    for (int i = 0; i < 5; i++) {
      nets.update(b, false);
    }
  }

  static float[] expectedTargets(DqnNetworks nets, ReplayBuffer.Batch b, boolean doubleQ,
      double gamma) {
    HostNet on = new HostNet(SPEC);
    on.copyFrom(nets.online());
    HostNet tg = new HostNet(SPEC);
    tg.copyFrom(nets.target());
    float[] y = new float[b.size()];
    for (int i = 0; i < b.size(); i++) {
      float[] next = java.util.Arrays.copyOfRange(b.nextObs(), 3 * i, 3 * i + 3);
      float[] qt = tg.forward(next, new float[3]);
      float best;
      if (doubleQ) {
        best = qt[HostNet.argmax(on.forward(next, new float[3]))];
      } else {
        best = Math.max(qt[0], Math.max(qt[1], qt[2]));
      }
      y[i] = b.rewards()[i] + (b.terminated()[i] ? 0f
          : (float) Math.pow(gamma, b.horizons()[i]) * best);
    }
    return y;
  }

  @Test
  void dqnAndDoubleDqnTargetsOnAHandMadeBatch() {
    for (boolean doubleQ : new boolean[] {false, true}) {
      DqnConfig cfg = config(doubleQ, DqnConfig.HUBER);
      try (DqnNetworks nets = new DqnNetworks(SPEC, cfg, Device.cpu(), new SplittableRandom(1))) {
        drift(nets);
        ReplayBuffer.Batch b = handMadeBatch();
        float[] y = nets.targets(b);
        float[] expected = expectedTargets(nets, b, doubleQ, cfg.gamma());
        for (int i = 0; i < y.length; i++) {
          assertThat(y[i]).as("row %d", i).isCloseTo(expected[i], within(1e-5f));
        }
        assertThat(y[1]).isEqualTo(b.rewards()[1]); // terminated: no bootstrap
        assertThat(y[4]).isEqualTo(b.rewards()[4]);
        assertThat(Math.abs(y[0] - b.rewards()[0])).isGreaterThan(1e-4f); // bootstraps
        float[] other = expectedTargets(nets, b, !doubleQ, cfg.gamma());
        boolean differs = false;
        for (int i = 0; i < y.length; i++) {
          differs |= Math.abs(other[i] - expected[i]) > 1e-4;
        }
        assertThat(differs).as("the batch tells DQN and Double DQN apart").isTrue();
      }
    }
  }

  @Test
  void nStepRowsBootstrapWithGammaToTheirHorizon() {
    for (boolean doubleQ : new boolean[] {false, true}) {
      DqnConfig cfg = config(doubleQ, DqnConfig.HUBER);
      try (DqnNetworks nets = new DqnNetworks(SPEC, cfg, Device.cpu(), new SplittableRandom(1))) {
        drift(nets);
        ReplayBuffer.Batch one = handMadeBatch();
        ReplayBuffer.Batch b = handMadeBatch();
        int[] horizons = {3, 2, 1, 2, 3, 5};
        System.arraycopy(horizons, 0, b.horizons(), 0, 6);
        float[] y1 = nets.targets(one);
        float[] y = nets.targets(b);
        float[] expected = expectedTargets(nets, b, doubleQ, cfg.gamma());
        for (int i = 0; i < 6; i++) {
          assertThat(y[i]).as("row %d", i).isCloseTo(expected[i], within(1e-5f));
          if (b.terminated()[i]) {
            assertThat(y[i]).isEqualTo(b.rewards()[i]);
          } else {
            // r + g^h Q: the bootstrap term shrinks by g^(h-1) against the one-step target
            float q1 = y1[i] - b.rewards()[i];
            assertThat(y[i] - b.rewards()[i]).isCloseTo(
                (float) (q1 * Math.pow(cfg.gamma(), horizons[i] - 1)), within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void truncatedTransitionIsStoredWithItsFinalObservationAndBootstraps() {
    AgentContext ctx = new AgentContext("t", Box.uniform(3, -5, 5), new Discrete(3),
        Device.cpu(), 3, 1000);
    DqnConfig cfg = new DqnConfig(1e-3, 1, 10, 1000, 0.9, 1.0, 1000, DqnConfig.ENV_STEPS, 1, 1,
        DqnConfig.HUBER, 10, DqnConfig.EPSILON, 0.1, 1, 0.05, 1, List.of(8), false, false, false,
        1, 1, 1);
    try (DqnAgent agent = new DqnAgent("dqn", cfg, ctx)) {
      float[] finalObs = {0.5f, -0.25f, 1f};
      agent.observe(new float[] {1, 2, 3}, 2, 1.0, finalObs, false, true, 1);
      ReplayBuffer.Batch b = new ReplayBuffer.Batch(1, 3);
      // only one transition stored: a sample must return it
      java.lang.reflect.Field f;
      try {
        f = DqnAgent.class.getDeclaredField("buffer");
        f.setAccessible(true);
        ((ReplayBuffer) f.get(agent)).sample(new SplittableRandom(1), b);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      assertThat(b.terminated()[0]).isFalse();
      assertThat(b.nextObs()).containsExactly(finalObs);
      float[] y = agent.networks().targets(b);
      HostNet tg = new HostNet(MlpSpec.q(3, new int[] {8}, 3, false));
      tg.copyFrom(agent.networks().target());
      float[] q = tg.forward(finalObs, new float[3]);
      float max = Math.max(q[0], Math.max(q[1], q[2]));
      assertThat(y[0]).isCloseTo(1f + 0.9f * max, within(1e-5f));
    }
  }

  @Test
  void updatesLeaveNoArraysBehind() {
    for (boolean doubleQ : new boolean[] {false, true}) {
      try (DqnNetworks nets = new DqnNetworks(SPEC, config(doubleQ, DqnConfig.HUBER),
          Device.cpu(), new SplittableRandom(6))) {
        ReplayBuffer.Batch b = handMadeBatch();
        nets.update(b, true);
        nets.updateTarget(1.0);
        int before = nets.managedArrays();
        for (int i = 0; i < 20; i++) {
          nets.update(b, i % 2 == 0);
          nets.updateTarget(0.5);
        }
        nets.targets(b);
        nets.onlineValues(new float[3], 1);
        assertThat(nets.managedArrays()).isEqualTo(before);
      }
    }
  }

  @Test
  void hardTargetUpdateCopiesExactly() {
    try (DqnNetworks nets = new DqnNetworks(SPEC, config(false, DqnConfig.MSE), Device.cpu(),
        new SplittableRandom(2))) {
      float[] before = flat(nets.target());
      assertThat(before).containsExactly(flat(nets.online())); // synced at construction
      drift(nets);
      assertThat(flat(nets.target())).containsExactly(before); // frozen while training
      assertThat(flat(nets.online())).isNotEqualTo(before);
      nets.updateTarget(1.0);
      assertThat(flat(nets.target())).containsExactly(flat(nets.online()));
    }
  }

  @Test
  void polyakTargetUpdateAverages() {
    try (DqnNetworks nets = new DqnNetworks(SPEC, config(false, DqnConfig.HUBER), Device.cpu(),
        new SplittableRandom(3))) {
      drift(nets);
      float[] t0 = flat(nets.target());
      float[] o0 = flat(nets.online());
      nets.updateTarget(0.1);
      float[] t1 = flat(nets.target());
      for (int i = 0; i < t0.length; i++) {
        assertThat(t1[i]).isCloseTo(0.9f * t0[i] + 0.1f * o0[i], within(1e-6f));
      }
      assertThat(flat(nets.online())).containsExactly(o0);
    }
  }

  @Test
  void hostAndDeviceAdamAgree() {
    MlpSpec spec = MlpSpec.q(4, new int[] {16, 16}, 2, true);
    float[][] results = new float[2][];
    float[][] norms = new float[2][4];
    for (int impl = 0; impl < 2; impl++) {
      try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
        FlatMlp net = Networks.initialize(new FlatMlp(spec), m, new SplittableRandom(5));
        AdamStep adam = impl == 0 ? AdamStep.host(net, 1e-2, 0.5) : AdamStep.device(net, 1e-2,
            0.5);
        ParameterStore store = new ParameterStore(m, false);
        NDArray x = m.create(new float[] {1, -2, 0.5f, 3, 0, 1, -1, 2}, new Shape(2, 4));
        NDArray y = m.create(new float[] {1, -1, 0.5f, 2}, new Shape(2, 2));
        for (int step = 0; step < 4; step++) {
          try (NDManager sub = m.newSubManager()) {
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
              NDArray q = net.forward(store, new NDList(x), true).singletonOrThrow();
              gc.backward(q.sub(y).square().mean());
            }
            norms[impl][step] = adam.step();
          }
        }
        results[impl] = net.flatParameter().getArray().toFloatArray();
      }
    }
    assertThat(norms[0]).containsExactly(norms[1], within(1e-4f));
    assertThat(norms[0][0]).isGreaterThan(0.5f); // clipping was active
    for (int i = 0; i < results[0].length; i++) {
      // one formula (PyTorch's), fused in Java or as NDArray ops: rounding apart, the same
      assertThat(results[0][i]).isCloseTo(results[1][i], within(1e-6f));
    }
  }

  static float[] flat(FlatMlp net) {
    return net.flatParameter().getArray().toFloatArray();
  }

  /**
   * The CPU's hand-written gradient path and the autograd path must train the same network: same
   * parameters after a run of updates (Huber and MSE, DQN and Double DQN), same targets.
   */
  @Test
  void manualPathMatchesAutograd() {
    manualPathMatchesAutograd(SPEC);
  }

  /** The same with a dueling head. */
  @Test
  void duelingManualPathMatchesAutograd() {
    manualPathMatchesAutograd(DUELING);
  }

  /** On the CPU a dueling DQN takes the hand-written path, by default and through the agent. */
  @Test
  void cpuPicksTheManualPathForDueling() {
    try (DqnNetworks nets = new DqnNetworks(DUELING, config(false, DqnConfig.HUBER, true),
        Device.cpu(), new SplittableRandom(1))) {
      assertThat(nets.manual()).isTrue();
      assertThat(nets.batchesTargets()).isTrue();
    }
    AgentContext ctx = new AgentContext("t", Box.uniform(3, -5, 5), new Discrete(3),
        Device.cpu(), 3, 1000);
    try (DqnAgent agent = new DqnAgent("dqn", config(true, DqnConfig.HUBER, true), ctx)) {
      assertThat((agent.networks().online().spec().head(0).kind() == MlpSpec.Kind.DUELING)).isTrue();
      assertThat(agent.networks().manual()).isTrue();
    }
  }

  /**
   * Parameters saved by one path load into the other (a dueling checkpoint of the autograd path,
   * the only one older builds wrote, and the reverse): the same Q-values and targets after loading.
   */
  @Test
  void duelingParametersLoadAcrossPaths(@TempDir Path tmp) throws Exception {
    DqnConfig cfg = config(true, DqnConfig.HUBER, true);
    float[] obs = handMadeBatch().nextObs();
    for (boolean fromManual : new boolean[] {false, true}) {
      Path dir = Files.createDirectories(tmp.resolve("from-" + (fromManual ? "manual" : "auto")));
      try (DqnNetworks writer = new DqnNetworks(DUELING, cfg, Device.cpu(),
              new SplittableRandom(7), fromManual);
          DqnNetworks reader = new DqnNetworks(DUELING, cfg, Device.cpu(),
              new SplittableRandom(8), !fromManual)) {
        drift(writer);
        writer.save(dir);
        assertThat(reader.onlineValues(obs, 6)).isNotEqualTo(writer.onlineValues(obs, 6));
        reader.load(dir);
        assertThat(reader.manual()).isEqualTo(!fromManual);
        assertThat(flat(reader.online())).containsExactly(flat(writer.online()));
        assertThat(flat(reader.target())).containsExactly(flat(writer.target()));
        assertThat(reader.onlineValues(obs, 6))
            .containsExactly(writer.onlineValues(obs, 6), within(1e-6f));
        ReplayBuffer.Batch b = handMadeBatch();
        assertThat(reader.targets(b)).containsExactly(writer.targets(b), within(1e-6f));
        // the same loss on both paths (the parameters then part: Adam's moments are not in
        // the parameter files, the writer's are five steps old, the reader's fresh)
        assertThat(reader.update(b, true)).isCloseTo(writer.update(b, true), within(1e-5f));
      }
    }
  }

  private static void manualPathMatchesAutograd(MlpSpec spec) {
    for (boolean doubleQ : new boolean[] {false, true}) {
      for (String loss : new String[] {DqnConfig.HUBER, DqnConfig.MSE}) {
        DqnConfig cfg = config(doubleQ, loss, spec.head(0).kind() == MlpSpec.Kind.DUELING);
        try (DqnNetworks manual = new DqnNetworks(spec, cfg, Device.cpu(), new SplittableRandom(3),
                true);
            DqnNetworks auto = new DqnNetworks(spec, cfg, Device.cpu(), new SplittableRandom(3),
                false)) {
          assertThat(manual.manual()).isTrue();
          assertThat(auto.manual()).isFalse();
          ReplayBuffer.Batch b = handMadeBatch();
          for (int i = 0; i < 12; i++) {
            float lm = manual.update(b, true);
            float la = auto.update(b, true);
            assertThat(lm).as("loss at update %d", i).isCloseTo(la, within(1e-5f));
            if (i == 5) {
              manual.updateTarget(1.0);
              auto.updateTarget(1.0);
            }
          }
          assertThat(manual.targets(b)).containsExactly(auto.targets(b), within(1e-5f));
          float[] pm = manual.online().flatParameter().getArray().toFloatArray();
          float[] pa = auto.online().flatParameter().getArray().toFloatArray();
          assertThat(pm).containsExactly(pa, within(1e-5f));
          try (DqnNetworks fresh = new DqnNetworks(spec, cfg, Device.cpu(),
              new SplittableRandom(3), true)) {
            float[] p0 = fresh.online().flatParameter().getArray().toFloatArray();
            assertThat(pm).as("parameters moved").isNotEqualTo(p0);
          }
        }
      }
    }
  }

  /** A round's targets computed in one pass equal the per-batch targets; updates with them too. */
  @Test
  void batchedRoundTargetsEqualPerBatchTargets() {
    batchedRoundTargetsEqualPerBatchTargets(SPEC);
  }

  /** The same with a dueling head. */
  @Test
  void duelingBatchedRoundTargetsEqualPerBatchTargets() {
    batchedRoundTargetsEqualPerBatchTargets(DUELING);
  }

  private static void batchedRoundTargetsEqualPerBatchTargets(MlpSpec spec) {
    DqnConfig cfg = config(false, DqnConfig.HUBER, spec.head(0).kind() == MlpSpec.Kind.DUELING);
    try (DqnNetworks a = new DqnNetworks(spec, cfg, Device.cpu(), new SplittableRandom(3), true);
        DqnNetworks b = new DqnNetworks(spec, cfg, Device.cpu(), new SplittableRandom(3), true)) {
      drift(a);
      drift(b);
      ReplayBuffer.Batch[] batches = new ReplayBuffer.Batch[3];
      SplittableRandom r = new SplittableRandom(4);
      for (int k = 0; k < batches.length; k++) {
        batches[k] = handMadeBatch();
        for (int i = 0; i < batches[k].nextObs().length; i++) {
          batches[k].nextObs()[i] += (float) r.nextGaussian();
        }
      }
      float[][] y = new float[3][6];
      a.targets(batches, 3, y);
      for (int k = 0; k < 3; k++) {
        assertThat(y[k]).containsExactly(a.targets(batches[k]), within(1e-5f));
      }
      for (int k = 0; k < 3; k++) {
        // the agent's gradient step: its loss on a's Q-values, then a's backward pass and Adam
        float[] dq = new float[6 * spec.outputs()];
        float la = (float) (DqnAgent.lossGradient(false, batches[k], a.predict(batches[k]), y[k],
            spec.outputs(), dq) / 6);
        a.step(dq);
        float lb = b.update(batches[k], true);
        assertThat(la).isCloseTo(lb, within(1e-5f));
      }
      assertThat(a.online().flatParameter().getArray().toFloatArray())
          .containsExactly(b.online().flatParameter().getArray().toFloatArray(), within(1e-6f));
    }
  }
}
