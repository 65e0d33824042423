package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.Body;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;

/**
 * A table of moves: action i pushes the body with force {@code moves[i]} (newtons, world frame)
 * at its centre of mass. Applied as the impulse {@code moves[i] * dt} each physics step, so a
 * body of mass m gains {@code moves[i] * dt / m} of velocity per step (before damping).
 */
public final class DiscreteMoves implements Actuator<Integer> {
  private final float[][] moves;
  private final Discrete space;

  /** {@code moves[i] = {fx, fy}} in newtons. */
  public DiscreteMoves(float[][] moves) {
    if (moves.length == 0) {
      throw new IllegalArgumentException("DiscreteMoves needs at least one move");
    }
    this.moves = new float[moves.length][];
    for (int i = 0; i < moves.length; i++) {
      if (moves[i].length != 2) {
        throw new IllegalArgumentException("DiscreteMoves move " + i + " must be {fx, fy}");
      }
      this.moves[i] = moves[i].clone();
    }
    this.space = new Discrete(moves.length);
  }

  /**
   * Nine moves: 0 stay, then eight directions counter-clockwise from +x (1 east, 2 north-east, 3
   * north, ... 8 south-east), each with force {@code force} (diagonals too).
   */
  public static DiscreteMoves eightWay(float force) {
    float[][] m = new float[9][2];
    for (int k = 0; k < 8; k++) {
      double a = k * Math.PI / 4;
      m[k + 1][0] = (float) (force * Math.cos(a));
      m[k + 1][1] = (float) (force * Math.sin(a));
    }
    return new DiscreteMoves(m);
  }

  /** The force of move {@code action}, {fx, fy} (a copy). */
  public float[] force(int action) {
    return moves[action].clone();
  }

  @Override
  public Space<Integer> space() {
    return space;
  }

  @Override
  public void apply(Npc<Integer> npc, Integer action, float dt) {
    float[] f = moves[action];
    if (f[0] == 0f && f[1] == 0f) {
      return;
    }
    Body b = npc.body();
    b.applyLinearImpulse(f[0] * dt, f[1] * dt, b.getWorldCenter().x, b.getWorldCenter().y, true);
  }
}
