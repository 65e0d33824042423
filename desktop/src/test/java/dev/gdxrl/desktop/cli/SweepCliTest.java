package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gdx-rl sweep} end to end on embedded Spark: runs equal to {@code train} alone, a failed
 * grid point as a row, a restart that keeps finished runs, and bad input refused before anything
 * is written.
 */
class SweepCliTest {
  @TempDir Path dir;

  private static final String[] TINY = {"--env", "cartpole", "--algo", "ppo", "--steps", "2048",
      "--set", "eval_freq=512", "--set", "final_eval_episodes=3"};

  private static String[] args(String... more) {
    return Stream.concat(Stream.of("sweep"), Stream.concat(Stream.of(TINY), Stream.of(more)))
        .toArray(String[]::new);
  }

  @Test
  void aSweepRunsEveryRunAsTrainWouldRecordsFailuresAndRestartsWhereItStopped()
      throws IOException {
    Path out = dir.resolve("sweep");
    CliRunner.Run r = CliRunner.run(args("--seeds", "1-2", "--grid", "batch_size=64,99999",
        "--parallelism", "2", "--no-progress", "--out", out.toString()));
    assertThat(r.status()).as(r.err()).isEqualTo(1); // one grid point cannot run
    List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
    assertThat(csv).hasSize(5);
    assertThat(csv.get(0)).startsWith("run_id,config_id,config,batch_size,seed,status,eval_mean");
    assertThat(csv.stream().filter(l -> l.contains(",ok,"))).hasSize(2);
    List<String> failed = csv.stream().filter(l -> l.contains(",failed,")).toList();
    assertThat(failed).hasSize(2).allMatch(l -> l.contains("exceeds the rollout size"));
    String okId = csv.stream().filter(l -> l.contains(",ok,")).findFirst().orElseThrow()
        .split(",")[1];
    assertThat(r.out()).contains("FAILED batch_size=99999-").contains("SWEEP env=cartpole")
        .contains("runs=4 ok=2 failed=2 ran_now=4 finished_before=0 best=" + okId + " ");
    assertThat(Files.readAllLines(out.resolve("summary.csv")).get(1)).startsWith("1,")
        .contains("batch_size=64,2,2,");
    BufferedImage png = ImageIO.read(out.resolve("sweep.png").toFile());
    assertThat(png.getWidth()).isEqualTo(1600);
    assertThat(png.getHeight()).isEqualTo(600);

    // each run is exactly the train run alone: same parameters, bit for bit
    Path ok1 = runDir(out, "batch_size=64-", "-s1");
    Path solo = dir.resolve("solo");
    CliRunner.Run t = CliRunner.run("train", "--env", "cartpole", "--algo", "ppo", "--steps",
        "2048", "--seed", "1", "--set", "eval_freq=512", "--set", "final_eval_episodes=3",
        "--set", "batch_size=64", "--no-progress", "--out", solo.toString());
    assertThat(t.status()).as(t.err()).isZero();
    assertThat(Files.readAllBytes(ok1.resolve("actor_critic.params")))
        .isEqualTo(Files.readAllBytes(solo.resolve("actor_critic.params")));
    assertThat(Files.readAllLines(ok1.resolve("train.log")).get(0)).isEqualTo(
        "# ./gdx-rl train --env cartpole --algo ppo --steps 2048 --seed 1 --set eval_freq=512"
        + " --set final_eval_episodes=3 --set batch_size=64 --out " + ok1);
    assertThat(ok1.resolveSibling("." + ok1.getFileName() + ".lock")).doesNotExist();
    assertThat(Files.readString(ok1.resolve("sweep-run.json")))
        .contains(t.result().get("eval_mean").isEmpty() ? "?" : "eval_mean=" + t.result()
            .get("eval_mean") + " ");

    // a run killed before it ended has no sweep-run.json: a restart runs it (and the failed
    // ones) again and keeps the finished one
    Path ok2 = runDir(out, "batch_size=64-", "-s2");
    byte[] before = Files.readAllBytes(ok2.resolve("actor_critic.params"));
    Files.delete(ok2.resolve("sweep-run.json"));
    long kept = Files.getLastModifiedTime(ok1.resolve("actor_critic.params")).toMillis();
    CliRunner.Run again = CliRunner.run(args("--seeds", "1-2", "--grid", "batch_size=64,99999",
        "--parallelism", "2", "--out", out.toString()));
    assertThat(again.status()).as(again.err()).isEqualTo(1);
    assertThat(again.out()).contains("runs=4 ok=2 failed=2 ran_now=3 finished_before=1");
    assertThat(again.err()).contains("1 finished before, 3 to run").contains("4/4 done");
    assertThat(Files.getLastModifiedTime(ok1.resolve("actor_critic.params")).toMillis())
        .isEqualTo(kept);
    assertThat(Files.readAllBytes(ok2.resolve("actor_critic.params"))).isEqualTo(before);
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(5);

    // all good: status 0
    CliRunner.Run good = CliRunner.run(args("--seeds", "1-2", "--grid", "batch_size=64",
        "--no-progress", "--out", out.toString()));
    assertThat(good.status()).as(good.err()).isZero();
    assertThat(good.out()).contains("runs=2 ok=2 failed=0 ran_now=0 finished_before=2");
  }

  private static Path runDir(Path out, String prefix, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  @Test
  void badSweepsAreOneLineStatusTwoAndWriteNothing() throws IOException {
    Path file = dir.resolve("s.yaml");
    String[][] bad = {
      {"unknown key 'learnin_rate'", "env: cartpole\nalgo: ppo\nseeds: 1\nlearnin_rate: 1\n"},
      {"empty search space", "env: cartpole\nalgo: ppo\nseeds: 1\nspace: {gamma: []}\n"},
      {"is above max", "env: cartpole\nalgo: ppo\nseeds: 1\nspace: {gamma: {range: [1, 0]}}\n"},
      {"log_range needs bounds above 0",
          "env: cartpole\nalgo: ppo\nseeds: 1\nspace: {gamma: {log_range: [-1, 1]}}\n"},
      {"more points than the grid has",
          "env: cartpole\nalgo: ppo\nseeds: 1\nsamples: 3\nspace: {gamma: [0.9, 0.99]}\n"},
      {"unknown config key 'gama'", "env: cartpole\nalgo: ppo\nseeds: 1\nspace: {gama: [1]}\n"},
      {"unknown env 'nope'", "env: nope\nalgo: ppo\nseeds: 1\n"},
      {"unknown algo 'pop'", "env: cartpole\nalgo: pop\nseeds: 1\n"},
      {"no seeds given", "env: cartpole\nalgo: ppo\n"},
      {"no run of this sweep can run (2 configs): batch_size=99999: ppo config: batch_size 99999"
          + " exceeds the rollout size",
          "env: cartpole\nalgo: ppo\nseeds: 1\nspace: {batch_size: [99999, 88888]}\n"},
      {"cannot fill one rollout", "env: cartpole\nalgo: ppo\nsteps: 100\nseeds: 1-2\n"},
    };
    Path out = dir.resolve("never");
    for (String[] c : bad) {
      Files.writeString(file, c[1]);
      CliRunner.Run r = CliRunner.run("sweep", file.toString(), "--out", out.toString());
      assertThat(r.status()).as(c[0] + "\n" + r.err()).isEqualTo(2);
      assertThat(r.errLines()).as(c[0]).hasSize(1);
      assertThat(r.err()).contains(c[0]).doesNotContain("Exception");
      assertThat(out).doesNotExist();
    }
    CliRunner.Run r = CliRunner.run(args("--seeds", "1", "--range", "gamma=0.99:0.9", "--out",
        out.toString()));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("is above max");
    r = CliRunner.run(args("--seeds", "1", "--grid", "gamma=0.9", "--grid", "gamma=0.99",
        "--out", out.toString()));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("'gamma' is searched twice");
    assertThat(out).doesNotExist();
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    r = CliRunner.run(args("--seeds", "1", "--out", foreign.toString()));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("not a sweep's directory");
    assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("mine");
    try (Stream<Path> s = Files.list(foreign)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }
}
