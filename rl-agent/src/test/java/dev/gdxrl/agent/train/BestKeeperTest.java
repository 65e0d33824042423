package dev.gdxrl.agent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.Agent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** keep_best: the parameters of the best evaluation (latest of equals) come back at the end. */
class BestKeeperTest {

  /** An agent whose whole "network" is one number. */
  static final class OneNumberAgent implements Agent<Integer> {
    int parameter;
    int loads;

    @Override
    public String algo() {
      return "one-number";
    }

    @Override
    public Integer[] actBatch(float[][] observations, long envStep) {
      return new Integer[] {0};
    }

    @Override
    public Integer actGreedy(float[] observation) {
      return 0;
    }

    @Override
    public int observeBatch(dev.gdxrl.env.VectorEnv.Result result, long envStep) {
      return 0;
    }

    @Override
    public long gradientSteps() {
      return 0;
    }

    @Override
    public void restoreGradientSteps(long steps) {}

    @Override
    public Map<String, Double> diagnostics(long envStep) {
      return Map.of();
    }

    @Override
    public void save(Path dir) throws IOException {
      Files.writeString(dir.resolve("p.txt"), Integer.toString(parameter));
    }

    @Override
    public void load(Path dir) throws IOException {
      parameter = Integer.parseInt(Files.readString(dir.resolve("p.txt")));
      loads++;
    }

    @Override
    public void close() {}
  }

  private static TrainState at(long step) {
    TrainState s = new TrainState(1000, 5);
    s.envSteps = step;
    return s;
  }

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  /** Runs evaluations with these means, the agent's parameter being the step, then restores. */
  private static OneNumberAgent run(double... means) {
    return runUntil(100L * means.length, means);
  }

  /** The same, the run ending at {@code finalStep} (after the last evaluation or at it). */
  private static OneNumberAgent runUntil(long finalStep, double... means) {
    OneNumberAgent agent = new OneNumberAgent();
    Path[] seen = new Path[1];
    try (BestKeeper keeper = new BestKeeper((dir, s) -> {
      seen[0] = dir;
      agent.save(dir);
    }, QUIET)) {
      for (int i = 0; i < means.length; i++) {
        agent.parameter = 100 * (i + 1);
        keeper.evaluated(at(100L * (i + 1)), means[i]);
      }
      agent.parameter = (int) finalStep;
      keeper.restoreBest(agent, finalStep);
    }
    if (seen[0] != null) {
      assertThat(seen[0]).as("the temporary snapshot is removed").doesNotExist();
    }
    return agent;
  }

  @Test
  void restoresTheBestEvaluatedParameters() {
    OneNumberAgent a = run(10, 500, 320, 145);
    assertThat(a.parameter).isEqualTo(200);
    assertThat(a.loads).isEqualTo(1);
  }

  @Test
  void amongEqualScoresKeepsTheLatest() {
    assertThat(run(500, 500, 500, 200).parameter).isEqualTo(300);
  }

  @Test
  void keepsTheLastParametersWhenTheLastEvaluationWasBest() {
    OneNumberAgent a = run(10, 200, 200);
    assertThat(a.parameter).isEqualTo(300);
    assertThat(a.loads).isZero();
  }

  @Test
  void parametersTrainedAfterTheLastEvaluationDoNotCountAsEvaluated() {
    OneNumberAgent a = runUntil(350, 10, 200, 300);
    assertThat(a.parameter).as("the evaluated best, not the unevaluated last").isEqualTo(300);
    assertThat(a.loads).isEqualTo(1);
  }

  @Test
  void aSnapshotThatCannotBeWrittenCostsTheOptionNotTheRun() {
    OneNumberAgent agent = new OneNumberAgent();
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    try (BestKeeper keeper = new BestKeeper((dir, s) -> {
      agent.save(dir);
      if (s.envSteps() == 200) {
        throw new IOException("No space left on device");
      }
    }, new PrintStream(warnings, true))) {
      agent.parameter = 100;
      keeper.evaluated(at(100), 50);
      agent.parameter = 200;
      keeper.evaluated(at(200), 500);
      agent.parameter = 300;
      keeper.evaluated(at(300), 20);
      keeper.restoreBest(agent, 300);
    }
    assertThat(agent.parameter).isEqualTo(300);
    assertThat(agent.loads).isZero();
    assertThat(warnings.toString()).contains("No space left on device")
        .contains("keeps the last parameters");
  }

  @Test
  void withoutEvaluationsNothingChanges() {
    OneNumberAgent a = run();
    assertThat(a.parameter).isZero();
    assertThat(a.loads).isZero();
  }
}
