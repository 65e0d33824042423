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
    QNetSpec spec = new QNetSpec(5, new int[] {7, 6}, 3, false);
    SplittableRandom rng = new SplittableRandom(4);
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
      FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(1));
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
      FlatMlp net = Networks.initialize(spec.build(), m, new SplittableRandom(1));
      try (ManualMlp mm = new ManualMlp(net); NDManager sub = m.newSubManager()) {
        NDArray[] acts = new NDArray[spec.layers()];
        outManual = mm.forward(sub.create(x, new Shape(rows, spec.inputs())), acts).toFloatArray();
        mm.backward(sub.create(dOut, new Shape(rows, spec.outputs())), acts, actual);
      }
    }
    assertThat(outManual).containsExactly(outAuto, within(1e-6f));
    double maxAbs = 0;
    for (float e : expected) {
      maxAbs = Math.max(maxAbs, Math.abs(e));
    }
    assertThat(maxAbs).as("a gradient with something in it").isGreaterThan(0.1);
    assertThat(actual).containsExactly(expected, within(1e-5f));
  }
}
