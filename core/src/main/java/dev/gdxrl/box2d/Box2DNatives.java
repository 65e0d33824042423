package dev.gdxrl.box2d;

import com.badlogic.gdx.physics.box2d.Box2D;
import com.badlogic.gdx.utils.GdxNativesLoader;

/**
 * Loads libGDX's and Box2D's native libraries without an application (headless training), once
 * per JVM. Safe to call from any thread, any number of times; the rendered game's backend loading
 * them first is fine too.
 */
public final class Box2DNatives {
  private static volatile boolean loaded;

  private Box2DNatives() {}

  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (Box2DNatives.class) {
      if (!loaded) {
        GdxNativesLoader.load();
        Box2D.init();
        loaded = true;
      }
    }
  }
}
