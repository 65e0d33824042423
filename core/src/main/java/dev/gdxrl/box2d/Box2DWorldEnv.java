package dev.gdxrl.box2d;

import com.badlogic.gdx.physics.box2d.World;

/**
 * An env whose game is one Box2D {@link World}, exposed read-only so that a generic renderer can
 * draw any such game without code of its own (desktop's generic Box2D view). Implemented by the
 * raw game (the one {@code Env.unwrapped()} returns), next to {@code Env}.
 *
 * <p>Readers must not change the world (no stepping, no forces, no bodies created or destroyed)
 * and must not keep it: an env may build a new world on every reset, so ask again each time.
 */
public interface Box2DWorldEnv {

  /**
   * The env's current world; null when there is none yet (before the first reset) or any more
   * (after close). Owned and disposed by the env.
   */
  World world();

  /** Simulated seconds one env step advances the world (the game's fixed dt, times any sub-steps). */
  float stepSeconds();
}
