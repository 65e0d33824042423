package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.desktop.cli.Main;
import dev.gdxrl.desktop.game.box2d.Box2DView;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic Box2D view in a window (child JVM, under xvfb-run when there is no display), on a
 * game gdx-rl does not ship and on the lander; a view that throws while drawing ends the game in
 * one line with status 2 and leaves no --record file. Set {@code -Dgdxrl.screenshots=DIR} to keep
 * the screenshots.
 */
class GenericViewRenderTest {
  private static final int TOL = 6;

  @TempDir Path dir;

  private GameProcess.Result run(String... args) throws Exception {
    return GameProcess.runMain(dir, GameProcess.classPath(), TestGames.class.getName(), args);
  }

  private static void keep(Path png, String name) throws Exception {
    String to = System.getProperty("gdxrl.screenshots");
    if (to != null) {
      Files.copy(png, Path.of(to).resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Pixels of any of the first {@code n} dynamic-body colours. */
  private static int dynamicPixels(BufferedImage img, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += Screenshots.countAll(img, Box2DView.dynamicColour(i), TOL);
    }
    return total;
  }

  @Test
  void aGameNobodyShipsIsDrawnFramedAndRecordsAndReplays() throws Exception {
    Path png = dir.resolve("ball.png");
    Path rec = dir.resolve("ball.jsonl");
    GameProcess.Result r = run("play", "--env", "ball", "--seed", "2", "--driver", "random",
        "--screenshot", png.toString(), "--frames", "30");
    assertThat(r.status()).as(r.output()).isZero();
    assertThat(r.output()).contains("drivers human, random");
    keep(png, "generic-view-ball.png");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1280);
    assertThat(Screenshots.countAll(img, Box2DView.BACKGROUND, TOL)).as("background")
        .isGreaterThan(300_000);
    // World 14.4 m x 5.5 m fitted into 1280 x 720: 88.9 px per metre, 115 px bars above and
    // below; the plane at y = 0 is 1.2 m above the frame's bottom: row 498; the walls at
    // x = +-6 m: columns 107 and 1173.
    assertThat(Screenshots.count(img, Box2DView.STATIC, 90, 300, 125, 480, TOL))
        .as("left wall").isGreaterThan(100);
    assertThat(Screenshots.count(img, Box2DView.STATIC, 1155, 300, 1190, 480, TOL))
        .as("right wall").isGreaterThan(100);
    assertThat(Screenshots.count(img, Box2DView.STATIC, 107, 490, 1173, 506, TOL))
        .as("the plane").isGreaterThan(2_000);
    // Ball (r = 36 px), crate and pendulum bob (53 px squares): the dynamic colours.
    assertThat(dynamicPixels(img, 6)).as("dynamic bodies").isGreaterThan(6_000);
    assertThat(Screenshots.countAll(img, Box2DView.JOINT, TOL)).as("the pendulum's joint")
        .isGreaterThan(20);
    assertThat(Screenshots.count(img, com.badlogic.gdx.graphics.Color.WHITE, 0, 0, 400, 90, 40))
        .as("HUD text").isGreaterThan(200);

    // Recorded episodes verify headless and play back in the window.
    GameProcess.Result played = run("play", "--env", "ball", "--seed", "5", "--driver", "random",
        "--speed", "fast", "--episodes", "2", "--record", rec.toString());
    assertThat(played.status()).as(played.output()).isZero();
    assertThat(played.output())
        .containsPattern("RESULT env=ball driver=random npcs=1 speed=fast episodes=2 ");
    assertThat(Files.readAllLines(rec)).hasSize(2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(new String[] {"replay", rec.toString(), "--verify"},
        new PrintWriter(out, true), new PrintWriter(err, true), TestGames.registry(),
        Map.of("DISPLAY", ":99"));
    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("mismatched=0");
    Path replayPng = dir.resolve("replay.png");
    GameProcess.Result replay = run("replay", rec.toString(), "--screenshot",
        replayPng.toString(), "--frames", "30");
    assertThat(replay.status()).as(replay.output()).isZero();
    assertThat(dynamicPixels(ImageIO.read(replayPng.toFile()), 6)).isGreaterThan(6_000);
  }

  @Test
  void theLanderThroughTheGenericView() throws Exception {
    Path png = dir.resolve("lander.png");
    GameProcess.Result r = run("play", "--env", "lunarlander", "--generic-view", "--driver",
        "heuristic", "--seed", "0", "--screenshot", png.toString(), "--frames", "90");
    assertThat(r.status()).as(r.output()).isZero();
    keep(png, "generic-view-lunarlander.png");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(Screenshots.countAll(img, Box2DView.BACKGROUND, TOL)).isGreaterThan(300_000);
    assertThat(Screenshots.countAll(img, LunarLanderView.SKY, TOL)).as("not the lander's view")
        .isZero();
    assertThat(Screenshots.countAll(img, Box2DView.STATIC, TOL)).as("the moon's edges")
        .isGreaterThan(1_000);
    assertThat(dynamicPixels(img, 4)).as("hull and legs").isGreaterThan(500);
    assertThat(Screenshots.countAll(img, Box2DView.JOINT, TOL)).as("the leg joints")
        .isGreaterThan(10);
  }

  @Test
  void aViewThatThrowsWhileDrawingEndsInOneLineAndLeavesNoRecord() throws Exception {
    Path rec = dir.resolve("throws.jsonl");
    GameProcess.Result r = run("play", "--env", "ball-throws", "--driver", "random",
        "--speed", "fast", "--record", rec.toString());
    assertThat(r.status()).as(r.output()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.output()).as("an episode was recorded before the throw")
        .contains("episode lane 0 seed 0:");
    assertThat(r.output().lines().filter(l -> l.startsWith("gdx-rl play: ")))
        .containsExactly("gdx-rl play: view dev.gdxrl.desktop.game.TestViewProviders$ThrowingView"
            + " failed in render(): IllegalStateException: boom after the first episode");
    assertThat(r.output()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    assertThat(rec).doesNotExist();
  }
}
