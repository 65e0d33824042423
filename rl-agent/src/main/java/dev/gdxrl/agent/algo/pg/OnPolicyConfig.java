package dev.gdxrl.agent.algo.pg;

import java.util.List;

/**
 * What every policy-gradient config record ({@link PpoConfig}, {@link A2cConfig}, {@link
 * ReinforceConfig}) has in common: how rollouts are collected and what the network looks like.
 * The records document their own defaults.
 */
public interface OnPolicyConfig {
  /** Envs stepped together in the {@code VectorEnv}. */
  int nEnvs();

  /** Vector steps per rollout (per env). */
  int nSteps();

  double gamma();

  double learningRate();

  /** Anneal the learning rate linearly to 0 over the run. */
  boolean annealLr();

  /** Global gradient-norm clip; 0 for none. */
  double maxGradNorm();

  /** {@code adam} or {@code rmsprop}. */
  String optimizer();

  /** Hidden widths of the actor and critic MLPs. */
  List<Integer> hidden();

  /** {@code tanh} or {@code relu}. */
  String activation();

  /** One trunk for actor and critic instead of two networks. */
  boolean sharedTrunk();

  /** Initial log standard deviation of the Gaussian policy (continuous actions). */
  double logStdInit();

  /** Normalise observations with running statistics (saved in the checkpoint). */
  boolean normalizeObservations();

  /** Worker threads stepping the vector env (1: the training thread only); no effect on results. */
  int threads();

  /** The network shape for an env with these sizes. */
  default ActorCriticSpec networkSpec(int obsDim, boolean discrete, int actions) {
    int[] h = hidden().stream().mapToInt(Integer::intValue).toArray();
    return new ActorCriticSpec(obsDim, h, discrete, actions, sharedTrunk(), activation(),
        logStdInit());
  }
}
