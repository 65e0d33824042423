package dev.gdxrl.agent.io;

import ai.djl.Device;
import dev.gdxrl.agent.ActorCriticAgent;
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
    return load(dir, EnvRegistry.discovered(), Algorithms.builtin());
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
    boolean discretePolicy = p.agent instanceof ValueAgent
        || p.agent instanceof ActorCriticAgent ac && ac.discreteActions();
    if (!discretePolicy) {
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

  /** Number of actions (value-based agents; actor-critics: actions or action dimensions), or -1. */
  public int actions() {
    return agent instanceof ValueAgent v ? v.actions()
        : agent instanceof ActorCriticAgent ac ? ac.actionSize() : -1;
  }

  /**
   * True when {@link #act} takes raw observations and applies the checkpoint's observation
   * normalisation itself (actor-critic agents); callers must then not scale them again.
   */
  public boolean normalizesInternally() {
    return agent.normalizesInternally();
  }

  /** Whether {@link #distribution} is available (actor-critic agents: reinforce, a2c, ppo). */
  public boolean hasDistribution() {
    return agent instanceof ActorCriticAgent;
  }

  /**
   * The policy at {@code observation} for a HUD: action probabilities (discrete) or the
   * Gaussian's mean (continuous) into {@code out}; returns the critic's V(s). The action {@link
   * #act} takes is the argmax or the mean clipped to the action space.
   */
  public float distribution(float[] observation, float[] out) {
    if (!(agent instanceof ActorCriticAgent ac)) {
      throw new UnsupportedOperationException(meta.algo() + " has no policy distribution");
    }
    return ac.distribution(observation, out);
  }

  /** The Gaussian policy's standard deviations into {@code out} (actor-critic agents). */
  public float[] std(float[] out) {
    if (!(agent instanceof ActorCriticAgent ac)) {
      throw new UnsupportedOperationException(meta.algo() + " has no policy distribution");
    }
    return ac.std(out);
  }

  @Override
  public void close() {
    agent.close();
  }
}
