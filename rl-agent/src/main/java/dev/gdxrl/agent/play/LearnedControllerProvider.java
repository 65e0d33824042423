package dev.gdxrl.agent.play;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.infer.InferencePolicy;
import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import java.nio.file.Path;

/**
 * The plug that makes rl-agent's checkpoints drive a game: registered in {@code
 * META-INF/services/dev.gdxrl.control.ControllerProvider}, found by {@link
 * ControllerProvider#available()}. A checkpoint directory becomes a {@link Controller} named
 * {@code "agent"} that applies the checkpoint's observation normalisation and acts greedily, or in
 * the {@link ActingMode} asked for.
 */
public final class LearnedControllerProvider implements ControllerProvider {

  /** ServiceLoader needs a public no-argument constructor. */
  public LearnedControllerProvider() {
    DjlDefaults.apply();
  }

  @Override
  public String name() {
    return "learned";
  }

  /** The env id in {@code source/agent.json}; a one-line IllegalArgumentException otherwise. */
  @Override
  public String envId(Path source) {
    return Checkpoints.readMeta(source).envId();
  }

  /** The checkpoint as a greedy controller for {@code env}; see {@link #open(Path, Env, ActingMode)}. */
  @Override
  public <A> Controller<A> open(Path source, Env<float[], A> env) {
    return open(source, env, ActingMode.GREEDY);
  }

  /**
   * The checkpoint as a controller for {@code env}, which need not be one gdx-rl ships nor be in
   * any registry: its id and spaces are checked against {@code agent.json}, then the checkpoint is
   * loaded as an {@link InferencePolicy} (no learner). A one-line IllegalArgumentException when it
   * does not fit, cannot be read, or {@code mode} does not suit its algorithm.
   */
  @Override
  public <A> Controller<A> open(Path source, Env<float[], A> env, ActingMode mode) {
    CheckpointMeta meta = Checkpoints.readMeta(source);
    String id = env.spec().id();
    if (!meta.envId().equals(id)) {
      throw new IllegalArgumentException("checkpoint " + source + " is for env '" + meta.envId()
          + "', not '" + id + "'");
    }
    Checkpoints.checkSpaces(meta, source, env.observationSpace(), env.actionSpace());
    return new LearnedController<>(
        LearnedPolicy.of(InferencePolicy.load(source, meta, Algorithms.builtin()), mode));
  }
}
