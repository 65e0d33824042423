package dev.gdxrl.control;

import dev.gdxrl.env.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A plug-in that makes controllers from saved artefacts, found at run time with {@link
 * ServiceLoader}: {@code rl-agent} registers one (in {@code META-INF/services}) that turns a
 * checkpoint directory into a learned controller. A game compiled against {@code core} alone gets
 * learned NPCs by putting {@code rl-agent} and a checkpoint on its classpath; without them the same
 * game runs with human and heuristic controllers only.
 */
public interface ControllerProvider {

  /** Short name, e.g. "learned". */
  String name();

  /** The env id a saved artefact was trained on (so the game can build the right env). */
  String envId(Path source);

  /**
   * Opens the artefact at {@code source} as a controller for {@code env}. Throws {@link
   * IllegalArgumentException} with a one-line reason when it is unreadable or does not fit the
   * env (other env, other spaces).
   */
  <A> Controller<A> open(Path source, Env<float[], A> env);

  /**
   * Opens the artefact as a controller that acts in {@code mode}. The default accepts only
   * {@link ActingMode#GREEDY}; an unsuitable mode is a one-line {@link IllegalArgumentException}.
   */
  default <A> Controller<A> open(Path source, Env<float[], A> env, ActingMode mode) {
    if (mode.kind() != ActingMode.Kind.GREEDY) {
      throw new IllegalArgumentException("the '" + name() + "' controllers act greedily only,"
          + " not '" + mode + "'");
    }
    return open(source, env);
  }

  /** Every provider on the classpath. */
  static List<ControllerProvider> available() {
    List<ControllerProvider> out = new ArrayList<>();
    ServiceLoader.load(ControllerProvider.class).forEach(out::add);
    return out;
  }
}
