package dev.gdxrl.agent.net;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/** Initialising, listing, saving and loading the parameters of DJL blocks. */
public final class Networks {
  private Networks() {}

  /**
   * Initialises {@code net}'s parameters on {@code manager}'s device the way PyTorch's {@code
   * nn.Linear} does (weights and biases uniform in +-1/sqrt(fan_in)), drawing every number from
   * {@code rng} on the host: the same generator state gives the same network on every device,
   * and DJL's global random generator is never used.
   */
  public static FlatMlp initialize(FlatMlp net, NDManager manager, RandomGenerator rng) {
    float[] values = initialValues(net.spec(), rng);
    net.setInitializer((m, shape, type) -> m.create(values, shape), Parameter.Type.WEIGHT);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, net.spec().inputs()));
    return net;
  }

  /**
   * PyTorch-style initial values of the flat parameter vector of {@code spec}: each dense layer's
   * weight, then its bias, uniform in +-1/sqrt(its fan-in), drawn in vector order.
   */
  public static float[] initialValues(MlpSpec spec, RandomGenerator rng) {
    MlpSpec.Layout layout = spec.layout();
    float[] v = new float[layout.size()];
    for (MlpSpec.Dense d : layout.dense()) {
      float bound = (float) (1.0 / Math.sqrt(d.in()));
      for (int i = d.weight(); i < d.bias() + d.out(); i++) {
        v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
      }
    }
    return v;
  }

  /** The block's parameters in its stable (declaration) order. */
  public static Parameter[] parameters(Block block) {
    return block.getParameters().values().toArray(new Parameter[0]);
  }

  /** Writes the parameters in DJL's block format. */
  public static void save(Block block, Path file) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
      block.saveParameters(out);
    }
  }

  /** Reads parameters written by {@link #save} into a block of the same shape. */
  public static void load(Block block, NDManager manager, Path file) throws IOException {
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException | RuntimeException e) {
      throw new IOException("cannot read network parameters " + file + ": " + e.getMessage(), e);
    }
    for (Parameter p : parameters(block)) {
      if (p.isInitialized() && !HostDense.plausible(p.getArray().toFloatArray())) {
        throw new IOException(HostDense.implausibleMessage(file));
      }
    }
  }
}
