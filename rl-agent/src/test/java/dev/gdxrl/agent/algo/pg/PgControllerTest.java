package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.agent.play.LearnedControllerProvider;
import dev.gdxrl.control.Controller;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Envs;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PG checkpoint as the game's controller: raw observations in, normalised exactly once. */
class PgControllerTest {
  @TempDir
  Path tmp;

  @Test
  void controllerActsLikeTheLearnedPolicyOnRawObservations() {
    Path out = tmp.resolve("cp-ppo");
    new Training(EnvRegistry.discovered(), Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream())).train(new TrainRequest("cartpole", "ppo",
        2048L, 1, "cpu", null, Map.of("normalize_observations", "true", "eval_freq", "0",
        "final_eval_episodes", "0"), out, null, false));
    try (Env<float[], Integer> env = Envs.asDiscrete(EnvRegistry.discovered().make("cartpole"));
        LearnedPolicy<?> reference = LearnedPolicy.load(out)) {
      Controller<Integer> c = new LearnedControllerProvider().open(out, env);
      float[] obs = env.reset(3);
      for (int t = 0; t < 200; t++) {
        int a = c.decide(obs);
        assertThat(a).isEqualTo(reference.act(obs));
        Step<float[]> s = env.step(a);
        obs = s.done() ? env.reset(4 + t) : s.observation();
      }
    }
  }
}
