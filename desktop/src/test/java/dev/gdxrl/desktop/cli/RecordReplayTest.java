package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.desktop.record.EpisodeFile;
import dev.gdxrl.desktop.record.EpisodeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval --record writes the episodes; replay --verify re-simulates them to the same returns. */
class RecordReplayTest {
  @TempDir Path dir;

  @Test
  void heuristicLanderEpisodesReplayToTheirReturnsExactly() throws Exception {
    Path f = dir.resolve("lander.jsonl");
    CliRunner.Run eval = CliRunner.run("eval", "--env", "lunarlander", "--policy", "heuristic",
        "--episodes", "3", "--seed", "11", "--record", f.toString());
    assertThat(eval.status()).as(eval.err()).isZero();
    List<EpisodeRecord> eps = EpisodeFile.read(f);
    assertThat(eps).hasSize(3);
    assertThat(eps).extracting(EpisodeRecord::seed).containsExactly(Seeds.finalEvaluation(11, 0),
        Seeds.finalEvaluation(11, 1), Seeds.finalEvaluation(11, 2));
    assertThat(eps).allSatisfy(e -> assertThat(e.drivers()).containsExactly("heuristic"));
    double mean = eps.stream().mapToDouble(EpisodeRecord::episodeReturn).average().orElseThrow();
    assertThat(Double.parseDouble(eval.result().get("eval_mean"))).isCloseTo(mean,
        org.assertj.core.api.Assertions.within(0.006));

    CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--verify");
    assertThat(replay.status()).as(replay.out() + replay.err()).isZero();
    Map<String, String> r = replay.result();
    assertThat(r).containsEntry("episodes", "3").containsEntry("matched", "3")
        .containsEntry("mismatched", "0");
    assertThat(replay.out()).contains("seed " + Seeds.finalEvaluation(11, 0), "match");
  }

  @Test
  void continuousEpisodesReplayToo() {
    Path f = dir.resolve("cont.jsonl");
    assertThat(CliRunner.run("eval", "--env", "lunarlander-continuous", "--policy", "random",
        "--episodes", "2", "--seed", "3", "--record", f.toString()).status()).isZero();
    CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--headless");
    assertThat(replay.status()).as(replay.out()).isZero();
    assertThat(replay.result()).containsEntry("matched", "2");
  }

  @Test
  void aTamperedRewardIsAMismatchWithStatusTwo() throws Exception {
    Path f = dir.resolve("cart.jsonl");
    assertThat(CliRunner.run("eval", "--env", "cartpole", "--policy", "random", "--episodes", "2",
        "--record", f.toString()).status()).isZero();
    List<String> lines = Files.readAllLines(f);
    // Change one action of the second episode: the replay must notice.
    String second = lines.get(1);
    int at = second.indexOf("\"actions\":[") + "\"actions\":[".length();
    char a = second.charAt(at);
    lines.set(1, second.substring(0, at) + (a == '0' ? '1' : '0') + second.substring(at + 1));
    Files.write(f, lines);
    CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--verify");
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.result()).containsEntry("matched", "1").containsEntry("mismatched", "1");
    assertThat(replay.out()).contains("MISMATCH");
    assertThat(replay.errLines()).hasSize(1);
  }

  @Test
  void evalCheckpointGoesThroughTheProviderAndRecordsTheAgent() throws Exception {
    Path fake = dev.gdxrl.desktop.game.FakeControllerProvider.write(dir.resolve("fake"),
        "cartpole");
    Path f = dir.resolve("agent.jsonl");
    CliRunner.Run eval = CliRunner.run("eval", "--checkpoint", fake.toString(), "--episodes", "2",
        "--record", f.toString());
    assertThat(eval.status()).as(eval.err()).isZero();
    assertThat(eval.result()).containsEntry("env", "cartpole").containsEntry("policy", "agent");
    // The stand-in flies the heuristic, which balances for the whole time limit.
    assertThat(Double.parseDouble(eval.result().get("eval_mean"))).isEqualTo(500.0);
    assertThat(EpisodeFile.read(f)).allSatisfy(e -> assertThat(e.drivers()).containsExactly("agent"));
    assertThat(CliRunner.run("replay", f.toString(), "--verify").status()).isZero();
  }

  @Test
  void anEditedOutcomeIsAMismatch() throws Exception {
    Path f = dir.resolve("outcome.jsonl");
    assertThat(CliRunner.run("eval", "--env", "cartpole", "--policy", "random", "--episodes", "1",
        "--seed", "3", "--record", f.toString()).status()).isZero();
    String line = Files.readString(f);
    assertThat(line).contains("\"outcome\":\"fell\"");
    Files.writeString(f, line.replace("\"outcome\":\"fell\"", "\"outcome\":\"off_track\""));
    CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--verify");
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.result()).containsEntry("matched", "0").containsEntry("mismatched", "1");
    assertThat(replay.out()).contains("MISMATCH", "outcome 'fell' replayed, 'off_track' recorded");
    assertThat(replay.errLines()).hasSize(1);
  }

  @Test
  void aMadeUpZeroStepEpisodeIsRefused() throws Exception {
    Path f = dir.resolve("zero.jsonl");
    Files.writeString(f, "{\"format\":\"gdx-rl-episode\",\"version\":1,\"env\":\"cartpole\","
        + "\"seed\":1,\"drivers\":[\"random\"],\"steps\":0,\"return\":0.0,\"terminated\":true,"
        + "\"truncated\":false,\"outcome\":\"fell\",\"actions\":[],\"rewards\":[]}\n");
    CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--verify");
    assertThat(replay.status()).isEqualTo(2);
    assertThat(replay.out()).doesNotContain("RESULT");
    assertThat(replay.errLines()).hasSize(1);
    assertThat(replay.err()).contains("line 1", "at least one step");
    // A step count that disagrees with the arrays is refused the same way.
    Files.writeString(f, Files.readString(f).replace("\"steps\":0", "\"steps\":2")
        .replace("[]", "[1]").replace("\"rewards\":[1]", "\"rewards\":[1.0]")
        .replace("\"return\":0.0", "\"return\":1.0"));
    CliRunner.Run bad = CliRunner.run("replay", f.toString(), "--verify");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.errLines()).hasSize(1);
    assertThat(bad.err()).contains("\"steps\" is 2 but there are 1 actions and 1 rewards");
  }

  @Test
  void aFileNestedTenThousandDeepIsOneLineAndStatusTwo() throws Exception {
    Path top = dir.resolve("deep.jsonl");
    Files.writeString(top, "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    Path inside = dir.resolve("deep-inside.jsonl");
    Files.writeString(inside, "{\"format\":\"gdx-rl-episode\",\"version\":1,\"x\":"
        + "[".repeat(10_000) + "]".repeat(10_000) + "}\n");
    for (Path f : List.of(top, inside)) {
      CliRunner.Run replay = CliRunner.run("replay", f.toString(), "--verify");
      assertThat(replay.status()).as(replay.err()).isEqualTo(2);
      assertThat(replay.errLines()).as(replay.err()).hasSize(1);
      assertThat(replay.err()).contains(f.toString(), "line 1")
          .doesNotContain("StackOverflowError", "Exception", "\tat ");
    }
    assertThat(CliRunner.run("replay", inside.toString(), "--verify").err())
        .contains("nested deeper than 64");
  }
}
