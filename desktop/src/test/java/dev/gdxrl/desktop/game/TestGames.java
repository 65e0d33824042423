package dev.gdxrl.desktop.game;

import dev.gdxrl.desktop.cli.Main;
import dev.gdxrl.registry.EnvRegistry;
import java.io.PrintWriter;

/**
 * The shipped games plus the tests' own: "ball" (the generic view), "ball-throws" (a view that
 * throws while drawing), "ball-create-fails", "ball-twins" (claimed by two providers) and
 * "no-world" (no view at all). {@link #main} is {@code gdx-rl} with this registry, for child JVMs.
 */
public final class TestGames {
  /** Steps per ball episode. */
  static final int BALL_STEPS = 40;

  private TestGames() {}

  static EnvRegistry registry() {
    EnvRegistry r = EnvRegistry.discovered();
    for (String id : new String[] {"ball", "ball-throws", "ball-create-fails", "ball-twins"}) {
      r.register(new EnvRegistry.Entry(new BallEnv(id, BALL_STEPS).spec(),
          () -> new BallEnv(id, BALL_STEPS), null, "a ball on a plane (tests)"));
    }
    r.register(new EnvRegistry.Entry(NoWorldEnv.SPEC, NoWorldEnv::new, null,
        "no world, no view (tests)"));
    return r;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = Main.execute(args, out, err, registry(), System.getenv());
    out.flush();
    err.flush();
    System.exit(status);
  }
}
