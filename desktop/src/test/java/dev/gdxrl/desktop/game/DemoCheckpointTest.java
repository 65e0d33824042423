package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.desktop.game.lunarlander.LunarLanderView;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretrained demos shipped in assets/demos: they exist for every game, open through the
 * ServiceLoader plug, replay exactly, and the lander demo flies in the rendered game with its HUD.
 */
class DemoCheckpointTest {
  @TempDir Path dir;

  static Path demo(String envId) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("assets/demos"))) {
      p = p.getParent();
    }
    assertThat(p).as("assets/demos above " + Path.of("").toAbsolutePath()).isNotNull();
    return p.resolve("assets/demos").resolve(envId);
  }

  @Test
  void everyGameHasADemoCheckpoint() {
    for (String id : List.of("cartpole", "lunarlander", "lunarlander-continuous", "arena")) {
      assertThat(demo(id).resolve("agent.json")).as(id).isRegularFile();
      assertThat(demo(id).resolve("TRAINED_WITH.md")).as(id).isRegularFile();
    }
  }

  /**
   * The demos carry the checksums of their files (agent.json regenerated when checksums came in)
   * and verify; their parameters are the ones they were trained to, byte for byte.
   */
  @Test
  void demoCheckpointsVerifyAndKeepTheirTrainedParameters() throws Exception {
    Map<String, String> md5 = Map.of("cartpole", "fe189a2145ced4e3c4ab07523bf6b7e7",
        "lunarlander", "5e3087fcbcf8336d7d0f5c65994577b5",
        "lunarlander-continuous", "8ca5975562ba0b6e6923627925a3a76d",
        "arena", "a06bf91983dd029c7dade1b7c1cc0bfa");
    for (Map.Entry<String, String> e : md5.entrySet()) {
      Path d = demo(e.getKey());
      assertThat(Files.readString(d.resolve("agent.json"))).as(e.getKey())
          .contains("\"actor_critic.params\" : {").contains("\"agent_json_crc32c\"");
      assertThat(Checkpoints.readMeta(d).envId()).isEqualTo(e.getKey());
      byte[] digest = MessageDigest.getInstance("MD5")
          .digest(Files.readAllBytes(d.resolve("actor_critic.params")));
      assertThat(HexFormat.of().formatHex(digest)).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void landerDemoEvaluationRecordsEpisodesThatReplayToTheSameReturns() throws Exception {
    Path rec = dir.resolve("demo.jsonl");
    GameProcess.Result eval = GameProcess.run(dir, "eval", "--checkpoint",
        demo("lunarlander").toString(), "--episodes", "3", "--seed", "40", "--record",
        rec.toString());
    assertThat(eval.status()).as(eval.output()).isZero();
    double mean = number(eval.output(), "eval_mean");
    assertThat(mean).as("a trained lander lands").isGreaterThan(100);
    GameProcess.Result replay = GameProcess.run(dir, "replay", rec.toString(), "--verify");
    assertThat(replay.status()).as(replay.output()).isZero();
    assertThat(replay.output()).contains("matched=3", "mismatched=0");
  }

  @Test
  void watchingTheLanderDemoShowsLanderTerrainPadAndTheAgentsHud() throws Exception {
    Path png = dir.resolve("watch-demo.png");
    GameProcess.Result r = GameProcess.run(dir, "watch", "--env", "lunarlander", "--seed", "0",
        "--screenshot", png.toString(), "--frames", "300");
    assertThat(r.status()).as(r.output()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(Screenshots.dominantShare(img)).as("not blank").isLessThan(0.7);
    assertThat(Screenshots.count(img, LunarLanderView.MOON, 0, 360, 1280, 720, 6))
        .as("terrain").isGreaterThan(5000);
    assertThat(Screenshots.count(img, LunarLanderView.PAD, 540, 530, 740, 550, 6))
        .as("helipad").isGreaterThan(100);
    assertThat(Screenshots.countAll(img, LunarLanderView.HULL, 6)).as("lander hull")
        .isGreaterThan(300);
    assertThat(Screenshots.count(img, com.badlogic.gdx.graphics.Color.WHITE, 0, 0, 400, 90, 40))
        .as("HUD text").isGreaterThan(200);
    int bars = Screenshots.count(img, Hud.BAR, 850, 0, 1280, 130, 12);
    int chosen = Screenshots.count(img, Hud.BAR_CHOSEN, 850, 0, 1280, 130, 12);
    assertThat(chosen + bars).as("the agent's action bars in the HUD").isGreaterThan(60);
  }

  private static double number(String output, String key) {
    Matcher m = Pattern.compile(key + "=(-?[0-9.]+)").matcher(output);
    assertThat(m.find()).as(key + " in " + output).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
