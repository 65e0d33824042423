package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.desktop.game.cartpole.CartPoleView;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code play --screenshot} in a child JVM (under xvfb-run when there is no display) and
 * checks that the PNG shows the game: many colours, and the game's objects where they must be.
 */
class RenderedGameTest {
  private static final int W = 1280;
  private static final int H = 720;
  private static final int TOL = 6;

  @TempDir Path dir;

  @Test
  void cartPoleScreenshotShowsTrackCartAndUprightPole() throws Exception {
    Path png = dir.resolve("cartpole.png");
    GameProcess.Result r = GameProcess.run(dir, "play", "--env", "cartpole", "--driver",
        "heuristic", "--seed", "0", "--screenshot", png.toString(), "--frames", "90");
    assertThat(r.status()).as(r.output()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("PNG readable").isNotNull();
    assertThat(img.getWidth()).isEqualTo(W);
    assertThat(img.getHeight()).isEqualTo(H);
    assertThat(Screenshots.dominantShare(img)).as("not a single colour").isLessThan(0.9);
    assertThat(Screenshots.distinctColours(img, 200)).as("several colours").isGreaterThanOrEqualTo(5);

    // World: x in [-3.2, 3.2], y in [-1.0, 2.6] fills 1280 x 720, so 200 px per metre and the
    // cart's centre (x ~ 0, y = 0) is near pixel (640, 520). The heuristic keeps it near x = 0.
    assertThat(Screenshots.count(img, CartPoleView.SKY, 1100, 100, 1270, 300, TOL))
        .as("sky top right").isGreaterThan(30_000);
    assertThat(Screenshots.count(img, CartPoleView.CART, 540, 495, 740, 545, TOL))
        .as("cart body around the centre").isGreaterThan(2_500);
    assertThat(Screenshots.count(img, CartPoleView.POLE, 580, 330, 700, 470, TOL))
        .as("pole standing above the cart").isGreaterThan(1_500);
    assertThat(Screenshots.count(img, CartPoleView.POLE, 0, 535, W, H, TOL))
        .as("no pole below the pivot").isZero();
    // The track limits at x = -2.4 and +2.4 m: pixels 160 and 1120.
    assertThat(Screenshots.count(img, CartPoleView.LIMIT, 150, 540, 170, 600, TOL)).isGreaterThan(50);
    assertThat(Screenshots.count(img, CartPoleView.LIMIT, 1110, 540, 1130, 600, TOL)).isGreaterThan(50);
    // HUD: white text on a dark panel top left.
    assertThat(Screenshots.count(img, com.badlogic.gdx.graphics.Color.WHITE, 0, 0, 300, 60, 40))
        .as("HUD text").isGreaterThan(100);
  }

  @Test
  void lunarLanderScreenshotShowsSkyMoonPadFlagsHullAndExhaust() throws Exception {
    Path png = dir.resolve("lunarlander.png");
    GameProcess.Result r = GameProcess.run(dir, "play", "--env", "lunarlander", "--driver",
        "heuristic", "--seed", "0", "--screenshot", png.toString(), "--frames", "90");
    assertThat(r.status()).as(r.output()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(W);
    assertThat(img.getHeight()).isEqualTo(H);
    assertThat(Screenshots.dominantShare(img)).as("not a single colour").isLessThan(0.7);
    assertThat(Screenshots.distinctColours(img, 200)).as("several colours").isGreaterThanOrEqualTo(6);

    // World 20 m x 13.33 m fitted into 1280 x 720: 54 px per metre, 100 px bars left and right.
    // The helipad spans x = 8..12 m (pixels 532..748) at y = H/4 (row 540); flags 50 px tall.
    assertThat(Screenshots.count(img, LunarLanderView.SPACE, 0, 200, 95, 600, TOL))
        .as("letterbox bar").isGreaterThan(30_000);
    assertThat(Screenshots.count(img, LunarLanderView.SKY, 1000, 120, 1170, 330, TOL))
        .as("sky top right").isGreaterThan(30_000);
    assertThat(Screenshots.count(img, LunarLanderView.MOON, 540, 560, 740, 680, TOL))
        .as("moon below the pad").isGreaterThan(20_000);
    assertThat(Screenshots.count(img, LunarLanderView.PAD, 540, 535, 740, 546, TOL))
        .as("helipad line").isGreaterThan(400);
    assertThat(Screenshots.count(img, LunarLanderView.FLAG, 528, 445, 585, 472, TOL))
        .as("left flag").isGreaterThan(80);
    assertThat(Screenshots.count(img, LunarLanderView.FLAG, 744, 445, 800, 472, TOL))
        .as("right flag").isGreaterThan(80);
    assertThat(Screenshots.count(img, LunarLanderView.HULL, 100, 0, 1180, 540, TOL))
        .as("hull above the pad").isGreaterThan(1_000);
    // Exhaust: the heuristic fires its main engine while descending; particles are warm colours.
    Screenshots.RgbTest exhaust = (red, green, blue) -> red > green + 30 && red > blue + 60;
    int warm = Screenshots.countWhere(img, 100, 100, 1180, 720, exhaust)
        - Screenshots.countWhere(img, 528, 445, 585, 472, exhaust)
        - Screenshots.countWhere(img, 744, 445, 800, 472, exhaust);
    assertThat(warm).as("exhaust particles").isGreaterThan(200);
  }
}
