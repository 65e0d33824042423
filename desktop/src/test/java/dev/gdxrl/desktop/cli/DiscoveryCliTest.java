package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.example.reach.ReachTargetEnv;
import dev.gdxrl.registry.EnvProvider;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line over discovered envs, as the launcher runs it: {@code --classpath} and
 * {@code GDX_RL_CLASSPATH} add a game's classes; bad entries and broken providers are one line,
 * status 2, and nothing is written.
 */
class DiscoveryCliTest {
  @TempDir Path dir;

  /** A provider whose envs() throws. */
  public static final class BrokenProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      throw new IllegalStateException("level file missing");
    }
  }

  /** A provider declaring the guide's id a second time. */
  public static final class SecondReachProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      return List.of(new EnvRegistry.Entry(new EnvSpec("reach-target", 10, Double.NaN),
          ReachTargetEnv::new));
    }
  }

  /** A provider whose env's factory throws (a level file the game cannot find). */
  public static final class FailingFactoryProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      return List.of(new EnvRegistry.Entry(new EnvSpec("broken-level", 10, Double.NaN), () -> {
        throw new IllegalStateException("level.json not found");
      }));
    }
  }

  /**
   * A controller plug known only through {@code --classpath}: a directory holding {@code
   * cp-only.txt} (its first line the env id) opens as a controller that always picks action 0.
   */
  public static final class ClasspathOnlyControllers implements ControllerProvider {
    @Override
    public String name() {
      return "cp-only";
    }

    @Override
    public String envId(Path source) {
      try {
        return Files.readAllLines(source.resolve("cp-only.txt")).get(0).strip();
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Controller<A> open(Path source, Env<float[], A> env) {
      return Controller.of("cp-only", obs -> (A) Integer.valueOf(0));
    }
  }

  record Run(int status, String out, String err) {}

  private static Run gdxRl(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      status = Main.execute(args, o, e, environment);
    }
    return new Run(status, out.toString(), err.toString());
  }

  /** A class directory whose services file names {@code provider}. */
  private Path gameDir(String name, Class<?> provider) throws IOException {
    Path root = dir.resolve(name);
    Files.createDirectories(root.resolve("META-INF/services"));
    Files.writeString(root.resolve("META-INF/services/" + EnvProvider.class.getName()),
        provider.getName() + "\n");
    return root;
  }

  private void assertOneLineAndNothingWritten(Run r, Path out, String expected) {
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).contains(expected).doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void theGuidesGameIsDiscoveredWithoutAnyCode() {
    Run r = gdxRl(Map.of(), "check-env", "--env", "reach-target");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo("PASS reach-target");
  }

  @Test
  void aMissingClasspathEntryIsOneLine() {
    Path out = dir.resolve("run");
    for (String[] args : List.of(
        new String[] {"--classpath", dir.resolve("nope.jar").toString(), "train", "--env",
            "reach-target", "--algo", "ppo", "--out", out.toString()},
        new String[] {"train", "--classpath", dir.resolve("nope").toString(), "--env",
            "reach-target", "--algo", "ppo", "--out", out.toString()})) {
      assertOneLineAndNothingWritten(gdxRl(Map.of(), args), out, "does not exist");
    }
    Run fromVariable = gdxRl(Map.of(Main.CLASSPATH_VARIABLE, dir.resolve("gone").toString()),
        "train", "--env", "reach-target", "--algo", "ppo", "--out", out.toString());
    assertOneLineAndNothingWritten(fromVariable, out,
        "GDX_RL_CLASSPATH entry '" + dir.resolve("gone") + "' does not exist");
  }

  @Test
  void aProviderThatThrowsIsOneLineNamingIt() throws IOException {
    Path game = gameDir("broken", BrokenProvider.class);
    Path out = dir.resolve("run");
    Run r = gdxRl(Map.of(), "--classpath", game.toString(), "train", "--env", "reach-target",
        "--algo", "ppo", "--out", out.toString());
    assertOneLineAndNothingWritten(r, out, "env provider " + BrokenProvider.class.getName()
        + " failed: IllegalStateException: level file missing");
  }

  @Test
  void anEnvFactoryThatThrowsIsOneLineInEveryCommand() throws IOException {
    Path game = gameDir("failing", FailingFactoryProvider.class);
    Path out = dir.resolve("run");
    for (String[] args : List.of(
        new String[] {"train", "--env", "broken-level", "--algo", "ppo", "--out", out.toString()},
        new String[] {"eval", "--env", "broken-level", "--policy", "random"},
        new String[] {"bench", "--env", "broken-level", "--steps", "100"})) {
      String[] full = new String[args.length + 2];
      full[0] = "--classpath";
      full[1] = game.toString();
      System.arraycopy(args, 0, full, 2, args.length);
      Run r = gdxRl(Map.of(), full);
      assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(args[0]).contains("level.json not found").doesNotContain("\tat ");
      assertThat(r.out().lines().filter(l -> l.startsWith("RESULT"))).as(args[0]).isEmpty();
      assertThat(out).doesNotExist();
    }
    Run check = gdxRl(Map.of(), "--classpath", game.toString(), "check-env", "--env",
        "broken-level");
    assertThat(check.status()).as("check-env: a failed check").isEqualTo(1);
    assertThat(check.out() + check.err()).contains("level.json not found")
        .contains("(other checks skipped)").doesNotContain("\tat ");
  }

  @Test
  void aControllerProviderOnTheClasspathOpensCheckpoints() throws IOException {
    Path game = dir.resolve("controllers");
    Files.createDirectories(game.resolve("META-INF/services"));
    Files.writeString(game.resolve("META-INF/services/" + ControllerProvider.class.getName()),
        ClasspathOnlyControllers.class.getName() + "\n");
    Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
    Files.writeString(ckpt.resolve("cp-only.txt"), "reach-target\n");
    Run r = gdxRl(Map.of(), "--classpath", game.toString(), "eval", "--checkpoint",
        ckpt.toString(), "--episodes", "2");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("RESULT").contains("episodes=2");
  }

  @Test
  void verifyingEpisodesOfAnUnregisteredEnvIsOneUsageLine() {
    Path rec = dir.resolve("reach.jsonl");
    Run recorded = gdxRl(Map.of(), "eval", "--env", "reach-target", "--policy", "random",
        "--episodes", "2", "--record", rec.toString());
    assertThat(recorded.status()).as(recorded.err()).isZero();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(new String[] {"replay", rec.toString(), "--verify"},
        new PrintWriter(out, true), new PrintWriter(err, true), new EnvRegistry(), Map.of());
    assertThat(status).isEqualTo(2);
    assertThat(out.toString()).as("nothing on stdout").isEmpty();
    assertThat(err.toString().lines().toList()).singleElement().asString()
        .contains("env 'reach-target', which is not registered").contains("--classpath");
  }

  @Test
  void aCorruptJarOnTheClasspathIsOneLine() throws IOException {
    Path jars = Files.createDirectories(dir.resolve("jars"));
    Files.writeString(jars.resolve("game.jar"), "not a jar");
    Path out = dir.resolve("run");
    for (String entry : List.of(jars + "/*", jars.resolve("game.jar").toString())) {
      Run r = gdxRl(Map.of(), "--classpath", entry, "train", "--env", "reach-target", "--algo",
          "ppo", "--out", out.toString());
      assertOneLineAndNothingWritten(r, out, "is not a readable jar");
    }
  }

  @Test
  void twoProvidersOfOneIdAreOneLineNamingBoth() throws IOException {
    Path game = gameDir("second", SecondReachProvider.class);
    Path out = dir.resolve("run");
    Run r = gdxRl(Map.of(Main.CLASSPATH_VARIABLE, game.toString()), "train", "--env",
        "reach-target", "--algo", "dqn", "--out", out.toString());
    assertOneLineAndNothingWritten(r, out, "env id 'reach-target' is declared twice, by "
        + "dev.gdxrl.example.reach.ReachTargetProvider and by "
        + SecondReachProvider.class.getName());
  }
}
