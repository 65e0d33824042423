package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gdxrl.agent.net.MlpSpec.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one generic parity test of the hand-written passes: for every head kind (Q, dueling, logits,
 * Gaussian, V), one and two trunks, ReLU and tanh, and zero to two hidden layers, the forward and
 * backward pass of the kernel (NDArray operations) and of {@link HostNet} (plain Java) give what
 * autograd gives for the same outputs and for the loss {@code sum_h
 * sum(out_h * dHead_h)} (so {@code dHead_h} is the gradient at head h). A new head or layer type
 * adds its specs here. The losses' own gradients are checked against autograd where each loss is
 * written ({@code ManualActorCriticTest}, {@code DqnNetworksTest}).
 */
class DenseKernelTest {

  static Stream<MlpSpec> specs() {
    List<MlpSpec> s = new ArrayList<>();
    for (int[] hidden : new int[][] {{7, 6}, {16}, {}}) {
      for (boolean dueling : new boolean[] {false, true}) {
        s.add(MlpSpec.q(5, hidden, 3, dueling));
      }
      for (Activation a : Activation.values()) {
        for (boolean shared : new boolean[] {false, true}) {
          for (boolean discrete : new boolean[] {false, true}) {
            s.add(MlpSpec.actorCritic(4, hidden, a, shared, discrete, discrete ? 3 : 2));
          }
        }
      }
    }
    return s.stream();
  }

  private static float[] gaussian(SplittableRandom rng, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * scale);
    }
    return v;
  }

  /** Outputs and gradient of the spec on seeded data: autograd's or the kernel's. */
  private record Result(float[][] outputs, float[] gradient) {}

  /** Who computes: DJL's autograd (the oracle), the kernel's backward, HostNet's backward. */
  enum Path { AUTOGRAD, KERNEL, HOST }

  private static Result run(MlpSpec spec, long seed, Path path) {
    boolean autograd = path == Path.AUTOGRAD;
    SplittableRandom rng = new SplittableRandom(seed);
    int rows = 9;
    MlpSpec.Layout layout = spec.layout();
    float[] theta = gaussian(rng, layout.size(), 0.5);
    float[] x = gaussian(rng, rows * spec.inputs(), 1);
    float[][] dHeads = new float[spec.heads().size()][];
    for (int h = 0; h < dHeads.length; h++) {
      dHeads[h] = gaussian(rng, rows * spec.head(h).size(), 1);
    }
    float[][] outputs = new float[dHeads.length][];
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray flat = m.create(theta);
      NDArray in = m.create(x, new Shape(rows, spec.inputs()));
      NDArray[] d = new NDArray[dHeads.length];
      for (int h = 0; h < d.length; h++) {
        d[h] = m.create(dHeads[h], new Shape(rows, spec.head(h).size()));
      }
      if (autograd) {
        flat.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDArray[] out = DenseKernel.autograd(layout, flat, in, null);
          NDArray loss = null;
          for (int h = 0; h < out.length; h++) {
            outputs[h] = out[h].toFloatArray();
            NDArray term = out[h].mul(d[h]).sum();
            loss = loss == null ? term : loss.add(term);
          }
          gc.backward(loss);
        }
        return new Result(outputs, flat.getGradient().toFloatArray());
      }
      float[] grad = new float[layout.size()];
      java.util.Arrays.fill(grad, Float.NaN); // every layer entry must be written
      if (path == Path.HOST) {
        HostNet net = new HostNet(spec, theta);
        // a larger call first: the backward must use this call's rows, not stale buffers
        float[] big = gaussian(rng, 2 * rows * spec.inputs(), 1);
        net.forward(big, 2 * rows, new float[2 * rows * spec.head(0).size()],
            dHeads.length > 1 ? new float[2 * rows * spec.head(1).size()] : null);
        float[][] bigD = new float[dHeads.length][];
        for (int h = 0; h < dHeads.length; h++) {
          bigD[h] = gaussian(rng, 2 * rows * spec.head(h).size(), 1);
        }
        net.backward(big, 2 * rows, bigD, new float[layout.size()]);
        for (int h = 0; h < dHeads.length; h++) {
          outputs[h] = new float[rows * spec.head(h).size()];
        }
        net.forward(x, rows, outputs[0], dHeads.length > 1 ? outputs[1] : null);
        net.backward(x, rows, dHeads, grad);
      } else {
        try (DenseKernel kernel = new DenseKernel(spec, () -> flat);
            NDManager sub = m.newSubManager()) {
          DenseKernel.Pass pass = kernel.pass();
          NDArray[] out = kernel.forward(in, pass);
          for (int h = 0; h < out.length; h++) {
            outputs[h] = out[h].toFloatArray();
          }
          kernel.backward(pass, d, grad);
        }
      }
      // a Gaussian's log-std is the loss's business: the kernel leaves it alone
      for (int h = 0; h < dHeads.length; h++) {
        int v = layout.vector(h);
        for (int j = 0; v >= 0 && j < spec.head(h).size(); j++) {
          assertThat(grad[v + j]).isNaN();
          grad[v + j] = 0f;
        }
      }
      return new Result(outputs, grad);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void forwardAndBackwardMatchAutograd(MlpSpec spec) {
    for (long seed = 1; seed <= 2; seed++) {
      Result auto = run(spec, seed, Path.AUTOGRAD);
      for (Path path : new Path[] {Path.KERNEL, Path.HOST}) {
        check(spec, auto, run(spec, seed, path), path);
      }
    }
  }

  private static void check(MlpSpec spec, Result auto, Result manual, Path path) {
    {
      for (int h = 0; h < spec.heads().size(); h++) {
        assertThat(manual.outputs()[h]).as("%s %s head %d", path, spec, h)
            .containsExactly(auto.outputs()[h], within(1e-5f));
      }
      double maxAbs = 0;
      for (float e : auto.gradient()) {
        maxAbs = Math.max(maxAbs, Math.abs(e));
      }
      assertThat(maxAbs).as("a gradient with something in it").isGreaterThan(0.1);
      assertThat(manual.gradient()).as("%s %s gradient", path, spec)
          .containsExactly(auto.gradient(), within((float) (1e-5 + 1e-5 * maxAbs)));
      // every dense layer gets a gradient (a head or trunk left out would stay 0 here)
      for (MlpSpec.Dense d : spec.layout().dense()) {
        double layerMax = 0;
        for (int i = d.weight(); i < d.bias() + d.out(); i++) {
          layerMax = Math.max(layerMax, Math.abs(auto.gradient()[i]));
        }
        assertThat(layerMax).as("%s layer at %d gets a gradient", spec, d.weight())
            .isGreaterThan(1e-3);
      }
    }
  }

  /** The dueling gradient is not the plain head's: the value layer and the mean do something. */
  @Test
  void duelingGradientDiffersFromPlainOnTheSharedLayers() {
    float[] plain = run(MlpSpec.q(5, new int[] {7}, 3, false), 3, Path.KERNEL).gradient();
    float[] dueling = run(MlpSpec.q(5, new int[] {7}, 3, true), 3, Path.KERNEL).gradient();
    // the same data only up to the parameters: compare the structure instead of values
    MlpSpec.Layout layout = MlpSpec.q(5, new int[] {7}, 3, true).layout();
    MlpSpec.Dense a = layout.head(0, 0);
    // each row's advantage gradient sums to zero, so does db_A
    assertThat(dueling[a.bias()] + dueling[a.bias() + 1] + dueling[a.bias() + 2])
        .isCloseTo(0f, within(1e-5f));
    assertThat(Math.abs(plain[a.bias()] + plain[a.bias() + 1] + plain[a.bias() + 2]))
        .isGreaterThan(1e-3f);
  }
}
