package dev.gdxrl.env;

import java.util.Map;

/**
 * A game scene with several learning agents in one world, all with the same observation and
 * action spaces, so that one policy can drive them all (one batched decision per tick).
 *
 * <p>Episodes are the scene's: {@link #reset(long)} starts a round for every agent, and a round
 * ends for every agent on the same step ({@link Result#terminated()} / {@link
 * Result#truncated()} hold for all). The time limit is the scene's own ({@link
 * EnvSpec#maxEpisodeSteps()} decision steps). Otherwise the {@link Env} contract holds per agent:
 * seeding, fresh observation arrays, actions checked against {@link #actionSpace()}, no step
 * before reset or after the round ended.
 *
 * <p>{@link VectorEnv#ofScenes} steps several scenes together for the learners: every agent is
 * one slot of the vector env, so a scene of M agents trains exactly like M envs.
 *
 * @param <A> action type of one agent
 */
public interface MultiAgentEnv<A> extends AutoCloseable {

  /**
   * What one scene step produced.
   *
   * @param observations each agent's observation after the step (new arrays)
   * @param rewards each agent's reward for the step
   * @param terminated the round ended (for every agent)
   * @param truncated the round was cut short, e.g. by the time limit (for every agent)
   * @param info scene-level information of the step (outcome and episode metrics at the end)
   */
  record Result(float[][] observations, double[] rewards, boolean terminated, boolean truncated,
      Map<String, Object> info) {
    public boolean done() {
      return terminated || truncated;
    }
  }

  /**
   * Implemented by an env (its {@link Env#unwrapped()} game) that can also be built as a scene of
   * several agents sharing one policy: training and eval with {@code --npcs M} ask it for scenes
   * of M agents.
   */
  interface Source<A> {
    /** A new scene of {@code agents} agents with this env's spaces and spec. */
    MultiAgentEnv<A> scene(int agents);
  }

  /** Agents in the scene, fixed for its lifetime. */
  int agents();

  /** Starts a round; returns each agent's first observation. */
  float[][] reset(long seed);

  /** Advances one decision step with {@code actions[i]} for agent i. */
  Result step(A[] actions);

  Space<float[]> observationSpace();

  Space<A> actionSpace();

  EnvSpec spec();

  @Override
  void close();
}
