package dev.gdxrl.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvCheckerTest {

  static List<String> builtinIds() {
    return EnvRegistry.discovered().ids();
  }

  @ParameterizedTest
  @MethodSource("builtinIds")
  void everyBuiltinEnvPasses(String id) {
    assertThat(EnvChecker.check(EnvRegistry.discovered(), id)).isEmpty();
  }

  @Test
  void aCorrectTestEnvPasses() {
    assertThat(EnvChecker.check(registryWith(e -> {}), "walk")).isEmpty();
  }

  @Test
  void anEnvThatIgnoresItsSeedFailsDeterminism() {
    List<String> failures = EnvChecker.check(registryWith(e -> e.ignoreSeed = true), "walk");
    assertThat(failures).anyMatch(f -> f.startsWith("determinism"));
  }

  @Test
  void anEnvThatAcceptsInvalidActionsFails() {
    List<String> failures = EnvChecker.check(registryWith(e -> e.acceptAnyAction = true), "walk");
    assertThat(failures).anyMatch(f -> f.startsWith("invalid actions"));
  }

  @Test
  void anEnvThatReusesItsObservationArrayFails() {
    List<String> failures = EnvChecker.check(registryWith(e -> e.reuseObservation = true), "walk");
    assertThat(failures).anyMatch(f -> f.startsWith("observations not reused"));
  }

  private static EnvRegistry registryWith(Consumer<WalkEnv> flaw) {
    return new EnvRegistry().register(new EnvRegistry.Entry(WalkEnv.SPEC, () -> {
      WalkEnv e = new WalkEnv();
      flaw.accept(e);
      return e;
    }, null, "test walk"));
  }
}
