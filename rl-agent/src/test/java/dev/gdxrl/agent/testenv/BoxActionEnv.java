package dev.gdxrl.agent.testenv;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;

/** A trivial env with a continuous (Box) action space, for algorithm-fit checks. */
public final class BoxActionEnv implements Env<float[], float[]> {
  public static final EnvSpec SPEC = new EnvSpec("box-action", 10, 0);

  @Override
  public float[] reset(long seed) {
    return new float[2];
  }

  @Override
  public Step<float[]> step(float[] action) {
    return Step.of(new float[2], -action[0] * action[0], false, false);
  }

  @Override
  public Space<float[]> observationSpace() {
    return Box.uniform(2, -1, 1);
  }

  @Override
  public Space<float[]> actionSpace() {
    return Box.uniform(1, -1, 1);
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public void close() {}
}
