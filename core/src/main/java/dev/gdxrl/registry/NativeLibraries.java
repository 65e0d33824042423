package dev.gdxrl.registry;

import dev.gdxrl.box2d.Box2DNatives;

/**
 * The one place where {@code env} makes sure Box2D's natives are loaded before it builds an env
 * ({@link EnvRegistry} and {@link EnvChecker} call it), so a game that creates its Box2D
 * {@code World} without calling {@link Box2DNatives#load()} itself still works. {@code env}
 * depends on {@code dev.gdxrl.sim} only for this utility, never on a game package.
 */
final class NativeLibraries {
  private NativeLibraries() {}

  /**
   * Loads Box2D's natives if this platform has them (idempotent and cheap after the first call).
   * A failure is ignored here: an env that does not use Box2D must not fail for it, and one that
   * does fails at its first {@code World}, where {@link EnvChecker} explains it.
   */
  static void loadBox2D() {
    try {
      Box2DNatives.load();
    } catch (RuntimeException | LinkageError e) {
      // no Box2D natives for this platform: only a Box2D env will notice
    }
  }
}
