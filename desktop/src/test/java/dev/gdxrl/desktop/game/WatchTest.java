package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watch in a child JVM (under xvfb-run when there is no display): a real rl-agent checkpoint found
 * through the ServiceLoader plug drives the lander and the HUD shows its Q-values; the same game
 * with rl-agent left off the classpath offers human, heuristic and random only.
 */
class WatchTest {
  @TempDir static Path dir;
  static Path checkpoint;

  @BeforeAll
  static void trainTinyLanderCheckpoint() {
    checkpoint = dir.resolve("lander-dqn");
    new Training(dev.gdxrl.registry.EnvRegistry.discovered(), Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .train(new TrainRequest("lunarlander", "dqn", 500L, 5, "cpu", null,
            Map.of("learning_starts", "100", "eval_freq", "0", "final_eval_episodes", "0"),
            checkpoint, null, false));
  }

  /** The test classpath without rl-agent (and without the stand-in provider of the tests). */
  private static String withoutRlAgent() {
    return Arrays.stream(GameProcess.classPath().split(File.pathSeparator))
        .filter(e -> !e.contains("rl-agent") && !e.contains("gdx-rl-agent")
            && !e.replace('\\', '/').endsWith("desktop/target/test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @Test
  void learnedAgentDrivesTheLanderAndTheHudShowsItsActionValues() throws Exception {
    Path png = dir.resolve("watch.png");
    GameProcess.Result r = GameProcess.run(dir, "watch", "--checkpoint", checkpoint.toString(),
        "--seed", "3", "--screenshot", png.toString(), "--frames", "300");
    assertThat(r.status()).as(r.output()).isZero();
    assertThat(r.output()).contains("drivers agent, human, heuristic, random");
    assertThat(r.output()).containsPattern("RESULT env=lunarlander driver=agent npcs=1 .*"
        + "decision_ms_per_tick=\\d");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1280);
    assertThat(Screenshots.dominantShare(img)).as("not blank").isLessThan(0.7);
    assertThat(Screenshots.count(img, LunarLanderView.MOON, 0, 360, 1280, 720, 6))
        .as("terrain").isGreaterThan(5000);
    assertThat(Screenshots.count(img, LunarLanderView.PAD, 540, 530, 740, 550, 6))
        .as("helipad").isGreaterThan(100);
    // (The lander itself is not asserted: a 500-step checkpoint may well fly it off the screen.)
    // HUD: the text panel top left has white text, the insight panel top right has the bars.
    assertThat(Screenshots.count(img, com.badlogic.gdx.graphics.Color.WHITE, 0, 0, 400, 90, 40))
        .as("HUD text").isGreaterThan(200);
    int bars = Screenshots.count(img, Hud.BAR, 850, 0, 1280, 110, 12);
    int chosen = Screenshots.count(img, Hud.BAR_CHOSEN, 850, 0, 1280, 110, 12);
    assertThat(chosen).as("the chosen action's bar").isGreaterThan(30);
    assertThat(bars + chosen).as("Q-value bars").isGreaterThan(60);
  }

  @Test
  void manyNpcsFastWithAStandInProviderShowTheGaussianAndStopAfterTheEpisodes() throws Exception {
    Path fake = FakeControllerProvider.write(dir.resolve("fake-cont"), "lunarlander-continuous");
    Path png = dir.resolve("npcs.png");
    GameProcess.Result r = GameProcess.run(dir, "watch", "--checkpoint", fake.toString(),
        "--npcs", "6", "--speed", "fast", "--episodes", "4", "--screenshot", png.toString(),
        "--frames", "100000");
    assertThat(r.status()).as(r.output()).isZero();
    assertThat(r.output()).containsPattern("RESULT env=lunarlander-continuous driver=agent npcs=6"
        + " speed=fast episodes=[4-9]");
    // the screenshot is only taken after --frames; the episode limit ended the run first
    assertThat(png).doesNotExist();
  }

  @Test
  void withoutRlAgentTheGameOffersHumanHeuristicAndRandomOnly() throws Exception {
    String cp = withoutRlAgent();
    assertThat(cp).doesNotContain("rl-agent");
    GameProcess.Result watch = GameProcess.runWith(dir, cp, "watch", "--checkpoint",
        checkpoint.toString());
    assertThat(watch.status()).as(watch.output()).isEqualTo(2);
    assertThat(watch.output().strip().lines()).hasSize(1);
    assertThat(watch.output()).contains("no controller provider");

    Path png = dir.resolve("plain.png");
    GameProcess.Result play = GameProcess.runWith(dir, cp, "play", "--env", "lunarlander",
        "--driver", "heuristic", "--screenshot", png.toString(), "--frames", "3");
    assertThat(play.status()).as(play.output()).isZero();
    assertThat(play.output()).contains("drivers human, heuristic, random");
  }
}
