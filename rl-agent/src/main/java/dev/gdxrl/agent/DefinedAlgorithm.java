package dev.gdxrl.agent;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An {@link Algorithm} assembled from its parts; see {@link Algorithm#discrete} and {@link
 * Algorithm#anyActions}.
 */
record DefinedAlgorithm<C extends Record>(String id, boolean boxToo, Supplier<C> generic,
    long genericSteps, List<String> presetNames, UnaryOperator<C> finisher,
    BiFunction<C, AgentContext, Agent<?>> factory) implements Algorithm<C> {

  @Override
  public C genericDefaults() {
    return generic.get();
  }

  @Override
  public C finish(C config) {
    return finisher.apply(config);
  }

  @Override
  public boolean fits(Space<?> actionSpace) {
    return actionSpace instanceof Discrete || (boxToo && actionSpace instanceof Box);
  }

  @Override
  public String requires() {
    return boxToo ? "a Discrete or Box action space" : "a Discrete action space";
  }

  @Override
  public Agent<?> create(C config, AgentContext context) {
    return factory.apply(config, context);
  }
}
