package dev.gdxrl.registry;

import java.util.List;

/**
 * How a game declares its envs to gdx-rl: an implementation with a public no-argument constructor,
 * named in the jar's (or classes directory's) {@code
 * META-INF/services/dev.gdxrl.registry.EnvProvider} file, is found by {@link EnvRegistry#discovered()}
 * through {@link java.util.ServiceLoader}. The games shipped with gdx-rl are registered through
 * this very mechanism ({@code dev.gdxrl.registry.BuiltinEnvProvider}), so a user's game on the
 * classpath is seen by every command exactly as the shipped ones are.
 *
 * <p>A provider may also ship tuned hyperparameters for its envs as resources next to it, {@code
 * gdx-rl/presets/ALGO.yaml} (see rl-agent's {@code Presets}), and, for the rendered game, a view
 * (desktop's {@code GameViewProvider}).
 */
public interface EnvProvider {

  /**
   * The envs this provider contributes; ids must be unique across every provider on the
   * classpath. Called once per discovery; should not build any env (entries hold factories).
   */
  List<EnvRegistry.Entry> envs();
}
