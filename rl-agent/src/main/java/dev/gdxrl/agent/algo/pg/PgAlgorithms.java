package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.Algorithm;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;

/** The policy-gradient algorithms as the shared {@code Algorithms} table sees them. */
public final class PgAlgorithms {
  private PgAlgorithms() {}

  public static Algorithm<Ppo.PpoConfig> ppo() {
    return new Base<>("ppo") {
      @Override
      public Ppo.PpoConfig defaults(String envId) {
        return Ppo.PpoConfig.forEnv(envId);
      }

      @Override
      public Agent<?> create(Ppo.PpoConfig config, AgentContext context) {
        return new Ppo(config, context);
      }
    };
  }

  public static Algorithm<A2c.A2cConfig> a2c() {
    return new Base<>("a2c") {
      @Override
      public A2c.A2cConfig defaults(String envId) {
        return A2c.A2cConfig.forEnv(envId);
      }

      @Override
      public Agent<?> create(A2c.A2cConfig config, AgentContext context) {
        return new A2c(config, context);
      }
    };
  }

  public static Algorithm<Reinforce.ReinforceConfig> reinforce() {
    return new Base<>("reinforce") {
      @Override
      public Reinforce.ReinforceConfig defaults(String envId) {
        return Reinforce.ReinforceConfig.forEnv(envId);
      }

      @Override
      public Agent<?> create(Reinforce.ReinforceConfig config, AgentContext context) {
        return new Reinforce(config, context);
      }
    };
  }

  /** Categorical policies for Discrete spaces, diagonal Gaussians for Box ones. */
  private abstract static class Base<C extends Record> implements Algorithm<C> {
    private final String id;

    Base(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public boolean fits(Space<?> actionSpace) {
      return actionSpace instanceof Discrete || actionSpace instanceof Box;
    }

    @Override
    public String requires() {
      return "a Discrete or Box action space";
    }
  }
}
