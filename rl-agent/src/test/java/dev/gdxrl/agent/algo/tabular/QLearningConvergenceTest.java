package dev.gdxrl.agent.algo.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Q-learning's update rule converges to Q* on a small stochastic MDP whose Q* comes from value
 * iteration; this proves the rule (including no bootstrap past a terminal state), not just that
 * it runs.
 */
class QLearningConvergenceTest {
  // 3 states (2 terminal-absorbing), 2 actions: P[s][a][s'], R[s][a]
  private static final double[][][] P = {
      {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}},
      {{0.5, 0.3, 0.2}, {0.0, 0.2, 0.8}},
  };
  private static final double[][] R = {{0.1, -0.2}, {0.4, 1.0}};
  private static final double GAMMA = 0.8;
  private static final int TERMINAL = 2;

  static double[][] valueIteration() {
    double[][] q = new double[2][2];
    for (int it = 0; it < 2000; it++) {
      double[][] next = new double[2][2];
      for (int s = 0; s < 2; s++) {
        for (int a = 0; a < 2; a++) {
          double v = R[s][a];
          for (int t = 0; t < 2; t++) { // successor 2 is terminal: no future value
            v += GAMMA * P[s][a][t] * Math.max(q[t][0], q[t][1]);
          }
          next[s][a] = v;
        }
      }
      q = next;
    }
    return q;
  }

  @Test
  void tableConvergesToValueIterationQStar() {
    QTableConfig cfg = new QTableConfig(1.0, 0.0, QTableConfig.VISITS, 0.7, GAMMA, 0, 1, 1, 0,
        List.of(3), List.of(-0.5), List.of(2.5), 1, 1);
    AgentContext ctx = new AgentContext("mdp", Box.uniform(1, -0.5f, 2.5f), new Discrete(2),
        Device.cpu(), 7, 1);
    QLearningAgent agent = new QLearningAgent(cfg, ctx);
    SplittableRandom rng = new SplittableRandom(42);
    for (int k = 0; k < 4_000_000; k++) {
      int s = rng.nextInt(2);
      int a = rng.nextInt(2);
      double u = rng.nextDouble();
      int next = u < P[s][a][0] ? 0 : u < P[s][a][0] + P[s][a][1] ? 1 : 2;
      agent.update(s, a, R[s][a], next, next == TERMINAL, k);
    }
    double[][] qStar = valueIteration();
    double maxErr = 0;
    for (int s = 0; s < 2; s++) {
      for (int a = 0; a < 2; a++) {
        maxErr = Math.max(maxErr, Math.abs(agent.q(s, a) - qStar[s][a]));
      }
    }
    assertThat(maxErr).isLessThanOrEqualTo(1e-2);
    // the discretiser maps the observation of state s to row s
    assertThat(agent.discretiser().index(new float[] {1f})).isEqualTo(1);
    assertThat(agent.actGreedy(new float[] {1f})).isEqualTo(qStar[1][1] > qStar[1][0] ? 1 : 0);
  }

  @Test
  void discretiserBinsAndClipsAndNeedsFiniteBounds() {
    Box box = new Box(new float[] {-1, Float.NEGATIVE_INFINITY},
        new float[] {1, Float.POSITIVE_INFINITY});
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Discretiser(box, new int[] {4, 3}, null, null));
    Discretiser ignoring = new Discretiser(box, new int[] {4, 1}, null, null); // 1 bin: ignored
    assertThat(ignoring.states()).isEqualTo(4);
    Discretiser ok = new Discretiser(box, new int[] {4, 3}, new double[] {-1, -3},
        new double[] {1, 3});
    assertThat(ok.index(new float[] {-1f, -3f})).isZero();
    assertThat(ok.index(new float[] {0.99f, 2.9f})).isEqualTo(11);
    assertThat(ok.index(new float[] {5f, 100f})).isEqualTo(11); // clipped into the last bins
    assertThat(ok.index(new float[] {-0.4f, 0f})).isEqualTo(1 * 3 + 1);
  }
}
