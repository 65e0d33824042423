package dev.gdxrl.agent.algo.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.agent.train.Trainer;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.VectorEnv;
import dev.gdxrl.registry.EnvRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * End to end: PPO and A2C trained through the CPU's hand-written gradient path and through
 * autograd (the GPU's path, forced on the CPU) from the same seed end with the same parameters,
 * up to float rounding, after several updates.
 */
class ManualPathTrainingTest {
  private static final EnvRegistry REGISTRY = TestEnvs.registry();

  @Test
  void ppoManualAndAutogradTrainTheSameNetwork() {
    Ppo.PpoConfig d = Ppo.PpoConfig.defaults();
    Ppo.PpoConfig c = new Ppo.PpoConfig(4, 16, 32, 2, 1e-3, false, 0.99, 0.95, 0.2, false, 0.3,
        true, 0.01, 0.5, 0.5, 0, PgOptimizer.ADAM, List.of(16, 16), d.activation(), false, 0.0,
        true, 1);
    compare(TestEnvs.POINT, ctx -> new Ppo(c, ctx), 4 * 16 * 6);
    compare(TestEnvs.SIGN, ctx -> new Ppo(c, ctx), 4 * 16 * 6);
  }

  @Test
  void a2cManualAndAutogradTrainTheSameNetwork() {
    A2c.A2cConfig d = A2c.A2cConfig.defaults();
    A2c.A2cConfig c = new A2c.A2cConfig(4, 5, 7e-4, false, 0.99, 0.9, true, 0.01, 0.5, 0.5,
        PgOptimizer.RMSPROP, List.of(16, 16), "relu", true, 0.0, true, 1);
    compare(TestEnvs.SIGN, ctx -> new A2c(c, ctx), 4 * 5 * 20);
    compare(TestEnvs.POINT, ctx -> new A2c(c, ctx), 4 * 5 * 20);
  }

  /**
   * The autograd path gives the same parameters twice while full garbage collections run beside
   * it. A number operand of a product (DJL's {@code mul(Number)}) lives in a direct buffer that
   * DJL closes at once while autograd keeps it for the backward pass; a collection then freed it
   * and the gradient read garbage (PPO on a Gaussian policy differed on every run).
   */
  @Test
  void autogradIsReproducibleUnderFullGarbageCollections() throws InterruptedException {
    Ppo.PpoConfig d = Ppo.PpoConfig.defaults();
    Ppo.PpoConfig c = new Ppo.PpoConfig(4, 16, 32, 2, 1e-3, false, 0.99, 0.95, 0.2, false, 0.3,
        true, 0.01, 0.5, 0.5, 0, PgOptimizer.ADAM, List.of(16, 16), d.activation(), false, 0.0,
        true, 1);
    AtomicBoolean stop = new AtomicBoolean();
    Thread collector = new Thread(() -> {
      while (!stop.get()) {
        System.gc();
      }
    });
    collector.setDaemon(true);
    collector.start();
    try {
      float[] first = train(TestEnvs.POINT, ctx -> new Ppo(c, ctx), 4 * 16 * 6, true);
      for (int k = 0; k < 3; k++) {
        float[] again = train(TestEnvs.POINT, ctx -> new Ppo(c, ctx), 4 * 16 * 6, true);
        assertThat(again).as("autograd run %d", k + 2).isEqualTo(first);
      }
    } finally {
      stop.set(true);
      collector.join();
    }
  }

  private static <C extends OnPolicyConfig> void compare(String env,
      Function<AgentContext, OnPolicyLearner<C>> make, long steps) {
    float[] manual = train(env, make, steps, false);
    float[] auto = train(env, make, steps, true);
    float[] init;
    try (OnPolicyLearner<C> fresh = make.apply(context(env, steps))) {
      init = fresh.network().hostParameters();
    }
    assertThat(manual).as("parameters moved").isNotEqualTo(init);
    for (int i = 0; i < manual.length; i++) {
      assertThat(manual[i]).as("%s parameter %d", env, i).isCloseTo(auto[i], within(2e-4f));
    }
  }

  private static AgentContext context(String env, long steps) {
    Env<float[], ?> e = REGISTRY.make(env);
    AgentContext ctx = new AgentContext(env, (Box) e.observationSpace(), e.actionSpace(),
        Device.cpu(), 7, steps);
    e.close();
    return ctx;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <C extends OnPolicyConfig> float[] train(String env,
      Function<AgentContext, OnPolicyLearner<C>> make, long steps, boolean autograd) {
    try (OnPolicyLearner<C> agent = make.apply(context(env, steps))) {
      if (autograd) {
        agent.useAutograd();
      }
      assertThat(agent.handWritten()).isEqualTo(!autograd);
      List<Env<float[], Object>> envs = new ArrayList<>();
      for (int i = 0; i < agent.envs(); i++) {
        envs.add((Env<float[], Object>) (Env) REGISTRY.make(env));
      }
      try (VectorEnv<Object> vec = new VectorEnv<>(envs, 1)) {
        TrainConfig tc = new TrainConfig(steps, 0, 1, 0, 0, 100, 0, false, 1);
        new Trainer<>(vec, agent, tc, 7, List.of()).run(0, 0);
      }
      assertThat(agent.updates()).isGreaterThanOrEqualTo(5);
      return agent.network().hostParameters();
    }
  }
}
