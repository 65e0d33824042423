package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every PG algo on the shipped games, with their own presets, for a few hundred steps. */
class PgBuiltinEnvsSmokeTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"reinforce,cartpole", "a2c,cartpole", "ppo,cartpole", "reinforce,lunarlander",
      "a2c,lunarlander", "ppo,lunarlander", "reinforce,lunarlander-continuous",
      "a2c,lunarlander-continuous", "ppo,lunarlander-continuous"})
  void trainsAFewHundredStepsAndWritesACheckpoint(String algo, String env) {
    // the presets' rollouts, shortened so that 320 steps hold updates
    Map<String, String> small = algo.equals("ppo")
        ? Map.of("n_steps", "20", "batch_size", "32", "n_epochs", "2", "eval_freq", "0",
            "final_eval_episodes", "1")
        : Map.of("n_steps", "5", "eval_freq", "0", "final_eval_episodes", "1");
    Path out = tmp.resolve(algo + "-" + env);
    Training t = new Training(EnvRegistry.discovered(), Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream()));
    TrainResult r = t.train(new TrainRequest(env, algo, 320L, 1, "cpu", null, small, out, null,
        false));
    assertThat(r.steps()).isEqualTo(320);
    assertThat(r.gradientSteps()).isPositive();
    assertThat(r.evalMean()).isFinite();
    assertThat(out.resolve(Checkpoints.AGENT_JSON)).exists();
  }
}
