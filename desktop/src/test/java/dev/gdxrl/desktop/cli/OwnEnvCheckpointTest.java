package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game gdx-rl does not ship, in the registry handed to {@code Main.execute}: {@code train}
 * writes its checkpoint, {@code eval --checkpoint} opens it against that registry and, with the
 * run's seed and final episode count, repeats the run's eval_mean and eval_std exactly.
 */
class OwnEnvCheckpointTest {
  @TempDir Path dir;

  /** A point on a line moving to a target with 3 actions (left, stay, right); 40 steps. */
  static final class ReachTarget implements Env<float[], Integer> {
    static final EnvSpec SPEC = new EnvSpec("reach-target", 40, 0);
    private float x;
    private float target;

    @Override
    public float[] reset(long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      x = (float) (rng.nextDouble() * 2 - 1);
      target = (float) (rng.nextDouble() * 2 - 1);
      return new float[] {x, target};
    }

    @Override
    public Step<float[]> step(Integer action) {
      x = Math.max(-1f, Math.min(1f, x + 0.1f * (action - 1)));
      float d = Math.abs(x - target);
      return Step.of(new float[] {x, target}, -d, d < 0.05f, false);
    }

    @Override
    public Space<float[]> observationSpace() {
      return Box.uniform(2, -1, 1);
    }

    @Override
    public Space<Integer> actionSpace() {
      return new Discrete(3);
    }

    @Override
    public EnvSpec spec() {
      return SPEC;
    }

    @Override
    public void close() {}
  }

  static EnvRegistry registry() {
    return new EnvRegistry().register(new EnvRegistry.Entry(ReachTarget.SPEC, ReachTarget::new,
        null, "move to the target"));
  }

  @Test
  void evalOfTheCheckpointRepeatsTheRunsFinalEvaluation() throws Exception {
    for (String algo : new String[] {"dqn", "ppo"}) {
      Path out = dir.resolve(algo);
      CliRunner.Run train = CliRunner.run(registry(), Map.of(), "train", "--env", "reach-target",
          "--algo", algo, "--steps", "512", "--seed", "4", "--out", out.toString(),
          "--no-progress", "--set", "eval_freq=0", "--set", "final_eval_episodes=9",
          "--set", algo.equals("ppo") ? "n_steps=64" : "learning_starts=100");
      assertThat(train.status()).as(train.err()).isZero();
      Map<String, String> t = train.result();
      assertThat(t).containsEntry("episodes", "9");
      assertThat(Files.isRegularFile(out.resolve("agent.json"))).isTrue();

      CliRunner.Run eval = CliRunner.run(registry(), Map.of(), "eval", "--checkpoint",
          out.toString(), "--seed", "4", "--episodes", "9");
      assertThat(eval.status()).as(eval.err()).isZero();
      Map<String, String> e = eval.result();
      assertThat(e).containsEntry("env", "reach-target").containsEntry("episodes", "9")
          .containsKeys("eval_mean", "eval_std");
      // train prints one decimal, eval two: the same double behind both
      double mean = Double.parseDouble(e.get("eval_mean"));
      assertThat(String.format(java.util.Locale.ROOT, "%.1f", mean)).as(algo)
          .isEqualTo(t.get("eval_mean"));
      double std = Double.parseDouble(e.get("eval_std"));
      assertThat(String.format(java.util.Locale.ROOT, "%.1f", std)).as(algo)
          .isEqualTo(t.get("eval_std"));

      CliRunner.Run other = CliRunner.run(registry(), Map.of(), "eval", "--checkpoint",
          out.toString(), "--seed", "5", "--episodes", "9");
      assertThat(other.result().get("eval_mean")).as("another seed, other episodes")
          .isNotEqualTo(e.get("eval_mean"));
    }
  }

  @Test
  void watchRejectsABadActingModeInOneLine() {
    CliRunner.Run run = CliRunner.run(registry(), Map.of(), "watch", "--checkpoint",
        dir.toString(), "--act", "softmax=-1");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--act 'softmax=-1': softmax temperature must be > 0");
  }
}
