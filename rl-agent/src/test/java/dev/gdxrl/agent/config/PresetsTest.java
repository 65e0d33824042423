package dev.gdxrl.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.algo.dqn.DqnConfig;
import dev.gdxrl.agent.algo.pg.Ppo;
import dev.gdxrl.agent.testenv.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {
  @TempDir Path tmp;

  final Algorithms algos = Algorithms.builtin();

  /** A class loader that sees preset files written into a fresh folder (as a game's jar would). */
  private ClassLoader gameWith(String folder, String algo, String yaml) throws IOException {
    Path root = tmp.resolve(folder);
    Files.createDirectories(root.resolve(Presets.DIR));
    Files.writeString(root.resolve(Presets.DIR + algo + ".yaml"), yaml);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
  }

  private static <T> T under(ClassLoader loader, Callable<T> work) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return work.call();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void theShippedPresetsAreReadFromCoresFiles() {
    Presets.Preset p = algos.get("dqn").preset("cartpole");
    assertThat(p.source()).startsWith("gdx-rl/presets/dqn.yaml in ").contains("core");
    DqnConfig cartpole = (DqnConfig) algos.get("dqn").defaults("cartpole");
    assertThat(cartpole.learningRate()).isEqualTo(2.3e-3);
    assertThat(cartpole.hidden()).containsExactly(256, 256);
    assertThat(algos.get("dqn").presetTrainKeys("cartpole")).containsEntry("keep_best", true);
    // double-dqn reads dqn's file and switches its target on
    DqnConfig doubleQ = (DqnConfig) algos.get("double-dqn").defaults("cartpole");
    assertThat(doubleQ.doubleQ()).isTrue();
    assertThat(doubleQ.learningRate()).isEqualTo(2.3e-3);
  }

  @Test
  void anEnvWithoutAPresetGetsTheGenericDefaults() {
    assertThat(algos.get("ppo").preset("chain5").source()).isEqualTo("no preset");
    assertThat(algos.get("ppo").defaults("chain5")).isEqualTo(Ppo.PpoConfig.defaults());
    Training t = new Training(TestRegistry.create(), algos, System.err);
    assertThat(t.defaultSteps("chain5", "ppo")).isEqualTo(1_000_000);
    assertThat(t.defaultSteps("chain5", "dqn")).isEqualTo(100_000);
  }

  @Test
  void aGameShipsPresetsForItsOwnEnvAndATrainRunUsesThem() throws Exception {
    ClassLoader game = gameWith("game", "dqn", """
        # tuned for the chain
        chain5:
          steps: 300           # a short run
          learning_starts: 50
          batch_size: 8
          hidden: [16]
          final_eval_episodes: 3
          eval_freq: 0
        """);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    TrainResult r = under(game, () -> {
      DqnConfig c = (DqnConfig) algos.get("dqn").defaults("chain5");
      assertThat(c.batchSize()).isEqualTo(8);
      assertThat(c.hidden()).containsExactly(16);
      Training t = new Training(TestRegistry.create(), algos, new PrintStream(log, true));
      return t.train(new TrainRequest("chain5", "dqn", null, 1, "cpu", null, Map.of(),
          tmp.resolve("run"), null, false));
    });
    assertThat(r.steps()).isEqualTo(300);
    assertThat(r.resultLine()).contains(" episodes=3 ");
    assertThat(log.toString()).contains("# preset: gdx-rl/presets/dqn.yaml in file:")
        .contains("batch_size: 8").contains("learning_starts: 50");
    // the same request without the game's files: generic defaults, and the log says so
    ByteArrayOutputStream log2 = new ByteArrayOutputStream();
    new Training(TestRegistry.create(), algos, new PrintStream(log2, true)).train(
        new TrainRequest("chain5", "dqn", 200L, 1, "cpu", null,
            Map.of("final_eval_episodes", "1", "eval_freq", "0"), tmp.resolve("run2"), null,
            false));
    assertThat(log2.toString()).contains("# preset: none for this env and algo: generic defaults")
        .contains("batch_size: 32");
  }

  @Test
  void twoFilesPresettingOneEnvAreOneLineNamingBoth() throws Exception {
    ClassLoader a = gameWith("a", "ppo", "chain5:\n  n_envs: 2\n");
    gameWith("b", "ppo", "chain5:\n  n_envs: 4\n");
    ClassLoader both = new URLClassLoader(new URL[] {tmp.resolve("b").toUri().toURL()}, a);
    assertThatThrownBy(() -> under(both, () -> algos.get("ppo").defaults("chain5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("env 'chain5' has two ppo presets, in file:")
        .hasMessageEndingWith("; keep one of them");
    // two identical copies of one file in different places (one game's jar twice on a class
    // path, under two names) are fine: two URLs, the same bytes
    ClassLoader copyA = gameWith("copy1", "ppo", "chain5:\n  n_envs: 2\n");
    gameWith("copy2", "ppo", "chain5:\n  n_envs: 2\n");
    ClassLoader same = new URLClassLoader(new URL[] {tmp.resolve("copy2").toUri().toURL()}, copyA);
    assertThat(under(same, () -> ((Ppo.PpoConfig) algos.get("ppo").defaults("chain5")).nEnvs()))
        .isEqualTo(2);
  }

  @Test
  void badPresetFilesAreOneLine() throws Exception {
    List<String[]> cases = List.of(
        new String[] {"chain5:\n  n_envz: 2\n", "unknown key 'n_envz'"},
        new String[] {"chain5:\n  n_envs: -2\n", "n_envs"},
        new String[] {"chain5:\n  n_envs: 2\n  n_envs: 3\n", "cannot read preset file"},
        new String[] {"chain5: 3\n", "env 'chain5' must hold key: value lines"},
        new String[] {"- a\n- b\n", "must map env ids to key: value lines"});
    int i = 0;
    for (String[] c : cases) {
      ClassLoader game = gameWith("bad" + i++, "ppo", c[0]);
      assertThatThrownBy(() -> under(game, () -> algos.get("ppo").defaults("chain5")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(c[1])
          .hasMessageNotContaining("\n");
    }
  }
}
