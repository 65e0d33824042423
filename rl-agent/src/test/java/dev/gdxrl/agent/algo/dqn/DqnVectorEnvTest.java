package dev.gdxrl.agent.algo.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.testenv.ChainEnv;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.agent.train.TrainState;
import dev.gdxrl.agent.train.Trainer;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.RecordEpisodeStatistics;
import dev.gdxrl.env.Step;
import dev.gdxrl.env.TimeLimit;
import dev.gdxrl.env.VectorEnv;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DQN over a vector env of several envs through the one training loop: it learns a problem with
 * a known answer, counts its schedules in env steps, gives the same run for the same seed and any
 * thread count, and with one env is the transition-by-transition DQN it always was.
 */
class DqnVectorEnvTest {
  private static final EnvRegistry REGISTRY = EnvRegistry.discovered();

  @TempDir
  Path tmp;

  /** On a 5-state chain, four envs at once: Q* = gamma^distance, greedy right everywhere. */
  @Test
  void fourEnvsLearnQStarOfAChain() {
    int n = 5;
    double gamma = 0.9;
    DqnConfig cfg = new DqnConfig(3e-3, 32, 5000, 200, gamma, 1.0, 100, DqnConfig.ENV_STEPS, 1,
        1, DqnConfig.MSE, 10, DqnConfig.EPSILON, 0.5, 1, 0.1, 1, List.of(32), false, true,
        false, 1, 4, 1);
    long steps = 5000;
    AgentContext ctx = new AgentContext("chain5", Box.uniform(n, 0, 1), new Discrete(2),
        Device.cpu(), 12, steps);
    List<Env<float[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      envs.add(new RecordEpisodeStatistics<>(new TimeLimit<>(new ChainEnv(n, "chain5"), 20)));
    }
    try (DqnAgent agent = new DqnAgent("double-dqn", cfg, ctx);
        VectorEnv<Integer> venv = new VectorEnv<>(envs, 1)) {
      TrainState s = new Trainer<>(venv, agent, TrainConfig.of(steps), 12, List.of()).run();
      assertThat(s.envSteps()).isEqualTo(steps);
      // train_freq 1, gradient_steps 1, counted in env steps: one gradient step per transition
      // after learning_starts, four per vector step
      assertThat(agent.gradientSteps()).isEqualTo(steps - 200);
      float[] q = new float[2];
      for (int st = 0; st < n - 1; st++) {
        float[] obs = new float[n];
        obs[st] = 1;
        agent.actionValues(obs, q);
        assertThat(agent.actGreedy(obs)).as("greedy action in state %d", st).isEqualTo(1);
        assertThat((double) q[1]).as("Q(%d, right)", st)
            .isCloseTo(ChainEnv.qStar(n, st, 1, gamma), within(0.05));
        assertThat((double) q[0]).as("Q(%d, left)", st)
            .isCloseTo(ChainEnv.qStar(n, st, 0, gamma), within(0.1));
      }
    }
  }

  /**
   * train_freq, gradient_steps and learning_starts count env steps whatever n_envs is: the same
   * gradient steps for 1, 4 and 8 envs (8 passes four multiples of train_freq 2 per vector step).
   */
  @Test
  void gradientStepsPerEnvStepDoNotDependOnTheNumberOfEnvs() {
    for (int envs : new int[] {1, 4, 8}) {
      DqnConfig cfg = cartPole(envs, 1).withTrainFreq(2, 3);
      try (DqnAgent agent = train(cfg, 1, 1000)) {
        // rounds at env steps 102, 104, ..., 1000: 450 rounds of 3
        assertThat(agent.gradientSteps()).as("n_envs %d", envs).isEqualTo(450 * 3);
      }
    }
  }

  /** Four envs: the same seed gives the same parameters, on one thread or two. */
  @Test
  void fourEnvsAreReproducibleAndIndependentOfThreads() {
    String a = params(train(cartPole(4, 1), 5, 3000));
    String b = params(train(cartPole(4, 1), 5, 3000));
    String c = params(train(cartPole(4, 2), 5, 3000));
    String other = params(train(cartPole(4, 1), 6, 3000));
    assertThat(b).as("same seed, same run").isEqualTo(a);
    assertThat(c).as("two threads").isEqualTo(a);
    assertThat(other).as("another seed").isNotEqualTo(a);
  }

  /**
   * One env through the vector loop is the transition-by-transition DQN of a plain loop over a
   * single env whose episode k is seeded with {@code Seeds.episode(seed, k)} (the single-env
   * trainer it replaced): bit-identical parameters.
   */
  @Test
  void oneEnvIsTheSingleEnvLoop() {
    long seed = 9;
    long steps = 3000;
    DqnConfig cfg = cartPole(1, 1);
    String loop = params(train(cfg, seed, steps));
    try (DqnAgent agent = new DqnAgent("dqn", cfg, context(seed, steps));
        Env<float[], Integer> env = cartPoleEnv()) {
      long episodes = 0;
      float[] obs = env.reset(Seeds.episode(seed, episodes));
      for (long t = 0; t < steps; ) {
        int action = agent.act(obs, t);
        Step<float[]> s = env.step(action);
        t++;
        agent.observe(obs, action, s.reward(), s.observation(), s.terminated(), s.truncated(), t);
        if (s.done()) {
          obs = env.reset(Seeds.episode(seed, ++episodes));
        } else {
          obs = s.observation();
        }
      }
      assertThat(agent.gradientSteps()).isGreaterThan(100);
      assertThat(params(agent)).isEqualTo(loop);
    }
  }

  /** A small, quick DQN for CartPole with n_envs envs on {@code threads} threads. */
  private static DqnConfig cartPole(int envs, int threads) {
    return new DqnConfig(1e-3, 32, 5000, 100, 0.99, 1.0, 200, DqnConfig.ENV_STEPS, 4, 1,
        DqnConfig.HUBER, 10, DqnConfig.EPSILON, 0.3, 1, 0.05, 1, List.of(32, 32), false, false,
        false, 1, 1, 1).withEnvs(envs, threads);
  }

  private static Env<float[], Integer> cartPoleEnv() {
    @SuppressWarnings("unchecked")
    Env<float[], Integer> env = (Env<float[], Integer>) REGISTRY.make("cartpole");
    return env;
  }

  private static AgentContext context(long seed, long steps) {
    try (Env<float[], Integer> env = cartPoleEnv()) {
      return new AgentContext("cartpole", (Box) env.observationSpace(), env.actionSpace(),
          Device.cpu(), Seeds.agent(seed, 0), steps);
    }
  }

  /** Trains through the one loop (Training's way) and returns the agent, still open. */
  private static DqnAgent train(DqnConfig cfg, long seed, long steps) {
    DqnAgent agent = new DqnAgent("dqn", cfg, context(seed, steps));
    List<Env<float[], Integer>> envs = new ArrayList<>();
    for (int i = 0; i < cfg.nEnvs(); i++) {
      envs.add(cartPoleEnv());
    }
    try (VectorEnv<Integer> venv = new VectorEnv<>(envs, cfg.threads())) {
      new Trainer<>(venv, agent, TrainConfig.of(steps), seed, List.of()).run();
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
    return agent;
  }

  /** The SHA-256 of the online network's saved parameters; closes the agent. */
  private String params(DqnAgent agent) {
    try (agent) {
      Path dir = Files.createTempDirectory(tmp, "params");
      agent.save(dir);
      byte[] bytes = Files.readAllBytes(dir.resolve("q_network.params"));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
