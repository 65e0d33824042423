package dev.gdxrl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.registry.EnvDiscoveryException;
import dev.gdxrl.registry.EnvProvider;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvDiscoveryTest {

  /** A provider of one test env. */
  public static final class WalkProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      return List.of(new EnvRegistry.Entry(new EnvSpec("walk-found", 50, Double.NaN),
          WalkEnv::new));
    }
  }

  /** A second provider declaring a shipped id. */
  public static final class CartPoleAgainProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      return List.of(new EnvRegistry.Entry(new EnvSpec("cartpole", 50, Double.NaN),
          WalkEnv::new));
    }
  }

  /** A provider whose envs() throws. */
  public static final class BrokenProvider implements EnvProvider {
    @Override
    public List<EnvRegistry.Entry> envs() {
      throw new IllegalStateException("assets/level1.json is missing");
    }
  }

  /** Not an EnvProvider at all, but named in a services file. */
  public static final class NotAProvider {}

  @TempDir Path dir;

  private ClassLoader withServices(String... providerClasses) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(EnvProvider.class.getName()),
        String.join("\n", providerClasses) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void theShippedGamesComeThroughTheirProvider() {
    EnvRegistry r = EnvRegistry.discovered();
    assertThat(r.ids()).contains("cartpole", "lunarlander", "lunarlander-continuous");
    assertThat(r.origin("cartpole")).isEqualTo("dev.gdxrl.registry.BuiltinEnvProvider");
  }

  @Test
  void aProviderOnTheClassPathIsFoundBesideTheShippedOnes() throws IOException {
    EnvRegistry r = EnvRegistry.discovered(withServices(WalkProvider.class.getName()));
    assertThat(r.ids()).contains("cartpole", "walk-found");
    assertThat(r.origin("walk-found")).isEqualTo(WalkProvider.class.getName());
    try (Env<float[], ?> env = r.make("walk-found")) {
      assertThat(env.spec().maxEpisodeSteps()).isEqualTo(50);
    }
  }

  @Test
  void theContextClassLoaderIsWhereDiscoveryLooks() throws IOException {
    ClassLoader loader = withServices(WalkProvider.class.getName());
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      assertThat(EnvRegistry.discovered().ids()).contains("walk-found");
    } finally {
      t.setContextClassLoader(before);
    }
    assertThat(EnvRegistry.discovered().ids()).doesNotContain("walk-found");
  }

  @Test
  void twoProvidersWithOneIdAreOneLineNamingBoth() throws IOException {
    ClassLoader loader = withServices(CartPoleAgainProvider.class.getName());
    assertThatThrownBy(() -> EnvRegistry.discovered(loader))
        .isInstanceOf(EnvDiscoveryException.class)
        .hasMessage("env id 'cartpole' is declared twice, by dev.gdxrl.registry.BuiltinEnvProvider"
            + " and by " + CartPoleAgainProvider.class.getName()
            + "; give one of them another id or take one off the classpath");
  }

  @Test
  void aProviderThatThrowsIsOneLineNamingIt() throws IOException {
    ClassLoader loader = withServices(BrokenProvider.class.getName());
    assertThatThrownBy(() -> EnvRegistry.discovered(loader))
        .isInstanceOf(EnvDiscoveryException.class)
        .hasMessage("env provider " + BrokenProvider.class.getName()
            + " failed: IllegalStateException: assets/level1.json is missing");
  }

  @Test
  void aServicesEntryThatCannotBeLoadedIsOneLine() throws IOException {
    for (String bad : List.of("com.example.Missing", NotAProvider.class.getName())) {
      ClassLoader loader = withServices(bad);
      assertThatThrownBy(() -> EnvRegistry.discovered(loader))
          .isInstanceOf(EnvDiscoveryException.class)
          .hasMessageStartingWith("cannot load an env provider: ServiceConfigurationError: ")
          .hasMessageContaining(bad)
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void registeringAnIdTwiceByHandIsRefused() {
    EnvRegistry r = new EnvRegistry().registerAll(new WalkProvider());
    assertThatThrownBy(() -> r.registerAll(new WalkProvider()))
        .isInstanceOf(EnvDiscoveryException.class)
        .hasMessageContaining("'walk-found' is declared twice");
  }
}
