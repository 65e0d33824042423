package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.env.EnvProvider;
import dev.gdxrl.env.EnvRegistry;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.example.reach.ReachTargetEnv;
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
