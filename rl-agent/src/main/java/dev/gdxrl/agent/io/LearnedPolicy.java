package dev.gdxrl.agent.io;

import ai.djl.Device;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.ValueAgent;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.EnvRegistry;
import java.nio.file.Path;

/**
 * A trained agent loaded from a checkpoint as a core {@link Policy}: this is how a learned NPC
 * drives a game. Acts greedily; exposes the per-action values (Q-values) for a HUD; acts for many
 * NPCs in one call.
 *
 * <p>Not thread-safe (the agent keeps scratch buffers): use one instance per thread. Close it to
 * free native memory.
 *
 * @param <A> action type ({@code Integer} for the value-based agents)
 */
public final class LearnedPolicy<A> implements Policy<float[], A>, AutoCloseable {
  private final Agent<A> agent;
  private final CheckpointMeta meta;

  private LearnedPolicy(Agent<A> agent, CheckpointMeta meta) {
    this.agent = agent;
    this.meta = meta;
  }

  /** Loads a checkpoint of any builtin env and algorithm, on the CPU. */
  public static LearnedPolicy<?> load(Path dir) {
    return load(dir, EnvRegistry.builtin(), Algorithms.builtin());
  }

  /** Loads a checkpoint whose env is in {@code registry}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static LearnedPolicy<?> load(Path dir, EnvRegistry registry, Algorithms algos) {
    AgentLoader.Loaded l = AgentLoader.load(dir, registry, algos, Device.cpu());
    return new LearnedPolicy(l.agent(), l.meta());
  }

  /** Loads a checkpoint of an agent with a Discrete action space. */
  @SuppressWarnings("unchecked")
  public static LearnedPolicy<Integer> loadDiscrete(Path dir, EnvRegistry registry) {
    LearnedPolicy<?> p = load(dir, registry, Algorithms.builtin());
    if (!(p.agent instanceof ValueAgent)) {
      p.close();
      throw new CheckpointException("checkpoint " + dir + " holds a '" + p.meta.algo()
          + "' agent, which has no discrete greedy policy");
    }
    return (LearnedPolicy<Integer>) p;
  }

  public CheckpointMeta meta() {
    return meta;
  }

  @Override
  public A act(float[] observation) {
    return agent.actGreedy(observation);
  }

  /** Greedy actions for many observations (one per NPC), written into {@code out}. */
  public A[] actBatch(float[][] observations, A[] out) {
    for (int i = 0; i < observations.length; i++) {
      out[i] = agent.actGreedy(observations[i]);
    }
    return out;
  }

  /** Whether {@link #actionValues} is available (value-based agents). */
  public boolean hasActionValues() {
    return agent instanceof ValueAgent;
  }

  /** The per-action values (Q-values) of {@code observation}, into {@code out}. */
  public float[] actionValues(float[] observation, float[] out) {
    if (!(agent instanceof ValueAgent v)) {
      throw new UnsupportedOperationException(meta.algo() + " has no per-action values");
    }
    return v.actionValues(observation, out);
  }

  /** Number of actions (value-based agents), or -1. */
  public int actions() {
    return agent instanceof ValueAgent v ? v.actions() : -1;
  }

  @Override
  public void close() {
    agent.close();
  }
}
