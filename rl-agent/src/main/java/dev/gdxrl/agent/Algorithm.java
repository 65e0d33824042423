package dev.gdxrl.agent;

import dev.gdxrl.env.Space;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One learning algorithm as the training loop and checkpoint io see it: an id, a config record
 * with per-env defaults, and a factory for agents.
 *
 * @param <C> the algorithm's config record
 */
public interface Algorithm<C extends Record> {

  /** The {@code --algo} id. */
  String id();

  /** Tuned defaults for the env id (generic defaults for unknown envs). */
  C defaults(String envId);

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
  static <C extends Record> Algorithm<C> discrete(String id, Function<String, C> presets,
      BiFunction<C, AgentContext, Agent<?>> factory) {
    return new DefinedAlgorithm<>(id, false, presets, factory);
  }

  /** An algorithm for Discrete and Box action spaces (policy-gradient learners). */
  static <C extends Record> Algorithm<C> anyActions(String id, Function<String, C> presets,
      BiFunction<C, AgentContext, Agent<?>> factory) {
    return new DefinedAlgorithm<>(id, true, presets, factory);
  }
}
