package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.io.AgentLoader;
import dev.gdxrl.agent.io.CheckpointMeta;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy-gradient algorithms through the shared training facade, on tiny envs. */
class PgTrainingTest {
  private static final EnvRegistry REGISTRY = TestEnvs.registry();

  @TempDir
  Path tmp;

  private static Training training() {
    return new Training(REGISTRY, Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream()));
  }

  private static TrainRequest request(String env, String algo, long steps, long seed, Path out,
      Map<String, String> overrides) {
    return new TrainRequest(env, algo, steps, seed, "cpu", null, overrides, out, null, false);
  }

  /** Small rollouts so that a few hundred steps hold several updates. */
  private static Map<String, String> small(String algo) {
    return switch (algo) {
      case "ppo" -> Map.of("n_envs", "4", "n_steps", "16", "batch_size", "32", "n_epochs", "2",
          "eval_freq", "0", "final_eval_episodes", "2");
      case "a2c" -> Map.of("n_envs", "4", "n_steps", "5", "eval_freq", "0",
          "final_eval_episodes", "2");
      default -> Map.of("n_envs", "4", "n_steps", "25", "eval_freq", "0",
          "final_eval_episodes", "2");
    };
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"reinforce,sign", "a2c,sign", "ppo,sign", "reinforce,point", "a2c,point",
      "ppo,point"})
  void smokeRunWritesACheckpointThatLoadsAndActsTheSame(String algo, String env) throws Exception {
    Path out = tmp.resolve(algo + "-" + env);
    TrainResult r = training().train(request(env, algo, 400, 3, out, small(algo)));
    assertThat(r.steps()).isEqualTo(400);
    assertThat(r.gradientSteps()).isGreaterThan(0);
    assertThat(out.resolve(OnPolicyLearner.PARAMS_FILE)).exists();
    assertThat(out.resolve(Checkpoints.CURVE_PNG)).exists();
    CheckpointMeta meta = Checkpoints.readMeta(out);
    assertThat(meta.algo()).isEqualTo(algo);
    assertThat(meta.normalization()).containsKeys("mean", "var", "count");

    // Round trip: the loaded agent acts like a second load and like the training run's
    // evaluation (same deterministic policy), and resumes its counters.
    AgentLoader.Loaded a = AgentLoader.load(out, REGISTRY, Algorithms.builtin(), Device.cpu());
    AgentLoader.Loaded b = AgentLoader.load(out, REGISTRY, Algorithms.builtin(), Device.cpu());
    try (Agent<?> x = a.agent(); Agent<?> y = b.agent()) {
      assertThat(x.gradientSteps()).isEqualTo(r.gradientSteps());
      SplittableRandom rng = new SplittableRandom(5);
      for (int i = 0; i < 50; i++) {
        float[] obs = {(float) (rng.nextDouble() * 2 - 1)};
        Object ax = x.actGreedy(obs);
        Object ay = y.actGreedy(obs);
        if (ax instanceof float[] fx) {
          assertThat(fx).containsExactly((float[]) ay);
          assertThat(fx[0]).isBetween(-1f, 1f);
        } else {
          assertThat(ax).isEqualTo(ay);
        }
      }
    }
    double mean = training().evaluate(out, 5, 9).mean();
    assertThat(mean).isFinite();
  }

  @Test
  void loadedPolicyMatchesTheTrainedOneExactly() throws Exception {
    Path out = tmp.resolve("rt");
    training().train(request(TestEnvs.POINT, "ppo", 640, 4, out, small("ppo")));
    byte[] params = Files.readAllBytes(out.resolve(OnPolicyLearner.PARAMS_FILE));
    AgentLoader.Loaded l = AgentLoader.load(out, REGISTRY, Algorithms.builtin(), Device.cpu());
    try (Agent<?> agent = l.agent()) {
      OnPolicyLearner<?> pg = (OnPolicyLearner<?>) agent;
      // host copy of the loaded parameters equals the file's content: save again and compare
      Path again = tmp.resolve("again");
      Files.createDirectories(again);
      pg.save(again);
      assertThat(Files.readAllBytes(again.resolve(OnPolicyLearner.PARAMS_FILE)))
          .isEqualTo(params);
      // the policy view (used by the game) agrees with actGreedy and exposes mean, std and V
      PgPolicy policy = pg.policy();
      float[] obs = {0.7f};
      float[] a = (float[]) policy.act(obs);
      assertThat(a).containsExactly((float[]) agent.actGreedy(obs));
      assertThat(policy.std()[0]).isPositive();
      assertThat(policy.value()).isFinite();
      assertThat(l.meta().normalization().get("count")).isInstanceOf(Number.class);
    }
  }

  @Test
  void learnedPolicyExposesTheDistributionAndValueForAHud() throws Exception {
    Path sign = tmp.resolve("hud-sign");
    training().train(request(TestEnvs.SIGN, "a2c", 400, 2, sign, small("a2c")));
    try (LearnedPolicy<?> p = LearnedPolicy.load(sign, REGISTRY, Algorithms.builtin())) {
      assertThat(p.hasDistribution()).isTrue();
      assertThat(p.normalizesInternally()).isTrue();
      assertThat(p.actions()).isEqualTo(2);
      float[] probs = new float[2];
      float v = p.distribution(new float[] {1f}, probs);
      assertThat(v).isFinite();
      assertThat(probs[0] + probs[1]).isCloseTo(1f, within(1e-5f));
      assertThat(p.act(new float[] {1f})).isEqualTo(probs[1] > probs[0] ? 1 : 0);
    }
    Path point = tmp.resolve("hud-point");
    training().train(request(TestEnvs.POINT, "ppo", 400, 2, point, small("ppo")));
    try (LearnedPolicy<?> p = LearnedPolicy.load(point, REGISTRY, Algorithms.builtin())) {
      float[] mean = new float[1];
      p.distribution(new float[] {0.01f}, mean);
      float[] a = (float[]) p.act(new float[] {0.01f});
      assertThat(a[0]).isEqualTo(Math.max(-1f, Math.min(1f, mean[0])));
      assertThat(p.std(new float[1])[0]).isCloseTo(1f, within(0.2f)); // log-std starts at 0
    }
  }

  @Test
  void sameSeedGivesTheSameRunWhateverTheThreadCount() throws Exception {
    Map<String, String> one = small("ppo");
    Map<String, String> two = new java.util.HashMap<>(one);
    two.put("threads", "2");
    training().train(request(TestEnvs.SIGN, "ppo", 512, 7, tmp.resolve("a"), one));
    training().train(request(TestEnvs.SIGN, "ppo", 512, 7, tmp.resolve("b"), one));
    training().train(request(TestEnvs.SIGN, "ppo", 512, 7, tmp.resolve("c"), two));
    training().train(request(TestEnvs.SIGN, "ppo", 512, 8, tmp.resolve("d"), one));
    byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(OnPolicyLearner.PARAMS_FILE));
    assertThat(Files.readAllBytes(tmp.resolve("b").resolve(OnPolicyLearner.PARAMS_FILE)))
        .isEqualTo(a);
    assertThat(Files.readAllBytes(tmp.resolve("c").resolve(OnPolicyLearner.PARAMS_FILE)))
        .isEqualTo(a);
    assertThat(Files.readAllBytes(tmp.resolve("d").resolve(OnPolicyLearner.PARAMS_FILE)))
        .isNotEqualTo(a);
  }

  @Test
  void ppoLearnsTheSignGameAndThePointGame() {
    // Discrete: the optimum is 20 per episode, a random policy gets 10.
    Map<String, String> cfg = Map.of("n_envs", "8", "n_steps", "32", "batch_size", "64",
        "n_epochs", "4", "learning_rate", "3e-3", "eval_freq", "0", "final_eval_episodes", "20");
    TrainResult sign = training().train(request(TestEnvs.SIGN, "ppo", 6_000, 1,
        tmp.resolve("sign"), cfg));
    assertThat(sign.evalMean()).isGreaterThanOrEqualTo(19.5);
    // Continuous: heading for the origin at full speed returns about -0.5 (random: below -5).
    TrainResult point = training().train(request(TestEnvs.POINT, "ppo", 20_000, 1,
        tmp.resolve("point"), cfg));
    assertThat(point.evalMean()).isGreaterThan(-1.0);
  }

  @Test
  void a2cAndReinforceLearnTheSignGame() {
    TrainResult a2c = training().train(request(TestEnvs.SIGN, "a2c", 8_000, 1,
        tmp.resolve("a2c"), Map.of("learning_rate", "3e-3", "eval_freq", "0")));
    assertThat(a2c.evalMean()).isGreaterThanOrEqualTo(19.5);
    TrainResult re = training().train(request(TestEnvs.SIGN, "reinforce", 8_000, 1,
        tmp.resolve("re"), Map.of("n_steps", "50", "learning_rate", "1e-2", "eval_freq", "0")));
    assertThat(re.evalMean()).isGreaterThanOrEqualTo(19.5);
  }

  @Test
  void resumeContinuesCountersAndStatistics() throws Exception {
    Path out = tmp.resolve("resume");
    TrainResult first = training().train(request(TestEnvs.POINT, "a2c", 400, 6, out,
        small("a2c")));
    double count = ((Number) Checkpoints.readMeta(out).normalization().get("count"))
        .doubleValue();
    TrainResult second = training().train(new TrainRequest(TestEnvs.POINT, "a2c", 800L, 6,
        "cpu", null, small("a2c"), out, out, false));
    assertThat(second.steps()).isEqualTo(800);
    assertThat(second.gradientSteps()).isEqualTo(2 * first.gradientSteps());
    CheckpointMeta meta = Checkpoints.readMeta(out);
    assertThat(meta.envSteps()).isEqualTo(800);
    // the statistics went on from the saved ones: 400 more observations
    assertThat(count).isCloseTo(400, within(0.01));
    assertThat(((Number) meta.normalization().get("count")).doubleValue())
        .isCloseTo(count + 400, within(1e-6));
  }

  @Test
  void badHyperparametersAreOneLineErrors() {
    for (Map<String, String> bad : new Map[] {Map.of("n_steps", "0"), Map.of("gamma", "1.5"),
        Map.of("clip_range", "-0.1"), Map.of("optimizer", "sgd"),
        Map.of("batch_size", "100000")}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> training().train(
          request(TestEnvs.SIGN, "ppo", 100, 1, tmp.resolve("bad"), bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("\n");
    }
    assertThat(Files.exists(tmp.resolve("bad"))).isFalse();
  }
}
