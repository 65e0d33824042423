package dev.gdxrl.example.reach;

import com.badlogic.gdx.math.Vector2;
import dev.gdxrl.control.HasKeyBindings;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;

/** {@code reach-target-continuous}: the push (x, y), each in [-1, 1]; the arrow keys play it. */
public final class ReachTargetContinuousEnv extends ReachTarget<float[]>
    implements HasKeyBindings {
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
  public KeyBindings keyBindings() {
    return KeyBindings.continuous(0, 0).bind("Up", 0, 1).bind("Down", 0, -1)
        .bind("Left", -1, 0).bind("Right", 1, 0);
  }

  @Override
  public Space<float[]> actionSpace() {
    return ACTIONS;
  }
}
