package dev.gdxrl.agent;

import dev.gdxrl.agent.config.ConfigBinder;
import dev.gdxrl.agent.config.Presets;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.env.Space;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One learning algorithm as the training loop and checkpoint io see it: an id, a config record
 * with generic defaults, per-env presets read as data ({@link Presets}), and a factory for agents.
 *
 * @param <C> the algorithm's config record
 */
public interface Algorithm<C extends Record> {

  /** The {@code --algo} id. */
  String id();

  /** The documented defaults for an env without a preset. */
  C genericDefaults();

  /** Env steps of a run when neither the command nor the env's preset says. */
  long genericSteps();

  /** The preset files this algorithm reads ({@code gdx-rl/presets/NAME.yaml}), in order. */
  default List<String> presetNames() {
    return List.of(id());
  }

  /** Applied to every bound config (e.g. double-dqn switches the Double DQN target on). */
  default C finish(C config) {
    return config;
  }

  /** The env's preset for this algorithm: algorithm keys and training-loop keys together. */
  default Presets.Preset preset(String envId) {
    return Presets.find(envId, presetNames());
  }

  /**
   * The training-loop keys of the env's preset ({@code steps}, {@code keep_best}, ...); a key
   * that neither the algorithm nor the loop knows is a one-line error.
   */
  default Map<String, Object> presetTrainKeys(String envId) {
    return split(envId, preset(envId)).get(false);
  }

  /** Tuned defaults for the env: the generic ones with the env's preset applied. */
  default C defaults(String envId) {
    Presets.Preset p = preset(envId);
    Map<String, Object> keys = split(envId, p).get(true);
    C base = genericDefaults();
    if (keys.isEmpty()) {
      return finish(base);
    }
    return finish(ConfigBinder.bind(base, keys, id() + " preset for env '" + envId + "' ("
        + p.source() + ")"));
  }

  /** The preset's keys: {@code true} -> the algorithm's, {@code false} -> the training loop's. */
  private Map<Boolean, Map<String, Object>> split(String envId, Presets.Preset p) {
    Set<String> algoKeys = ConfigBinder.keys(genericDefaults().getClass());
    Set<String> trainKeys = ConfigBinder.keys(TrainConfig.class);
    Map<String, Object> algo = new LinkedHashMap<>();
    Map<String, Object> train = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : p.values().entrySet()) {
      if (algoKeys.contains(e.getKey())) {
        algo.put(e.getKey(), e.getValue());
      } else if (trainKeys.contains(e.getKey())) {
        train.put(e.getKey(), e.getValue());
      } else {
        throw new IllegalArgumentException(id() + " preset for env '" + envId + "' ("
            + p.source() + "): unknown key '" + e.getKey() + "'; " + id() + " keys: "
            + String.join(", ", algoKeys) + "; training keys: " + String.join(", ", trainKeys));
      }
    }
    return Map.of(true, algo, false, train);
  }

  /** Whether agents of this algorithm can act in the action space. */
  boolean fits(Space<?> actionSpace);

  /** Words for error messages, e.g. "a Discrete action space". */
  String requires();

  /** A new agent; throws {@link IllegalArgumentException} if the spaces do not fit. */
  Agent<?> create(C config, AgentContext context);

  /** Casts a bound config to this algorithm's type. */
  @SuppressWarnings("unchecked")
  default Agent<?> createUnchecked(Record config, AgentContext context) {
    return create((C) config, context);
  }

  /** An algorithm for Discrete action spaces only (value-based learners). */
  static <C extends Record> Algorithm<C> discrete(String id, Supplier<C> generic,
      long genericSteps, BiFunction<C, AgentContext, Agent<?>> factory) {
    return new DefinedAlgorithm<>(id, false, generic, genericSteps, List.of(id), c -> c,
        factory);
  }

  /** An algorithm for Discrete and Box action spaces (policy-gradient learners). */
  static <C extends Record> Algorithm<C> anyActions(String id, Supplier<C> generic,
      long genericSteps, BiFunction<C, AgentContext, Agent<?>> factory) {
    return new DefinedAlgorithm<>(id, true, generic, genericSteps, List.of(id), c -> c, factory);
  }

  /**
   * A Discrete-only algorithm that reads other preset files too and adjusts every bound config
   * (double-dqn: dqn's presets, then its own, with the Double DQN target on).
   */
  static <C extends Record> Algorithm<C> discrete(String id, Supplier<C> generic,
      long genericSteps, List<String> presetNames, UnaryOperator<C> finish,
      BiFunction<C, AgentContext, Agent<?>> factory) {
    return new DefinedAlgorithm<>(id, false, generic, genericSteps, presetNames, finish, factory);
  }
}
