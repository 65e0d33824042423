package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.desktop.cli.Main;
import dev.gdxrl.desktop.game.box2d.Box2DView;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.Step;
import dev.gdxrl.example.reach.ReachTargetEnv;
import dev.gdxrl.example.reach.ReachTogether;
import dev.gdxrl.npc.SceneEnv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's guide "Add a learned NPC to your own libGDX game", step by step, on its game
 * ({@code dev.gdxrl.example.reach}, found only through its {@code EnvProvider} in the test
 * resources' {@code META-INF/services}): check, a short train, eval, the NPC driven from the
 * game's own loop, one rendered frame of the generic view; and the README shows the game's code
 * exactly as it is here.
 */
class GuideTest {
  private static final Path GAME = Path.of("src/test/java/dev/gdxrl/example/reach");

  @TempDir Path dir;

  record Run(int status, String out, String err) {
    String result(String key) {
      Matcher m = Pattern.compile("RESULT .*\\b" + key + "=(\\S+)").matcher(out);
      assertThat(m.find()).as("RESULT with " + key + " in:\n" + out + err).isTrue();
      return m.group(1);
    }
  }

  /** The command line as the launcher runs it: the envs are discovered, nothing is passed in. */
  private static Run gdxRl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      status = Main.execute(args, o, e, Map.of());
    }
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void theGuidesStepsWorkEndToEnd() throws Exception {
    // check-env
    for (String id : List.of("reach-target", "reach-target-continuous")) {
      Run check = gdxRl("check-env", "--env", id);
      assertThat(check.status()).as(check.out() + check.err()).isZero();
      assertThat(check.out().strip()).isEqualTo("PASS " + id);
    }
    // train (a short run), then eval repeats its figures from the checkpoint
    Path ckpt = dir.resolve("reach-ppo");
    Run train = gdxRl("train", "--env", "reach-target", "--algo", "ppo", "--steps", "8000",
        "--seed", "3", "--set", "n_envs=4", "--set", "n_steps=128", "--set", "n_epochs=4",
        "--set", "learning_rate=1e-3", "--set", "eval_freq=0", "--set", "final_eval_episodes=10",
        "--out", ckpt.toString(), "--no-progress");
    assertThat(train.status()).as(train.err()).isZero();
    Run eval = gdxRl("eval", "--checkpoint", ckpt.toString(), "--seed", "3", "--episodes", "10");
    assertThat(eval.status()).as(eval.err()).isZero();
    assertThat(Double.parseDouble(eval.result("eval_mean")))
        .isCloseTo(Double.parseDouble(train.result("eval_mean")),
            org.assertj.core.data.Offset.offset(0.05));

    // the NPC in the game's own loop: no registry, no wrapper, the game's env as it is
    double learned = 0;
    double random = 0;
    try (ReachTargetEnv env = new ReachTargetEnv()) {
      // rl-agent's provider (these tests also put a stand-in provider on the class path)
      ControllerProvider rlAgent = ControllerProvider.available().stream()
          .filter(p -> p.name().equals("learned")).findFirst().orElseThrow();
      Controller<Integer> npc = rlAgent.open(ckpt, env);
      SplittableRandom rng = new SplittableRandom(1);
      for (int episode = 0; episode < 10; episode++) {
        learned += play(env, 100 + episode, npc::decide);
        random += play(env, 100 + episode, obs -> rng.nextInt(5));
      }
    }
    assertThat(learned / 10).as("learned NPC vs random, mean return over 10 episodes")
        .isGreaterThan(random / 10 + 5);

    // watch: one frame of the generic Box2D view (child JVM, under xvfb-run without a display)
    Path png = dir.resolve("watch.png");
    GameProcess.Result watch = GameProcess.run(dir, "watch", "--checkpoint", ckpt.toString(),
        "--screenshot", png.toString(), "--frames", "10");
    assertThat(watch.status()).as(watch.output()).isZero();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(Screenshots.countAll(img, Box2DView.STATIC, 6)).as("walls and target")
        .isGreaterThan(2_000);
    assertThat(Screenshots.countAll(img, Box2DView.dynamicColour(0), 6)).as("the ball")
        .isGreaterThan(500);
  }

  /** The guide's toolkit step: two balls on one table share one policy, trained and played. */
  @Test
  void theToolkitVersionTrainsTwoNpcsSharingOnePolicyInOneWorld() throws Exception {
    Run check = gdxRl("check-env", "--env", "reach-together");
    assertThat(check.out().strip()).as(check.err()).isEqualTo("PASS reach-together");
    Path ckpt = dir.resolve("together-ppo");
    Run train = gdxRl("train", "--env", "reach-together", "--algo", "ppo", "--npcs", "2",
        "--steps", "16000", "--seed", "3", "--set", "n_envs=4", "--set", "n_steps=128",
        "--set", "n_epochs=4", "--set", "learning_rate=1e-3", "--set", "eval_freq=0",
        "--set", "final_eval_episodes=5", "--out", ckpt.toString(), "--no-progress");
    assertThat(train.status()).as(train.err()).isZero();

    // Into the game: one learned controller drives both balls of one world, one batched
    // decision per tick; against random pushes on the same rounds.
    double learned = 0;
    double random = 0;
    try (SceneEnv<Integer> env = new SceneEnv<>(ReachTogether::new);
        ReachTogether table = new ReachTogether(2)) {
      ControllerProvider rlAgent = ControllerProvider.available().stream()
          .filter(p -> p.name().equals("learned")).findFirst().orElseThrow();
      Controller<Integer> npcs = rlAgent.open(ckpt, env);
      SplittableRandom rng = new SplittableRandom(1);
      for (int round = 0; round < 10; round++) {
        learned += playRound(table, 200 + round, npcs::decideAll);
        random += playRound(table, 200 + round, (obs, out) -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextInt(5);
          }
        });
      }
    }
    assertThat(learned / 10).as("two learned NPCs vs random, mean return per NPC and round")
        .isGreaterThan(random / 10 + 2);
  }

  private static double playRound(ReachTogether table, long seed,
      java.util.function.BiConsumer<float[][], Integer[]> drive) {
    float[][] obs = table.reset(seed);
    Integer[] actions = new Integer[table.agents()];
    double ret = 0;
    while (true) {
      drive.accept(obs, actions);
      MultiAgentEnv.Result r = table.step(actions);
      for (double x : r.rewards()) {
        ret += x / table.agents();
      }
      if (r.done()) {
        return ret;
      }
      obs = r.observations();
    }
  }

  private static double play(ReachTargetEnv env, long seed,
      java.util.function.Function<float[], Integer> driver) {
    float[] obs = env.reset(seed);
    double ret = 0;
    for (int t = 0; t < ReachTargetEnv.SPEC.maxEpisodeSteps(); t++) {
      Step<float[]> step = env.step(driver.apply(obs));
      ret += step.reward();
      obs = step.observation();
      if (step.terminated()) {
        break;
      }
    }
    return ret;
  }

  /** Every {@code // desktop/src/test/java/...} block of README.md is that file, verbatim. */
  @Test
  void theReadmeShowsTheGuidesCodeAsItIs() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("```java\n// (desktop/src/test/java/dev/gdxrl/example/\\S+)\n"
        + "(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> shown = new ArrayList<>();
    while (m.find()) {
      Path file = Path.of("..", m.group(1));
      assertThat(m.group(2)).as(m.group(1)).isEqualTo(Files.readString(file));
      shown.add(file.getFileName().toString());
    }
    try (var files = Files.list(GAME)) {
      assertThat(shown).as("every file of the guide's game is in the README")
          .containsExactlyInAnyOrderElementsOf(
              files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
