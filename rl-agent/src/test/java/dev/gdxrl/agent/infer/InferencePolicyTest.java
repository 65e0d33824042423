package dev.gdxrl.agent.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.ActorCriticAgent;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.ValueAgent;
import dev.gdxrl.agent.io.AgentLoader;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.agent.testenv.ReachTargetEnv;
import dev.gdxrl.agent.train.Evaluator;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.control.Insight;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of an env gdx-rl does not ship (reach-target, in a registry without any shipped
 * game) load against the env in hand, act like the training agent's {@code actGreedy} bit for
 * bit, act in the seeded modes, and evaluate to the training run's own figures.
 */
class InferencePolicyTest {
  static final EnvRegistry REGISTRY = ReachTargetEnv.registry();
  static final String D = ReachTargetEnv.DISCRETE_ID;
  static final String C = ReachTargetEnv.CONTINUOUS_ID;
  @TempDir static Path tmp;
  static final Map<String, Path> RUNS = new HashMap<>();
  static final Map<String, TrainResult> RESULTS = new HashMap<>();

  @BeforeAll
  static void trainEveryAlgorithmBriefly() {
    run("qtable", D, 600, Map.of());
    run("dqn", D, 400, Map.of("learning_starts", "100"));
    run("double-dqn", D, 400, Map.of("learning_starts", "100", "dueling", "true"));
    Map<String, String> pg = Map.of("n_envs", "2", "n_steps", "32", "normalize_observations",
        "true");
    run("reinforce", D, 256, pg);
    run("a2c", D, 256, pg);
    Map<String, String> ppo = new HashMap<>(pg);
    ppo.put("batch_size", "32");
    ppo.put("n_epochs", "2");
    run("ppo", D, 256, ppo);
    run("ppo", C, 256, ppo);
    run("a2c", C, 256, pg);
  }

  private static void run(String algo, String env, long steps, Map<String, String> cfg) {
    Map<String, String> all = new HashMap<>(cfg);
    all.put("eval_freq", "0");
    all.put("final_eval_episodes", "7");
    Path out = tmp.resolve(env + "-" + algo);
    Training t = new Training(REGISTRY, Algorithms.builtin(),
        new PrintStream(new ByteArrayOutputStream()));
    RESULTS.put(env + "/" + algo, t.train(new TrainRequest(env, algo, steps, 5, "cpu", null,
        all, out, null, false)));
    RUNS.put(env + "/" + algo, out);
  }

  private static float[][] randomObservations(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] o = new float[n][2];
    for (float[] row : o) {
      row[0] = (float) (rng.nextDouble() * 2.4 - 1.2);
      row[1] = (float) (rng.nextDouble() * 2.4 - 1.2);
    }
    return o;
  }

  @Test
  void greedyActionsAndHeadValuesAreTheTrainingAgentsBitForBit() {
    float[][] obs = randomObservations(200, 9);
    for (Map.Entry<String, Path> run : RUNS.entrySet()) {
      AgentLoader.Loaded loaded = AgentLoader.load(run.getValue(), REGISTRY,
          Algorithms.builtin(), ai.djl.Device.cpu());
      try (Agent<?> agent = loaded.agent()) {
        InferencePolicy p = InferencePolicy.load(run.getValue());
        Object[] batch = new Object[obs.length];
        p.decide(obs, obs.length, ActingMode.GREEDY, null, batch);
        for (int i = 0; i < obs.length; i++) {
          Object expect = agent.actGreedy(obs[i]);
          if (expect instanceof float[] f) {
            assertThat((float[]) batch[i]).as("%s obs %d", run.getKey(), i).containsExactly(f);
          } else {
            assertThat(batch[i]).as("%s obs %d", run.getKey(), i).isEqualTo(expect);
          }
          int k = p.actionSize();
          if (agent instanceof ValueAgent v) {
            assertThat(p.actionValues(obs[i], new float[k])).as(run.getKey())
                .containsExactly(v.actionValues(obs[i], new float[k]));
          } else {
            float[] a = new float[k];
            float[] b = new float[k];
            float va = p.distribution(obs[i], a);
            float vb = ((ActorCriticAgent) agent).distribution(obs[i], b);
            assertThat(a).as(run.getKey()).containsExactly(b);
            assertThat(va).as(run.getKey()).isEqualTo(vb);
          }
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theControllerPlugOpensACheckpointOfAnEnvGdxRlDoesNotShip() {
    ControllerProvider provider = ControllerProvider.available().get(0);
    for (String key : List.of(D + "/dqn", D + "/qtable", D + "/ppo", C + "/ppo")) {
      Path dir = RUNS.get(key);
      String id = key.substring(0, key.indexOf('/'));
      try (Env<float[], Object> env = (Env<float[], Object>) REGISTRY.make(id);
          LearnedPolicy<Object> reference = LearnedPolicy.load(dir, env)) {
        Controller<Object> c = provider.open(dir, env);
        float[][] obs = randomObservations(32, 3);
        Object[] out = new Object[32];
        c.decideAll(obs, out);
        Object[] expect = reference.actBatch(obs, new Object[32]);
        for (int i = 0; i < 32; i++) {
          assertThat(out[i]).as(key).usingRecursiveComparison().isEqualTo(expect[i]);
          assertThat(c.decide(obs[i])).as(key).usingRecursiveComparison().isEqualTo(expect[i]);
        }
        Insight in = c.insight();
        assertThat(in).as(key).isNotNull();
        assertThat(in.kind()).isEqualTo(key.endsWith("ppo")
            ? (id.equals(C) ? Insight.Kind.GAUSSIAN : Insight.Kind.ACTION_PROBABILITIES)
            : Insight.Kind.ACTION_VALUES);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCheckpointThatDoesNotFitTheEnvSaysWhatDiffers() {
    try (Env<float[], Object> env = (Env<float[], Object>) REGISTRY.make(C)) {
      // the discrete checkpoint against the continuous env of the same id would differ in its
      // action space: check it through the spaces-only load
      assertThatThrownBy(() -> InferencePolicy.load(RUNS.get(D + "/dqn"),
          env.observationSpace(), env.actionSpace()))
          .hasMessageContaining("does not fit env 'reach-target'")
          .hasMessageContaining("action space Discrete(3) in the checkpoint")
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> ControllerProvider.available().get(0).open(RUNS.get(D + "/dqn"),
          env)).hasMessageContaining("is for env 'reach-target', not 'reach-target-continuous'");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sampledActingDiffersPerNpcAndRepeatsWithTheSameSeed() {
    for (String key : List.of(D + "/ppo", C + "/ppo", D + "/dqn")) {
      ActingMode mode = key.endsWith("dqn") ? ActingMode.parse("softmax=0.05", 42)
          : ActingMode.parse("sample", 42);
      List<List<String>> a = trajectories(key, mode, 6);
      List<List<String>> b = trajectories(key, mode, 6);
      assertThat(a).as("same seed, same trajectories (%s)", key).isEqualTo(b);
      assertThat(new java.util.HashSet<>(a)).as("NPCs differ (%s)", key).hasSizeGreaterThan(1);
      assertThat(trajectories(key, ActingMode.parse("sample".equals(mode.toString())
          ? "sample" : "softmax=0.05", 43), 6)).as("another seed (%s)", key).isNotEqualTo(a);
      List<List<String>> greedy = trajectories(key, ActingMode.GREEDY, 6);
      assertThat(new java.util.HashSet<>(greedy)).as("greedy NPCs act alike").hasSize(1);
    }
    List<List<String>> eps = trajectories(D + "/dqn", ActingMode.parse("epsilon=0.5", 1), 4);
    assertThat(new java.util.HashSet<>(eps)).hasSizeGreaterThan(1);
    assertThat(trajectories(D + "/dqn", ActingMode.parse("epsilon=0", 1), 4))
        .isEqualTo(trajectories(D + "/dqn", ActingMode.GREEDY, 4));
  }

  /** n NPCs from the same start, one batched decision per tick, 30 ticks: their action strings. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> trajectories(String key, ActingMode mode, int n) {
    String id = key.substring(0, key.indexOf('/'));
    List<Env<float[], Object>> envs = new ArrayList<>();
    float[][] obs = new float[n][];
    for (int i = 0; i < n; i++) {
      envs.add((Env<float[], Object>) REGISTRY.make(id));
      obs[i] = envs.get(i).reset(77);
    }
    Controller<Object> c = ControllerProvider.available().get(0).open(RUNS.get(key),
        envs.get(0), mode);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    Object[] acts = new Object[n];
    for (int t = 0; t < 30; t++) {
      c.decideAll(obs, acts);
      for (int i = 0; i < n; i++) {
        out.get(i).add(acts[i] instanceof float[] f ? Arrays.toString(f) : acts[i].toString());
        var s = envs.get(i).step(acts[i]);
        obs[i] = s.done() ? envs.get(i).reset(77) : s.observation();
      }
    }
    envs.forEach(Env::close);
    return out;
  }

  @Test
  void anUnsuitableModeIsOneLine() {
    InferencePolicy ppo = InferencePolicy.load(RUNS.get(D + "/ppo"));
    assertThatThrownBy(() -> ppo.check(ActingMode.parse("softmax=0.5", 0)))
        .hasMessage("acting mode 'softmax' does not suit the 'ppo' checkpoint: an actor-critic"
            + " acts greedy or sample");
    InferencePolicy dqn = InferencePolicy.load(RUNS.get(D + "/dqn"));
    assertThatThrownBy(() -> dqn.check(ActingMode.parse("sample", 0)))
        .hasMessage("acting mode 'sample' does not suit the 'dqn' checkpoint: a value-based"
            + " agent acts greedy, epsilon=E or softmax=T");
    assertThatThrownBy(() -> ActingMode.parse("epsilon=2", 0))
        .hasMessage("'epsilon=2': epsilon must be in [0, 1], got 2.0");
    assertThatThrownBy(() -> ActingMode.parse("softmax", 0))
        .hasMessageStartingWith("unknown acting mode 'softmax'; use greedy, sample");
    assertThatThrownBy(() -> ActingMode.parse("softmax=x", 0))
        .hasMessageContaining("x is not a number");
    assertThat(ActingMode.parse(" Epsilon=0.05 ", 3)).isEqualTo(
        new ActingMode(ActingMode.Kind.EPSILON, 0.05, 3));
  }

  @Test
  @SuppressWarnings("unchecked")
  void evaluatingTheCheckpointWithTheRunsSeedRepeatsItsEvalMean() {
    for (Map.Entry<String, Path> run : RUNS.entrySet()) {
      TrainResult r = RESULTS.get(run.getKey());
      String id = run.getKey().substring(0, run.getKey().indexOf('/'));
      try (Env<float[], Object> env = (Env<float[], Object>) REGISTRY.make(id);
          LearnedPolicy<Object> p = LearnedPolicy.load(run.getValue(), env)) {
        Evaluator.Returns again = Evaluator.run(env, p, r.episodes(), 5,
            Seeds.FINAL_EVAL_STREAM);
        assertThat(r.episodes()).isEqualTo(7);
        assertThat(again.mean()).as(run.getKey()).isEqualTo(r.evalMean());
        assertThat(again.std()).as(run.getKey()).isEqualTo(r.evalStd());
      }
      var viaTraining = new Training(REGISTRY, Algorithms.builtin(),
          new PrintStream(new ByteArrayOutputStream())).evaluate(run.getValue(), 7, 5);
      assertThat(viaTraining.mean()).as(run.getKey()).isEqualTo(r.evalMean());
    }
  }
}
