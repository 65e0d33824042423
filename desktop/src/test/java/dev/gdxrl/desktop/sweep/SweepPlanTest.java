package dev.gdxrl.desktop.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files, the short form, and how a plan expands: grids, random search, stable ids. */
class SweepPlanTest {
  @TempDir Path dir;

  private SweepSpec file(String yaml) throws IOException {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, yaml);
    return SweepSpec.read(f);
  }

  @Test
  void aGridIsTheProductOfItsListsTimesTheSeedsConfigMajor() throws IOException {
    SweepPlan p = SweepPlan.of(file("""
        env: cartpole
        algo: ppo
        steps: 1000
        seeds: 1-3
        set: {n_envs: 4}
        space:
          learning_rate: [1.0e-4, 3.0e-4]
          n_epochs: [4, 10]
        """));
    assertThat(p.configs()).hasSize(4);
    assertThat(p.runs()).hasSize(12);
    assertThat(p.configs()).extracting(SweepPlan.Config::label).containsExactly(
        "learning_rate=1.0e-4 n_epochs=4", "learning_rate=1.0e-4 n_epochs=10",
        "learning_rate=3.0e-4 n_epochs=4", "learning_rate=3.0e-4 n_epochs=10");
    assertThat(p.runs().subList(0, 3)).extracting(RunSpec::seed).containsExactly(1L, 2L, 3L);
    assertThat(p.runs().get(0).settings()).containsExactly(Map.entry("n_envs", "4"),
        Map.entry("learning_rate", "1.0e-4"), Map.entry("n_epochs", "4"));
    assertThat(p.runs()).extracting(RunSpec::id).doesNotHaveDuplicates();
    assertThat(p.runs().get(0).id()).matches("learning_rate=1.0e-4_n_epochs=4-[0-9a-f]{8}-s1");
  }

  @Test
  void runIdsAreStableAndChangeWithTheConfig() {
    SweepSpec a = spec(Map.of("learning_rate", new SweepSpec.Values(List.of("1e-3"))), null);
    SweepSpec b = spec(Map.of("learning_rate", new SweepSpec.Values(List.of("1e-3"))), null);
    assertThat(SweepPlan.of(a).runs()).isEqualTo(SweepPlan.of(b).runs());
    SweepSpec c = spec(Map.of("learning_rate", new SweepSpec.Values(List.of("2e-3"))), null);
    assertThat(SweepPlan.of(c).configs().get(0).id())
        .isNotEqualTo(SweepPlan.of(a).configs().get(0).id());
    SweepSpec longer = new SweepSpec("cartpole", "ppo", 2000L, List.of(1L), Map.of(),
        a.space(), null, 0, null);
    assertThat(SweepPlan.of(longer).configs().get(0).id())
        .isNotEqualTo(SweepPlan.of(a).configs().get(0).id());
  }

  @Test
  void oneNumberWrittenTwoWaysIsOneConfig() {
    SweepSpec a = spec(Map.of("learning_rate", new SweepSpec.Values(List.of("3e-4"))), null);
    SweepSpec b = spec(Map.of("learning_rate", new SweepSpec.Values(List.of("0.00030"))), null);
    assertThat(SweepPlan.of(a).configs().get(0).id())
        .isEqualTo(SweepPlan.of(b).configs().get(0).id());
    assertThat(SweepPlan.canonical("64")).isEqualTo(SweepPlan.canonical("64.0"));
    assertThat(SweepPlan.canonical("[64, 64]")).isEqualTo("[64, 64]");
    assertThat(SweepPlan.canonical("relu")).isEqualTo("relu");
  }

  @Test
  void aRandomSearchIsSeededAndStaysInItsRanges() {
    Map<String, SweepSpec.Dimension> space = new LinkedHashMap<>();
    space.put("learning_rate", new SweepSpec.Range(1e-5, 1e-2, true, false));
    space.put("ent_coef", new SweepSpec.Range(0, 0.01, false, false));
    space.put("n_epochs", new SweepSpec.Range(3, 6, false, true));
    SweepPlan p = SweepPlan.of(spec(space, 20));
    assertThat(p.configs()).hasSize(20);
    assertThat(SweepPlan.of(spec(space, 20)).configs()).isEqualTo(p.configs());
    for (SweepPlan.Config c : p.configs()) {
      double lr = Double.parseDouble(c.settings().get("learning_rate"));
      double ent = Double.parseDouble(c.settings().get("ent_coef"));
      int epochs = Integer.parseInt(c.settings().get("n_epochs"));
      assertThat(lr).isBetween(1e-5, 1e-2);
      assertThat(ent).isBetween(0.0, 0.01);
      assertThat(epochs).isBetween(3, 6);
    }
    // log-uniform: about half the draws below the geometric middle 3.2e-4 (not a tenth)
    long low = p.configs().stream()
        .filter(c -> Double.parseDouble(c.settings().get("learning_rate")) < 3.16e-4).count();
    assertThat(low).isBetween(5L, 15L);
    SweepSpec other = new SweepSpec("cartpole", "ppo", 1000L, List.of(1L), Map.of(), space, 20,
        7, null);
    assertThat(SweepPlan.of(other).configs()).isNotEqualTo(p.configs());
  }

  @Test
  void samplesOfAGridAreDistinctPointsAndNoMoreThanItHas() {
    Map<String, SweepSpec.Dimension> space = Map.of("learning_rate",
        new SweepSpec.Values(List.of("1e-4", "3e-4", "1e-3")));
    assertThat(SweepPlan.of(spec(space, 2)).configs()).hasSize(2)
        .extracting(SweepPlan.Config::label).doesNotHaveDuplicates();
    assertThatThrownBy(() -> SweepPlan.of(spec(space, 4)))
        .hasMessageContaining("samples 4 is more points than the grid has (3)");
  }

  @Test
  void badSweepFilesAreOneLineNamingTheProblem() {
    assertThatThrownBy(() -> file("env: cartpole\nalgo: ppo\nseeds: 1\nlearning_rate: 1\n"))
        .hasMessageContaining("unknown key 'learning_rate'").hasMessageContaining("space");
    assertThatThrownBy(() -> file("env: cartpole\nalgo: ppo\nseeds: 1\nspace:\n  gamma: []\n"))
        .hasMessageContaining("space.gamma is an empty search space");
    assertThatThrownBy(() -> file(
        "env: cartpole\nalgo: ppo\nseeds: 1\nspace:\n  gamma: {range: [0.99, 0.9]}\n"))
        .hasMessageContaining("min 0.99 is above max 0.9");
    assertThatThrownBy(() -> file(
        "env: cartpole\nalgo: ppo\nseeds: 1\nspace:\n  learning_rate: {log_range: [0, 1]}\n"))
        .hasMessageContaining("a log_range needs bounds above 0");
    assertThatThrownBy(() -> file("env: cartpole\nalgo: ppo\nseeds: 3-1\n"))
        .hasMessageContaining("'3-1' is not a range of seeds");
    assertThatThrownBy(() -> file("env: [cartpole\n")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> file("")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> file("env: cartpole\nenv: lunarlander\n"))
        .hasMessageContaining("not valid YAML").hasMessageContaining("env");
    for (Throwable t : List.of(catchIt("env: cartpole\nalgo: ppo\nseeds: 1\nspace: 3\n"),
        catchIt("seeds: [1, 1]\n"), catchIt("steps: -5\n"))) {
      assertThat(t).isInstanceOf(IllegalArgumentException.class);
      assertThat(t.getMessage()).doesNotContain("\n");
    }
  }

  @Test
  void theShortFormParsesSeedsGridsAndRanges() {
    assertThat(SweepSpec.parseSeeds("1-3,7", "--seeds")).containsExactly(1L, 2L, 3L, 7L);
    assertThat(SweepSpec.parseGrid("learning_rate=1e-4,3e-4").getValue())
        .isEqualTo(new SweepSpec.Values(List.of("1e-4", "3e-4")));
    assertThat(SweepSpec.parseRange("ent_coef=0:0.01", false).getValue())
        .isEqualTo(new SweepSpec.Range(0, 0.01, false, false));
    assertThatThrownBy(() -> SweepSpec.parseGrid("learning_rate=")).hasMessageContaining(
        "empty value");
    assertThatThrownBy(() -> SweepSpec.parseRange("learning_rate=-1:1", true))
        .hasMessageContaining("log_range needs bounds above 0");
    assertThatThrownBy(() -> SweepPlan.of(spec(Map.of("ent_coef",
        new SweepSpec.Range(0, 1, false, false)), null))).hasMessageContaining("--samples N");
  }

  @Test
  void theReadmesExampleSweepFileIsValid() {
    SweepPlan p = SweepPlan.of(SweepSpec.read(Path.of("sweeps/lander-search.yaml")));
    Sweep.check(p, dev.gdxrl.registry.EnvRegistry.discovered(), dev.gdxrl.agent.Algorithms.builtin());
    assertThat(p.configs()).hasSize(8);
    assertThat(p.runs()).hasSize(24);
    assertThat(p.runs().get(0).settings()).containsKeys("n_envs", "learning_rate", "ent_coef",
        "n_epochs", "gae_lambda");
  }

  private Throwable catchIt(String yaml) {
    try {
      SweepPlan.of(file(yaml));
      return new AssertionError("accepted: " + yaml);
    } catch (Exception e) {
      return e;
    }
  }

  private static SweepSpec spec(Map<String, SweepSpec.Dimension> space, Integer samples) {
    return new SweepSpec("cartpole", "ppo", 1000L, List.of(1L, 2L), Map.of(), space, samples, 0,
        null);
  }
}
