package dev.gdxrl.agent;

import dev.gdxrl.env.EpisodeStats;
import dev.gdxrl.env.VectorEnv;

/**
 * How the training loop gathers experience from its {@link VectorEnv}: one {@link Block} of
 * vector steps per call. The default ({@link #stepwise}) is one vector step: the agent's {@link
 * Agent#actBatch}, the vector env's step, then {@link Agent#observeBatch}. The actor-critics
 * collect a whole rollout per call instead, each of the vector env's shard threads acting and
 * stepping its own envs, with one hand-off per rollout ({@code algo.pg.ShardedRollout}).
 *
 * <p>The loop then tells the block's vector steps to its listeners one after the other, as if
 * they had just happened, and calls {@link Block#finish} (where the agent learns) just before it
 * tells the last one, which is where {@code observeBatch} ran for a one-step block: so listeners
 * see the same env steps, episodes and updates in the same order either way.
 *
 * @param <A> action type
 */
public interface Collector<A> {

  /**
   * Collects up to {@code maxSteps} (at least 1) vector steps from {@code observations}, the
   * vector env's current observations, after {@code envStep} env steps.
   */
  Block collect(float[][] observations, long envStep, int maxSteps);

  /** Vector steps already taken, to be told to the listeners. */
  interface Block {
    /** Vector steps in the block (at least 1). */
    int steps();

    /** The episodes that ended at vector step t of the block, by env (null where none). */
    EpisodeStats[] episodes(int t);

    /**
     * The agent learns from the block (it may update); called once, before the last step is
     * told to the listeners.
     *
     * @param envStep env steps so far, the whole block included
     * @return gradient steps (or table updates) taken
     */
    int finish(long envStep);

    /**
     * The run stopped after the block's step t (before its last step): the agent keeps what it
     * learnt from steps 0 to t as if it had never taken the rest. {@link #finish} is not called.
     */
    void stoppedAfter(int t);

    /** The vector env's current observations after the block. */
    float[][] observations();
  }

  /** One vector step per block, through {@link Agent#actBatch} and {@link Agent#observeBatch}. */
  static <A> Collector<A> stepwise(Agent<A> agent, VectorEnv<A> venv) {
    return new Collector<>() {
      private VectorEnv.Result result;

      private final Block block = new Block() {
        @Override
        public int steps() {
          return 1;
        }

        @Override
        public EpisodeStats[] episodes(int t) {
          return result.episodes();
        }

        @Override
        public int finish(long envStep) {
          return agent.observeBatch(result, envStep);
        }

        @Override
        public void stoppedAfter(int t) {
          throw new IllegalStateException("a one-step block cannot stop before its last step");
        }

        @Override
        public float[][] observations() {
          return result.observations();
        }
      };

      @Override
      public Block collect(float[][] observations, long envStep, int maxSteps) {
        result = venv.step(agent.actBatch(observations, envStep));
        return block;
      }
    };
  }
}
