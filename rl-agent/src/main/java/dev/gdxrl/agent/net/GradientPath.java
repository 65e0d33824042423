package dev.gdxrl.agent.net;

import ai.djl.Device;

/**
 * The one place that chooses how a learner computes its gradients and where its optimiser runs.
 * Every learner (DQN, the policy gradients) and every optimiser asks here; tests that compare the
 * paths override the choice on the object they build, never here.
 */
public enum GradientPath {
  /**
   * The forward pass with nothing recorded, the loss's gradient on the host, then the
   * hand-written backward pass: {@link HostNet#backward} (plain Java, split over threads) for the
   * actor-critics, {@link DenseKernel#backward} (libtorch's matrix products, for DQN's wider
   * networks) for DQN. The CPU, where autograd's per-op recording is most of a step.
   */
  HAND_WRITTEN,
  /** DJL's autograd on the device: GPUs, and the tests' oracle for the hand-written path. */
  AUTOGRAD;

  /** The path for a learner whose parameters live on {@code device}. */
  public static GradientPath forDevice(Device device) {
    return device.isGpu() ? AUTOGRAD : HAND_WRITTEN;
  }

  /**
   * Whether the optimiser of parameters on {@code device} is the host one (one fused Java loop on
   * zero-copy views of the parameters' memory, whichever path made the gradient) rather than the
   * device one (NDArray operations, so that the parameters never leave the GPU).
   */
  public static boolean hostOptimiser(Device device) {
    return !device.isGpu();
  }
}
