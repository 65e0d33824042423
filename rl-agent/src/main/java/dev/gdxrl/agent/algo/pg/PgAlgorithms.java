package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.Algorithm;

/**
 * The policy-gradient algorithms as the shared {@code Algorithms} table sees them: categorical
 * policies for Discrete spaces, diagonal Gaussians for Box ones.
 */
public final class PgAlgorithms {
  private PgAlgorithms() {}

  public static Algorithm<Ppo.PpoConfig> ppo() {
    return Algorithm.anyActions("ppo", Ppo.PpoConfig::defaults, 1_000_000, Ppo::new);
  }

  public static Algorithm<A2c.A2cConfig> a2c() {
    return Algorithm.anyActions("a2c", A2c.A2cConfig::defaults, 1_000_000, A2c::new);
  }

  public static Algorithm<Reinforce.ReinforceConfig> reinforce() {
    return Algorithm.anyActions("reinforce", Reinforce.ReinforceConfig::defaults,
        1_000_000, Reinforce::new);
  }
}
