package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.desktop.game.arena.ArenaView;
import dev.gdxrl.desktop.game.box2d.RayDrawing;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --env arena} in a child JVM (under xvfb-run when there is no display): the shipped
 * demo's chaser against the scripted runner, with the chaser's rays drawn.
 */
class ArenaWatchTest {
  @TempDir Path dir;

  @Test
  void theShippedDemoChasesTheRunnerWithItsRaysDrawn() throws Exception {
    Path png = dir.resolve("arena.png");
    GameProcess.Result r = GameProcess.run(dir, "watch", "--env", "arena", "--seed", "4",
        "--screenshot", png.toString(), "--frames", "90");
    assertThat(r.status()).as(r.output()).isZero();
    assertThat(r.output()).containsPattern("RESULT env=arena driver=agent npcs=1 ");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(Screenshots.dominantShare(img)).as("not blank").isLessThan(0.8);
    assertThat(Screenshots.countAll(img, ArenaView.FLOOR, 4)).as("floor").isGreaterThan(100_000);
    assertThat(Screenshots.countAll(img, ArenaView.OBSTACLE, 6)).as("obstacles")
        .isGreaterThan(2_000);
    // Discs of 0.4 m at about 40 px per metre: some 800 px each.
    assertThat(Screenshots.countAll(img, ArenaView.CHASER, 10)).as("chaser").isGreaterThan(300);
    assertThat(Screenshots.countAll(img, ArenaView.RUNNER, 10)).as("runner").isGreaterThan(300);
    // Eight rays of up to 8 m, one pixel wide, in the colours of what they hit (or missed).
    int rays = Screenshots.countAll(img, RayDrawing.MISS, 6);
    for (com.badlogic.gdx.graphics.Color c : ArenaView.RAY_TAGS) {
      rays += Screenshots.countAll(img, c, 6);
    }
    assertThat(rays).as("ray pixels").isGreaterThan(300);
  }


  @Test
  void fourChasersShareOneArena() throws Exception {
    Path png = dir.resolve("arena4.png");
    GameProcess.Result r = GameProcess.run(dir, "watch", "--env", "arena", "--npcs", "4",
        "--seed", "2", "--screenshot", png.toString(), "--frames", "30");
    assertThat(r.status()).as(r.output()).isZero();
    assertThat(r.output()).containsPattern("RESULT env=arena driver=agent npcs=4 ");
    BufferedImage img = ImageIO.read(png.toFile());
    // One arena (not four lanes): the floor fills the window's height as with one chaser, and
    // four chaser discs are in it.
    assertThat(Screenshots.countAll(img, ArenaView.FLOOR, 4)).as("floor").isGreaterThan(100_000);
    assertThat(Screenshots.countAll(img, ArenaView.CHASER, 10)).as("chasers")
        .isGreaterThan(4 * 600);
    assertThat(Screenshots.countAll(img, ArenaView.RUNNER, 10)).as("runner").isGreaterThan(300);
  }

  @Test
  void playPutsThePersonAgainstTheShippedLearnedChasers() throws Exception {
    Path png = dir.resolve("play.png");
    GameProcess.Result r = GameProcess.run(dir, "play", "--env", "arena", "--screenshot",
        png.toString(), "--frames", "30");
    assertThat(r.status()).as(r.output()).isZero();
    // No --checkpoint and no --driver: the demo's chasers drive, the runner is the player's.
    assertThat(r.output()).containsPattern("RESULT env=arena driver=agent npcs=1 ");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(Screenshots.countAll(img, ArenaView.RUNNER, 10)).as("runner").isGreaterThan(300);
  }
}
