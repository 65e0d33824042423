package dev.gdxrl.example.reach;

import com.badlogic.gdx.math.Vector2;
import dev.gdxrl.control.HasKeyBindings;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;

/** {@code reach-target}: 0 no push, 1 up, 2 down, 3 left, 4 right; the arrow keys play it. */
public final class ReachTargetEnv extends ReachTarget<Integer> implements HasKeyBindings {
  public static final EnvSpec SPEC = new EnvSpec("reach-target", 200, 9);
  private static final Discrete ACTIONS = new Discrete(5);
  private static final float[][] PUSH = {{0, 0}, {0, 1}, {0, -1}, {-1, 0}, {1, 0}};

  public ReachTargetEnv() {
    super(SPEC);
  }

  @Override
  Vector2 push(Integer action) {
    return new Vector2(PUSH[action][0], PUSH[action][1]);
  }

  @Override
  public KeyBindings keyBindings() {
    return KeyBindings.discrete(0).bind("Up", 1).bind("Down", 2).bind("Left", 3).bind("Right", 4);
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTIONS;
  }
}
