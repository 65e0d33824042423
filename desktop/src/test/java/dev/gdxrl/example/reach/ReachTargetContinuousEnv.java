package dev.gdxrl.example.reach;

import com.badlogic.gdx.math.Vector2;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;

/** {@code reach-target-continuous}: the push (x, y), each in [-1, 1]. */
public final class ReachTargetContinuousEnv extends ReachTarget<float[]> {
  public static final EnvSpec SPEC = new EnvSpec("reach-target-continuous", 200, 9);
  private static final Box ACTIONS = Box.uniform(2, -1, 1);

  public ReachTargetContinuousEnv() {
    super(SPEC);
  }

  @Override
  Vector2 push(float[] action) {
    return new Vector2(action[0], action[1]);
  }

  @Override
  public Space<float[]> actionSpace() {
    return ACTIONS;
  }
}
