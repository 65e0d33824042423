package dev.gdxrl.desktop.game;

/** Which keys are held now ({@code com.badlogic.gdx.Input.Keys} codes); a seam for tests. */
@FunctionalInterface
public interface KeyInput {
  boolean pressed(int keycode);

  /** True if any of the keys is held. */
  default boolean anyPressed(int... keycodes) {
    for (int k : keycodes) {
      if (pressed(k)) {
        return true;
      }
    }
    return false;
  }
}
