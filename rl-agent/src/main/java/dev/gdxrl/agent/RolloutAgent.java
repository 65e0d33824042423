package dev.gdxrl.agent;

import dev.gdxrl.env.VectorEnv;

/**
 * An agent that learns from N envs stepped together (the on-policy actor-critics): the training
 * loop steps a {@link VectorEnv} of {@link #envs()} envs, asks for all N actions at once (one
 * batched forward pass) and hands back the whole vector step. The agent decides itself when its
 * rollout is full and updates then. {@link Agent#observe} (one transition) does not apply.
 *
 * @param <A> action type
 */
public interface RolloutAgent<A> extends Agent<A> {

  /** Envs the agent wants stepped together. */
  int envs();

  /** Worker threads for stepping them (results do not depend on it). */
  int threads();

  /**
   * Behaviour actions for every env's current observation; the returned array is owned by the
   * agent and overwritten by the next call.
   */
  A[] actBatch(float[][] observations, long envStep);

  /**
   * The outcome of the vector step taken with the last {@link #actBatch} actions (auto-reset
   * already done; truncated episodes' final observations in the result).
   *
   * @param envStep env steps so far, this vector step included
   * @return gradient steps taken during this call
   */
  int observeBatch(VectorEnv.Result result, long envStep);
}
