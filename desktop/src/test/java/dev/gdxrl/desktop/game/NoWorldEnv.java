package dev.gdxrl.desktop.game;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;

/** An env with no Box2D world and no view provider: nothing can show it. */
final class NoWorldEnv implements Env<float[], Integer> {
  static final EnvSpec SPEC = new EnvSpec("no-world", 10, 0);
  private int t;

  @Override
  public float[] reset(long seed) {
    t = 0;
    return new float[] {0};
  }

  @Override
  public Step<float[]> step(Integer action) {
    t++;
    return Step.of(new float[] {t}, 1, t >= 5, false);
  }

  @Override
  public Space<float[]> observationSpace() {
    return new Box(new float[] {0}, new float[] {10});
  }

  @Override
  public Space<Integer> actionSpace() {
    return new Discrete(2);
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public void close() {}
}
