package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ManualMlpTest {

  /** The hand-written backward pass must give autograd's gradient, layer by layer. */
  @Test
  void gradientMatchesAutograd() {
    checkAgainstAutograd(new QNetSpec(5, new int[] {7, 6}, 3, false), 4, 1);
  }

  /**
   * The dueling head (Q = V + A - mean(A)): the same Q-values and the same gradient as autograd,
   * value layer included, on random inputs, output gradients and parameters (several seeds, two
   * hidden layers, one, and none: the value layer then reads the input).
   */
  @Test
  void duelingGradientMatchesAutograd() {
    for (int seed = 1; seed <= 3; seed++) {
      checkAgainstAutograd(new QNetSpec(5, new int[] {7, 6}, 3, true), 10 + seed, seed);
      checkAgainstAutograd(new QNetSpec(4, new int[] {16}, 2, true), 20 + seed, seed);
      checkAgainstAutograd(new QNetSpec(3, new int[0], 4, true), 30 + seed, seed);
    }
  }

  /** The dueling gradient is not the plain head's: the value layer and the mean do something. */
  @Test
  void duelingGradientDiffersFromPlainOnTheSharedLayers() {
    float[] plain = manualGradient(new QNetSpec(5, new int[] {7}, 3, false), 3, 2);
    float[] dueling = manualGradient(new QNetSpec(5, new int[] {7}, 3, true), 3, 2);
    // same layout up to the end of the head; the trunk's gradients differ (dH gets dV W_V)
    boolean differs = false;
    for (int i = 0; i < 5 * 7 + 7; i++) {
      differs |= Math.abs(plain[i] - dueling[i]) > 1e-4;
    }
    assertThat(differs).isTrue();
    // and with a dueling head each row's advantage gradient sums to zero: so does db_A
    int headBias = 5 * 7 + 7 + 3 * 7;
    assertThat(dueling[headBias] + dueling[headBias + 1] + dueling[headBias + 2])
        .isCloseTo(0f, within(1e-5f));
  }

  private static float[] manualGradient(QNetSpec spec, int dataSeed, int paramSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    int rows = 9;
    float[] x = gaussian(rng, rows * spec.inputs());
    float[] dOut = gaussian(rng, rows * spec.outputs());
    float[] grad = new float[spec.parameterCount()];
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(paramSeed));
      try (ManualMlp mm = new ManualMlp(net); NDManager sub = m.newSubManager()) {
        NDArray[] acts = new NDArray[spec.layers()];
        mm.forward(sub.create(x, new Shape(rows, spec.inputs())), acts);
        mm.backward(sub.create(dOut, new Shape(rows, spec.outputs())), acts, grad);
      }
    }
    return grad;
  }

  private static float[] gaussian(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextGaussian();
    }
    return v;
  }

  private static void checkAgainstAutograd(QNetSpec spec, int dataSeed, int paramSeed) {
    SplittableRandom rng = new SplittableRandom(dataSeed);
    int rows = 9;
    float[] x = new float[rows * spec.inputs()];
    float[] dOut = new float[rows * spec.outputs()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < dOut.length; i++) {
      dOut[i] = (float) rng.nextGaussian();
    }
    float[] expected;
    float[] outAuto;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(paramSeed));
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray out = net.forward(new ParameterStore(m, false),
            new NDList(m.create(x, new Shape(rows, spec.inputs()))), true).singletonOrThrow();
        outAuto = out.toFloatArray();
        gc.backward(out.mul(m.create(dOut, new Shape(rows, spec.outputs()))).sum());
      }
      expected = net.flatParameter().getArray().getGradient().toFloatArray();
    }
    float[] actual = new float[spec.parameterCount()];
    float[] outManual;
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(paramSeed));
      try (ManualMlp mm = new ManualMlp(net); NDManager sub = m.newSubManager()) {
        NDArray[] acts = new NDArray[spec.layers()];
        outManual = mm.forward(sub.create(x, new Shape(rows, spec.inputs())), acts).toFloatArray();
        mm.backward(sub.create(dOut, new Shape(rows, spec.outputs())), acts, actual);
      }
    }
    assertThat(outManual).as("%s outputs", spec).containsExactly(outAuto, within(1e-6f));
    double maxAbs = 0;
    for (float e : expected) {
      maxAbs = Math.max(maxAbs, Math.abs(e));
    }
    assertThat(maxAbs).as("a gradient with something in it").isGreaterThan(0.1);
    assertThat(actual).as("%s gradient", spec).containsExactly(expected, within(1e-5f));
    if (spec.dueling()) {
      int[] off = spec.offsets();
      int v = off[2 * spec.layers()];
      double valueMax = 0;
      for (int i = v; i < off[off.length - 1]; i++) {
        valueMax = Math.max(valueMax, Math.abs(expected[i]));
      }
      assertThat(valueMax).as("the value layer gets a gradient").isGreaterThan(0.1);
    }
  }
}
