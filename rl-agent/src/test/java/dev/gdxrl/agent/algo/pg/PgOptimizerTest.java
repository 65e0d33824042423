package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgOptimizerTest {

  /** A parameter w with gradient c (elementwise) after one backward of sum(w * c). */
  private static Parameter withGradient(NDManager m, float[] w0, float[] c) {
    Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(w0.length)).optInitializer((mm, s, t) -> mm.create(w0)).build();
    p.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
    backward(m, p, c);
    return p;
  }

  private static void backward(NDManager m, Parameter p, float[] c) {
    try (NDManager s = m.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray coef = s.create(c);
      gc.backward(p.getArray().mul(coef).sum());
    }
  }

  @Test
  void firstAdamAndRmspropStepsMatchHandComputation() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      // Adam, step 1: m^ = g, v^ = g^2, so w -= lr * g / (|g| + eps)
      Parameter p = withGradient(m, new float[] {1, 1}, new float[] {0.5f, -2f});
      PgOptimizer adam = new PgOptimizer(PgOptimizer.ADAM, 0.1, 1e-5, 0.99);
      double norm = adam.step(List.of(p), 0, m);
      assertThat(norm).isCloseTo(Math.sqrt(0.25 + 4), within(1e-6));
      assertThat(p.getArray().toFloatArray()).containsExactly(
          new float[] {1 - 0.1f * 0.5f / (0.5f + 1e-5f), 1 + 0.1f * 2f / (2f + 1e-5f)},
          within(1e-6f));
      assertThat(p.getArray().getGradient().toFloatArray()).containsOnly(0f);

      // RMSprop, step 1: v = (1 - a) g^2, w -= lr * g / (sqrt(v) + eps); clipped to norm 1
      Parameter q = withGradient(m, new float[] {0, 0}, new float[] {3f, 4f});
      PgOptimizer rms = new PgOptimizer(PgOptimizer.RMSPROP, 0.01, 1e-5, 0.99);
      rms.step(List.of(q), 1.0, m);
      float g0 = 3f / (5f + 1e-6f);
      float g1 = 4f / (5f + 1e-6f);
      float s = (float) Math.sqrt(0.01);
      assertThat(q.getArray().toFloatArray()).containsExactly(
          new float[] {-0.01f * g0 / (s * g0 + 1e-5f), -0.01f * g1 / (s * g1 + 1e-5f)},
          within(1e-6f));
    }
  }

  @Test
  void hostAndDevicePathsAgreeOverSeveralSteps() {
    for (String kind : new String[] {PgOptimizer.ADAM, PgOptimizer.RMSPROP}) {
      try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
        float[] w0 = {0.3f, -0.2f, 0.1f, 0.7f};
        Parameter a = withGradient(m, w0, new float[] {1, 2, -3, 0.5f});
        Parameter b = withGradient(m, w0, new float[] {1, 2, -3, 0.5f});
        PgOptimizer host = new PgOptimizer(kind, 0.05, 1e-5, 0.99);
        PgOptimizer device = new PgOptimizer(kind, 0.05, 1e-5, 0.99).forceDevicePath();
        for (int step = 0; step < 5; step++) {
          if (step > 0) {
            float[] c = {step, -step, 0.5f * step, 1};
            backward(m, a, c);
            backward(m, b, c);
          }
          host.setLearningRate(0.05 / (step + 1));
          device.setLearningRate(0.05 / (step + 1));
          host.step(List.of(a), 2.0, m);
          device.step(List.of(b), 2.0, m);
        }
        assertThat(a.getArray().toFloatArray()).containsExactly(b.getArray().toFloatArray(),
            within(1e-5f));
      }
    }
  }
}
