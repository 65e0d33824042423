package dev.gdxrl.sim.arena;

import dev.gdxrl.control.PlayerCharacter;
import dev.gdxrl.npc.SceneEnv;

/**
 * The tag arena with one chaser as an env ({@code arena}, {@code arena-continuous}); in the
 * rendered game the player can be the runner ({@link PlayerCharacter}).
 */
public final class ArenaEnv<A> extends SceneEnv<A> implements PlayerCharacter {
  private ArenaEnv(java.util.function.IntFunction<ArenaScene<A>> scenes) {
    super(scenes);
  }

  private ArenaEnv(java.util.function.IntFunction<ArenaScene<A>> scenes, int agents,
      dev.gdxrl.control.Controller<A> companions) {
    super(scenes, agents, companions);
  }

  /** The arena with {@code chasers} chasers; chaser 0 is this env's, the others companions'. */
  @Override
  @SuppressWarnings("unchecked")
  public ArenaEnv<A> together(int chasers, dev.gdxrl.control.Controller<A> companions) {
    return new ArenaEnv<>((java.util.function.IntFunction<ArenaScene<A>>) scenes(), chasers,
        companions);
  }

  /** {@code arena}: 9 discrete moves. */
  public static ArenaEnv<Integer> discrete() {
    return new ArenaEnv<>(ArenaScene::discrete);
  }

  /** {@code arena-continuous}: planar thrust. */
  public static ArenaEnv<float[]> continuous() {
    return new ArenaEnv<>(ArenaScene::continuous);
  }

  @Override
  public String playerCharacter() {
    return "the runner";
  }

  @Override
  public void drivePlayer(float[] move) {
    scene().driveRunner(move);
  }

  @Override
  public ArenaScene<A> scene() {
    return (ArenaScene<A>) super.scene();
  }
}
