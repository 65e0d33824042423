package dev.gdxrl.desktop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The episode file: exact round trips of doubles and floats, clear errors on bad lines. */
class EpisodeFileTest {
  @TempDir Path dir;

  @Test
  void discreteAndContinuousEpisodesRoundTripExactly() throws Exception {
    EpisodeRecorder d = new EpisodeRecorder("lunarlander", 0);
    d.start(42);
    double[] rewards = {0.1, -1.0 / 3, 1e-17, 123456.789012345678, -0.0};
    for (int t = 0; t < rewards.length; t++) {
      d.add(t % 4, rewards[t], t < 2 ? "agent" : "human");
    }
    EpisodeRecord a = d.finish(true, false, "landed");
    EpisodeRecorder c = new EpisodeRecorder("lunarlander-continuous", 2);
    c.start(7);
    for (int t = 0; t < 300; t++) { // grows past the initial capacity
      c.add(new float[] {(float) Math.sin(t) / 3f, 0.1f * t % 1f}, Math.cos(t) / 7, "heuristic");
    }
    EpisodeRecord b = c.finish(false, true, null);

    Path f = dir.resolve("eps.jsonl");
    try (EpisodeFile.Writer w = new EpisodeFile.Writer(f)) {
      w.write(a);
      w.write(b);
    }
    assertThat(Files.readAllLines(f)).hasSize(2);
    List<EpisodeRecord> back = EpisodeFile.read(f);
    EpisodeRecord a2 = back.get(0);
    assertThat(a2.envId()).isEqualTo("lunarlander");
    assertThat(a2.seed()).isEqualTo(42);
    assertThat(a2.drivers()).containsExactly("agent", "human");
    assertThat(a2.discreteActions()).containsExactly(0, 1, 2, 3, 0);
    assertThat(a2.rewards()).containsExactly(rewards);
    assertThat(a2.episodeReturn()).isEqualTo(EpisodeRecord.sum(rewards));
    assertThat(a2.terminated()).isTrue();
    assertThat(a2.outcome()).isEqualTo("landed");
    EpisodeRecord b2 = back.get(1);
    assertThat(b2.discrete()).isFalse();
    assertThat(b2.length()).isEqualTo(300);
    for (int t = 0; t < 300; t++) {
      assertThat(b2.continuousActions()[t]).containsExactly(b.continuousActions()[t]);
      assertThat(b2.rewards()[t]).isEqualTo(b.rewards()[t]);
    }
    assertThat(b2.episodeReturn()).isEqualTo(b.episodeReturn());
    assertThat(b2.truncated()).isTrue();
    assertThat(b2.outcome()).isNull();
  }

  @Test
  void badLinesAreNamedWithTheirLineNumber() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    EpisodeRecorder r = new EpisodeRecorder("cartpole", 0);
    r.start(1);
    r.add(1, 1.0, "human");
    Files.writeString(f, EpisodeFile.toJson(r.finish(true, false, "fell")) + "\n{\"format\":1}\n");
    assertThatThrownBy(() -> EpisodeFile.read(f)).hasMessageContaining("line 2");
    Files.writeString(f, "{\"format\":\"gdx-rl-episode\",\"version\":1,\"env\":\"cartpole\","
        + "\"seed\":1,\"drivers\":[],\"return\":1.0,\"actions\":[1,1],\"rewards\":[1.0]}\n");
    assertThatThrownBy(() -> EpisodeFile.read(f)).hasMessageContaining("missing \"steps\"");
    Files.writeString(f, "{\"format\":\"gdx-rl-episode\",\"version\":1,\"env\":\"cartpole\"");
    assertThatThrownBy(() -> EpisodeFile.read(f)).hasMessageContaining("line 1")
        .hasMessageContaining("bad JSON");
    Files.writeString(f, "\n\n");
    assertThatThrownBy(() -> EpisodeFile.read(f)).hasMessageContaining("no episodes");
  }
}
