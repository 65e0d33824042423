package dev.gdxrl.agent.play;

import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import java.nio.file.Path;

/**
 * The plug that makes rl-agent's checkpoints drive a game: registered in {@code
 * META-INF/services/dev.gdxrl.control.ControllerProvider}, found by {@link
 * ControllerProvider#available()}. A checkpoint directory becomes a {@link Controller} named
 * {@code "agent"} that applies the checkpoint's observation normalisation and acts greedily.
 */
public final class LearnedControllerProvider implements ControllerProvider {

  /** ServiceLoader needs a public no-argument constructor. */
  public LearnedControllerProvider() {}

  @Override
  public String name() {
    return "learned";
  }

  /** The env id in {@code source/agent.json}; a one-line IllegalArgumentException otherwise. */
  @Override
  public String envId(Path source) {
    return Checkpoints.readMeta(source).envId();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Controller<A> open(Path source, Env<float[], A> env) {
    CheckpointMeta meta = Checkpoints.readMeta(source);
    String id = env.spec().id();
    if (!meta.envId().equals(id)) {
      throw new IllegalArgumentException("checkpoint " + source + " is for env '" + meta.envId()
          + "', not '" + id + "'");
    }
    Checkpoints.checkSpaces(meta, source, env.observationSpace(), env.actionSpace());
    int dim = meta.observationSpace().dim();
    ObservationScaler scaler = ObservationScaler.of(meta.normalization(), dim,
        "checkpoint " + source);
    LearnedPolicy<A> policy = (LearnedPolicy<A>) LearnedPolicy.load(source);
    return new LearnedController<>(policy, scaler, dim);
  }
}
