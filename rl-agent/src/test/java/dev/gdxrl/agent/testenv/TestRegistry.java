package dev.gdxrl.agent.testenv;

import dev.gdxrl.registry.EnvRegistry;

/** The builtin envs plus small test envs: chain5, chain6 (other observation size), box-action. */
public final class TestRegistry {
  private TestRegistry() {}

  public static EnvRegistry create() {
    EnvRegistry r = EnvRegistry.discovered();
    r.register(new EnvRegistry.Entry(new ChainEnv(5, "chain5").spec(),
        () -> new ChainEnv(5, "chain5"), null, "5-state chain"));
    r.register(new EnvRegistry.Entry(new ChainEnv(6, "chain6").spec(),
        () -> new ChainEnv(6, "chain6"), null, "6-state chain"));
    r.register(new EnvRegistry.Entry(BoxActionEnv.SPEC, BoxActionEnv::new, null,
        "continuous actions"));
    return r;
  }
}
