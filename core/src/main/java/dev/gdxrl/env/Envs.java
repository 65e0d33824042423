package dev.gdxrl.env;

/** Typed views of envs whose action type is known only at run time (as the registry gives them). */
public final class Envs {
  private Envs() {}

  /** The env as one with {@code Integer} actions; throws if its action space is not Discrete. */
  @SuppressWarnings("unchecked")
  public static <O> Env<O, Integer> asDiscrete(Env<O, ?> env) {
    if (!(env.actionSpace() instanceof Discrete)) {
      throw new IllegalArgumentException(
          "env '" + env.spec().id() + "' has a continuous action space "
              + env.actionSpace() + "; this needs a Discrete one");
    }
    return (Env<O, Integer>) env;
  }

  /** The env as one with {@code float[]} actions; throws if its action space is not a Box. */
  @SuppressWarnings("unchecked")
  public static <O> Env<O, float[]> asContinuous(Env<O, ?> env) {
    if (!(env.actionSpace() instanceof Box)) {
      throw new IllegalArgumentException(
          "env '" + env.spec().id() + "' has a discrete action space "
              + env.actionSpace() + "; this needs a Box one");
    }
    return (Env<O, float[]>) env;
  }

  /** The observation space as a Box; every env of this project observes float vectors. */
  public static Box observationBox(Env<float[], ?> env) {
    if (env.observationSpace() instanceof Box b) {
      return b;
    }
    throw new IllegalArgumentException(
        "env '" + env.spec().id() + "' does not observe a Box: " + env.observationSpace());
  }
}
