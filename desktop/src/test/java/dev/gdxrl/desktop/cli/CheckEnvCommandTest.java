package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.registry.EnvRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** check-env prints PASS or FAIL lines, never a stack trace. */
class CheckEnvCommandTest {

  @Test
  void aShippedGamePasses() {
    CliRunner.Run run = CliRunner.run("check-env", "--env", "cartpole");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo("PASS cartpole");
  }

  @Test
  void anEnvMissingBox2DsNativesFailsWithOneLineAndNoStackTrace() {
    EnvRegistry registry = new EnvRegistry().register(new EnvRegistry.Entry(
        new EnvSpec("mygame", 100, Double.NaN), () -> {
          throw new UnsatisfiedLinkError(
              "'long com.badlogic.gdx.utils.BufferUtils.getBufferAddress(java.nio.Buffer)'");
        }, null, "a game whose natives are missing"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      status = Main.execute(new String[] {"check-env", "--env", "mygame"}, o, e, registry,
          Map.of());
    }
    assertThat(status).isEqualTo(Main.EXIT_FAILURE);
    assertThat(out.toString().lines().toList()).singleElement().asString()
        .startsWith("FAIL mygame: spaces: Box2D's native library is not loaded: call "
            + "dev.gdxrl.box2d.Box2DNatives.load() before creating a World");
    assertThat(err.toString()).isEmpty();
  }
}
