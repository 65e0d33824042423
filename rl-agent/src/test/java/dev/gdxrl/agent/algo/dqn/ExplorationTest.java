package dev.gdxrl.agent.algo.dqn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour policies: the epsilon schedule and Boltzmann sampling. */
class ExplorationTest {

  static DqnConfig config(String exploration, double temperature, long learningStarts) {
    return new DqnConfig(1e-3, 4, 100, learningStarts, 0.99, 1.0, 100, DqnConfig.ENV_STEPS, 1,
        1, DqnConfig.HUBER, 10, exploration, 0.5, 1.0, 0.1, temperature, List.of(8), false,
        false, false, 1, 1, 1);
  }

  static AgentContext context() {
    return new AgentContext("t", Box.uniform(3, -1, 1), new Discrete(3), Device.cpu(), 21, 1000);
  }

  @Test
  void epsilonFallsLinearlyThenStays() {
    DqnConfig c = config(DqnConfig.EPSILON, 1, 0);
    assertThat(c.epsilon(0, 1000)).isEqualTo(1.0);
    assertThat(c.epsilon(250, 1000)).isCloseTo(0.55, within(1e-12));
    assertThat(c.epsilon(500, 1000)).isCloseTo(0.1, within(1e-12));
    assertThat(c.epsilon(900, 1000)).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void boltzmannSamplesTheSoftmaxOfQOverTemperature() {
    double temperature = 0.05;
    try (DqnAgent agent = new DqnAgent("dqn", config(DqnConfig.BOLTZMANN, temperature, 0),
        context())) {
      float[] obs = {0.3f, -0.7f, 0.9f};
      float[] q = agent.actionValues(obs, new float[3]);
      double max = Math.max(q[0], Math.max(q[1], q[2]));
      double[] p = new double[3];
      double sum = 0;
      for (int a = 0; a < 3; a++) {
        p[a] = Math.exp((q[a] - max) / temperature);
        sum += p[a];
      }
      int n = 40_000;
      int[] counts = new int[3];
      for (int i = 0; i < n; i++) {
        counts[agent.act(obs, 500)]++;
      }
      for (int a = 0; a < 3; a++) {
        assertThat(counts[a] / (double) n).as("action %d", a)
            .isCloseTo(p[a] / sum, within(0.015));
      }
    }
  }

  @Test
  void beforeLearningStartsActionsAreUniform() {
    try (DqnAgent agent = new DqnAgent("dqn", config(DqnConfig.EPSILON, 1, 100), context())) {
      int[] counts = new int[3];
      for (int i = 0; i < 30_000; i++) {
        counts[agent.act(new float[] {0.1f, 0.2f, 0.3f}, 50)]++;
      }
      for (int c : counts) {
        assertThat(c / 30_000.0).isCloseTo(1 / 3.0, within(0.015));
      }
    }
  }
}
