package dev.gdxrl.desktop.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The episode file format, pinned byte for byte: files written by gdx-rl before its reader and
 * writer were rewritten (the {@code golden/} test resources) must still be written exactly so and
 * read back to equal records.
 *
 * <p>{@code cartpole.jsonl}, {@code lunarlander.jsonl} and {@code lunarlander-continuous.jsonl}
 * are real episodes ({@code eval --policy random --episodes 1 --record}, seeds 3 and 5 for
 * cartpole, 2 for the landers); {@code synthetic.jsonl} is {@link #synthetic()} written by the old
 * writer: awkward doubles and floats, extreme seeds and every kind of character a string may hold.
 */
class EpisodeFileGoldenTest {
  @TempDir Path dir;

  /** Episodes made up to reach every corner of the format. */
  static List<EpisodeRecord> synthetic() {
    EpisodeRecorder d = new EpisodeRecorder("lunarlander", 0);
    d.start(Long.MIN_VALUE);
    double[] rewards = {0.1, -1.0 / 3, 1e-17, 123456.789012345678, -0.0, 0.0, 1e300,
        -Double.MIN_VALUE, Double.MAX_VALUE / 1e10, 100.0};
    int[] actions = {0, 3, 2, 1, 0, Integer.MAX_VALUE, 0, 1, 2, 3};
    for (int t = 0; t < rewards.length; t++) {
      d.add(actions[t], rewards[t], t < 3 ? "agent" : t < 6 ? "human" : "agent");
    }
    EpisodeRecord discreteLanded = d.finish(true, false, "landed");

    EpisodeRecorder c = new EpisodeRecorder("lunarlander-continuous", 2);
    c.start(Long.MAX_VALUE);
    float[][] acts = {{-0.0f, 1e-10f}, {Float.MIN_VALUE, -1f}, {1f / 3, 0.1f}, {3.4e38f, 7f}};
    for (int t = 0; t < acts.length; t++) {
      c.add(acts[t], -t / 7.0, "heuristic");
    }
    EpisodeRecord continuousTruncated = c.finish(false, true, null);

    EpisodeRecorder s = new EpisodeRecorder("my-game/\"quoted\" \\ env", 0);
    s.start(0);
    s.add(1, 1.0, "tab\there, newline\nthere, cr\r, bell\u0007, bs\b, ff\f, us\u001f");
    s.add(0, 0.5, "caf\u00e9 \u00fc\u00df \u20ac \ud83d\ude00 / slash");
    EpisodeRecord strings = s.finish(true, true, "odd \"outcome\" \\ \u0001");
    return List.of(discreteLanded, continuousTruncated, strings);
  }

  @Test
  void theWriterWritesTheGoldenBytes() throws Exception {
    for (String name : List.of("cartpole", "lunarlander", "lunarlander-continuous",
        "synthetic")) {
      byte[] golden = golden(name);
      List<EpisodeRecord> episodes = name.equals("synthetic") ? synthetic()
          : EpisodeFile.read(goldenFile(name));
      Path f = dir.resolve(name + ".written.jsonl");
      try (EpisodeFile.Writer w = new EpisodeFile.Writer(f)) {
        for (EpisodeRecord e : episodes) {
          w.write(e);
        }
      }
      assertThat(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)).as(name)
          .isEqualTo(new String(golden, StandardCharsets.UTF_8));
      assertThat(Files.readAllBytes(f)).as(name).isEqualTo(golden);
    }
  }

  @Test
  void theReaderReadsTheSyntheticGoldenToEqualRecords() throws Exception {
    List<EpisodeRecord> back = EpisodeFile.read(goldenFile("synthetic"));
    List<EpisodeRecord> expected = synthetic();
    assertThat(back).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertSame(back.get(i), expected.get(i));
    }
  }

  @Test
  void theReaderReadsTheRealGoldensToTheirFields() throws Exception {
    List<EpisodeRecord> cart = EpisodeFile.read(goldenFile("cartpole"));
    assertThat(cart).hasSize(2);
    assertThat(cart).extracting(EpisodeRecord::envId).containsOnly("cartpole");
    assertThat(cart).extracting(EpisodeRecord::length).containsExactly(10, 9);
    assertThat(cart).extracting(EpisodeRecord::outcome).containsOnly("fell");
    assertThat(cart).allSatisfy(e -> {
      assertThat(e.drivers()).containsExactly("random");
      assertThat(e.terminated()).isTrue();
      assertThat(e.truncated()).isFalse();
      assertThat(e.rewards()).containsOnly(1.0);
      assertThat(e.episodeReturn()).isEqualTo(e.length());
    });
    EpisodeRecord second = cart.get(1);
    assertThat(second.seed()).isEqualTo(-2354278256142381146L);
    assertThat(second.discreteActions()).containsExactly(0, 1, 1, 1, 1, 1, 1, 1, 1);

    EpisodeRecord lander = EpisodeFile.read(goldenFile("lunarlander")).get(0);
    assertThat(lander.envId()).isEqualTo("lunarlander");
    assertThat(lander.seed()).isEqualTo(-5076651876534080299L);
    assertThat(lander.length()).isEqualTo(59);
    assertThat(lander.discrete()).isTrue();
    assertThat(lander.episodeReturn()).isEqualTo(-267.7180924055143);
    assertThat(lander.rewards()[0]).isEqualTo(-1.0749444536530746);
    assertThat(lander.rewards()[58]).isEqualTo(-100.0);
    assertThat(lander.outcome()).isEqualTo("crashed");
    assertThat(lander.terminated()).isTrue();

    EpisodeRecord cont = EpisodeFile.read(goldenFile("lunarlander-continuous")).get(0);
    assertThat(cont.envId()).isEqualTo("lunarlander-continuous");
    assertThat(cont.length()).isEqualTo(75);
    assertThat(cont.discrete()).isFalse();
    assertThat(cont.continuousActions()[0]).containsExactly(0.18237947f, 0.49829936f);
    assertThat(cont.continuousActions()[5]).containsExactly(-0.32103676f, -0.124347605f);
    assertThat(cont.episodeReturn()).isEqualTo(-167.8905014096778);
    assertThat(cont.outcome()).isEqualTo("crashed");
    for (List<EpisodeRecord> eps : List.of(cart, List.of(lander, cont))) {
      for (EpisodeRecord e : eps) {
        assertThat(Double.doubleToLongBits(EpisodeRecord.sum(e.rewards())))
            .isEqualTo(Double.doubleToLongBits(e.episodeReturn()));
      }
    }
  }

  /** Every field equal, doubles and floats to the bit. */
  static void assertSame(EpisodeRecord actual, EpisodeRecord expected) {
    assertThat(actual.envId()).isEqualTo(expected.envId());
    assertThat(actual.seed()).isEqualTo(expected.seed());
    assertThat(actual.drivers()).isEqualTo(expected.drivers());
    assertThat(actual.discrete()).isEqualTo(expected.discrete());
    assertThat(actual.length()).isEqualTo(expected.length());
    for (int t = 0; t < expected.length(); t++) {
      if (expected.discrete()) {
        assertThat(actual.discreteActions()[t]).isEqualTo(expected.discreteActions()[t]);
      } else {
        float[] a = actual.continuousActions()[t];
        float[] x = expected.continuousActions()[t];
        assertThat(a).hasSameSizeAs(x);
        for (int j = 0; j < x.length; j++) {
          assertThat(Float.floatToRawIntBits(a[j])).isEqualTo(Float.floatToRawIntBits(x[j]));
        }
      }
      assertThat(Double.doubleToRawLongBits(actual.rewards()[t]))
          .isEqualTo(Double.doubleToRawLongBits(expected.rewards()[t]));
    }
    assertThat(Double.doubleToRawLongBits(actual.episodeReturn()))
        .isEqualTo(Double.doubleToRawLongBits(expected.episodeReturn()));
    assertThat(actual.terminated()).isEqualTo(expected.terminated());
    assertThat(actual.truncated()).isEqualTo(expected.truncated());
    assertThat(actual.outcome()).isEqualTo(expected.outcome());
  }

  static byte[] golden(String name) throws IOException {
    try (InputStream in = EpisodeFileGoldenTest.class.getResourceAsStream(
        "golden/" + name + ".jsonl")) {
      assertThat(in).as("golden/" + name + ".jsonl").isNotNull();
      return in.readAllBytes();
    }
  }

  /** The golden file copied to the temporary folder (the reader reads paths). */
  Path goldenFile(String name) throws IOException {
    Path f = dir.resolve(name + ".jsonl");
    if (!Files.exists(f)) {
      Files.write(f, golden(name));
    }
    return f;
  }
}
