package dev.gdxrl.npc;

import dev.gdxrl.env.Space;

/**
 * Turns an NPC's action into forces on its body. {@link #apply} runs once per physics step while
 * the action is held (a {@link Scene}'s decision period), before the world steps.
 *
 * @param <A> action type: {@code Integer} for discrete, {@code float[]} for continuous
 */
public interface Actuator<A> {

  /** The actions this actuator takes. */
  Space<A> space();

  /** Applies {@code action} to {@code npc}'s body for one physics step of {@code dt} seconds. */
  void apply(Npc<A> npc, A action, float dt);
}
