package dev.gdxrl.example.reach;

import dev.gdxrl.npc.SceneEnv;
import dev.gdxrl.registry.EnvProvider;
import dev.gdxrl.registry.EnvRegistry;
import java.util.List;

/**
 * Declares the guide's envs to gdx-rl; named in {@code
 * META-INF/services/dev.gdxrl.registry.EnvProvider}.
 */
public final class ReachTargetProvider implements EnvProvider {
  @Override
  public List<EnvRegistry.Entry> envs() {
    return List.of(
        new EnvRegistry.Entry(ReachTargetEnv.SPEC, ReachTargetEnv::new),
        new EnvRegistry.Entry(ReachTargetContinuousEnv.SPEC, ReachTargetContinuousEnv::new),
        // the toolkit version: one ball as an env; --npcs M puts M balls on one table
        new EnvRegistry.Entry(ReachTogether.SPEC, () -> new SceneEnv<>(ReachTogether::new)));
  }
}
