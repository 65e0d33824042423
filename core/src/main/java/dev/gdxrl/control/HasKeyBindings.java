package dev.gdxrl.control;

/**
 * An env (the raw game, as {@code Env.unwrapped()} returns it) that says how the keyboard plays
 * it. The rendered game's generic view uses these bindings for the human driver.
 */
@FunctionalInterface
public interface HasKeyBindings {

  /** The bindings; they must fit the env's action space (see {@link KeyBindings#check}). */
  KeyBindings keyBindings();
}
