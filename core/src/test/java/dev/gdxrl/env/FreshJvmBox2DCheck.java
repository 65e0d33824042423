package dev.gdxrl.env;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.registry.EnvChecker;
import dev.gdxrl.registry.EnvRegistry;
import java.util.List;

/**
 * Run in a fresh JVM by {@link EnvCheckerTest}: shows that Box2D's natives are not loaded there,
 * then checks a Box2D env that never calls {@code Box2DNatives.load()}, built by a supplier and
 * by a registry. Prints one line per stage.
 */
final class FreshJvmBox2DCheck {
  private FreshJvmBox2DCheck() {}

  public static void main(String[] args) {
    try {
      new World(new Vector2(0, -10), true).createBody(new BodyDef());
      System.out.println("before: natives already loaded");
    } catch (UnsatisfiedLinkError e) {
      System.out.println("before: UnsatisfiedLinkError");
    }
    report("supplier", EnvChecker.check(WorldWalk::new));
    EnvRegistry registry = new EnvRegistry().register(
        new EnvRegistry.Entry(WalkEnv.SPEC, WorldWalk::new, null, "walk with a Box2D world"));
    report("registry", EnvChecker.check(registry, "walk"));
  }

  private static void report(String stage, List<String> failures) {
    System.out.println(stage + ": " + (failures.isEmpty() ? "PASS" : "FAIL " + failures));
  }

  /** The walk, plus a Box2D world with one body created on each reset (as a user game might). */
  static final class WorldWalk extends Wrapper<float[], Integer> {
    private final World world = new World(new Vector2(0, -10), true);
    private boolean closed;

    WorldWalk() {
      super(new WalkEnv());
    }

    @Override
    public float[] reset(long seed) {
      world.createBody(new BodyDef());
      return env.reset(seed);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        world.dispose();
        env.close();
      }
    }
  }
}
