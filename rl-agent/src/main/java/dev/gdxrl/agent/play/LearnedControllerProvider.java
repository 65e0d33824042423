package dev.gdxrl.agent.play;

import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The plug that makes rl-agent's checkpoints drive a game: registered in {@code
 * META-INF/services/dev.gdxrl.control.ControllerProvider}, found by {@link
 * ControllerProvider#available()}. A checkpoint directory becomes a {@link Controller} named
 * {@code "agent"} that applies the checkpoint's observation normalisation and acts greedily.
 */
public final class LearnedControllerProvider implements ControllerProvider {

  /** ServiceLoader needs a public no-argument constructor. */
  public LearnedControllerProvider() {
    DjlDefaults.apply();
  }

  @Override
  public String name() {
    return "learned";
  }

  /** The env id in {@code source/agent.json}; a one-line IllegalArgumentException otherwise. */
  @Override
  public String envId(Path source) {
    return Checkpoints.readMeta(source).envId();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Controller<A> open(Path source, Env<float[], A> env) {
    CheckpointMeta meta = Checkpoints.readMeta(source);
    String id = env.spec().id();
    if (!meta.envId().equals(id)) {
      throw new IllegalArgumentException("checkpoint " + source + " is for env '" + meta.envId()
          + "', not '" + id + "'");
    }
    Checkpoints.checkSpaces(meta, source, env.observationSpace(), env.actionSpace());
    int dim = meta.observationSpace().dim();
    ObservationScaler checked = ObservationScaler.of(meta.normalization(), dim,
        "checkpoint " + source);
    LearnedPolicy<A> policy = (LearnedPolicy<A>) LearnedPolicy.load(source);
    // agents that normalise inside act() (the actor-critics) must not get scaled input twice
    ObservationScaler scaler = policy.normalizesInternally() ? null : checked;
    return new LearnedController<>(policy, scaler, batched(source, meta, policy), dim);
  }

  /**
   * The batched Q-network of a DQN checkpoint, after checking on a few observations that it gives
   * bitwise the policy's own values; null (one decision per NPC) when it cannot be built or differs.
   */
  private static BatchedQNetwork batched(Path source, CheckpointMeta meta,
      LearnedPolicy<?> policy) {
    if (!policy.hasActionValues()) {
      return null;
    }
    BatchedQNetwork net;
    try {
      net = BatchedQNetwork.load(source, meta);
    } catch (Exception | LinkageError e) {
      return null;
    }
    if (net == null || net.actions() != policy.actions()) {
      return null;
    }
    int dim = meta.observationSpace().dim();
    SplittableRandom rng = new SplittableRandom(17);
    int n = 5;
    float[][] probe = new float[n][dim];
    for (float[] row : probe) {
      for (int i = 0; i < dim; i++) {
        row[i] = (float) (rng.nextDouble() * 4 - 2);
      }
    }
    float[][] q = new float[n][net.actions()];
    int[] greedy = new int[n];
    net.forward(probe, n, q, greedy);
    float[] expect = new float[net.actions()];
    for (int k = 0; k < n; k++) {
      policy.actionValues(probe[k], expect);
      if (!Arrays.equals(expect, q[k])) {
        return null;
      }
    }
    return net;
  }
}
