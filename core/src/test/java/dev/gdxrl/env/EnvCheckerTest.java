package dev.gdxrl.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdxrl.registry.EnvChecker;
import dev.gdxrl.registry.EnvDiscoveryException;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  @Test
  void anEnvWhoseEpisodesEndOnlyByTheTimeLimitPasses() {
    EnvRegistry registry = registryWith(e -> e.neverTerminate = true);
    try (Env<float[], Integer> env = Envs.asDiscrete(registry.make("walk"))) {
      SplittableEpisode.requireOnlyTruncation(env);
    }
    assertThat(EnvChecker.check(registry, "walk")).isEmpty();
  }

  @Test
  void anEnvThatStepsBeforeItsFirstResetFails() {
    List<String> failures = EnvChecker.check(registryWith(e -> e.stepBeforeReset = true), "walk");
    assertThat(failures).singleElement().asString()
        .startsWith("step before reset: step() before the first reset() did not throw");
  }

  @Test
  void aFactoryThatThrowsIsOneFailureLineNamingTheEnvAndItsProvider() {
    EnvRegistry registry = new EnvRegistry().register(new EnvRegistry.Entry(WalkEnv.SPEC, () -> {
      throw new IllegalStateException("level.json not found");
    }, null, "test walk"));
    assertThatThrownBy(() -> registry.make("walk"))
        .isInstanceOf(EnvDiscoveryException.class)
        .hasMessage("env 'walk' (from register()) could not be built: its factory threw"
            + " IllegalStateException: level.json not found");
    assertThat(EnvChecker.check(registry, "walk")).singleElement().asString()
        .contains("level.json not found").endsWith("(other checks skipped)");
  }

  @Test
  void anEnvThatStepsOnAfterTerminationFailsAndTheFailureNamesTermination() {
    List<String> failures = EnvChecker.check(registryWith(e -> e.continueAfterEnd = true), "walk");
    assertThat(failures).singleElement().asString()
        .startsWith("reset after terminal: step() after the episode was terminated at step ")
        .contains("did not throw IllegalStateException")
        .contains("layers: RecordEpisodeStatistics > TimeLimit(50) > WalkEnv")
        .doesNotContain("truncated");
  }

  @Test
  void aTruncatingWrapperThatStepsOnFailsAndTheFailureNamesTruncation() {
    List<String> failures = EnvChecker.check(() -> {
      WalkEnv walk = new WalkEnv();
      walk.neverTerminate = true;
      return new LenientTimeLimit(walk, 30);
    });
    assertThat(failures).singleElement().asString()
        .startsWith("reset after terminal: step() after the episode was truncated by a layer that "
            + "is not a TimeLimit at step 30 (layers: LenientTimeLimit > WalkEnv)")
        .doesNotContain("terminated");
  }

  @Test
  void aFailureAfterTheTimeLimitNamesTheTimeLimit() {
    // A layer outside the TimeLimit that swallows its refusal: the checker names the TimeLimit.
    List<String> failures = EnvChecker.check(() -> {
      WalkEnv walk = new WalkEnv();
      walk.neverTerminate = true;
      return new SwallowRefusal(new TimeLimit<>(walk, 20));
    });
    assertThat(failures).anyMatch(f -> f.startsWith("reset after terminal: step() after the "
        + "episode was truncated by TimeLimit(20) at step 20 (layers: SwallowRefusal > "
        + "TimeLimit(20) > WalkEnv)"));
  }

  @Test
  void anEnvInstanceFactoryIsCheckedLikeARegistryId() {
    assertThat(EnvChecker.check(() -> new TimeLimit<>(new WalkEnv(), 50))).isEmpty();
    assertThat(EnvChecker.check(() -> EnvRegistry.discovered().makeRaw("cartpole"))).isEmpty();
    List<String> failures = EnvChecker.check(() -> {
      WalkEnv walk = new WalkEnv();
      walk.ignoreSeed = true;
      return walk;
    });
    assertThat(failures).anyMatch(f -> f.startsWith("determinism"));
  }

  @Test
  void anEnvFacingMissingBox2DNativesFailsWithOneLineSayingWhatToCall() {
    String expected = "spaces: Box2D's native library is not loaded: call "
        + "dev.gdxrl.box2d.Box2DNatives.load() before creating a World (UnsatisfiedLinkError: ";
    List<String> fromFactory = EnvChecker.check(() -> {
      throw new UnsatisfiedLinkError(
          "'long com.badlogic.gdx.utils.BufferUtils.getBufferAddress(java.nio.Buffer)'");
    });
    assertThat(fromFactory).singleElement().asString().startsWith(expected).doesNotContain("\n");
    EnvRegistry registry = new EnvRegistry().register(new EnvRegistry.Entry(WalkEnv.SPEC, () -> {
      throw new UnsatisfiedLinkError("'long com.badlogic.gdx.physics.box2d.World.newWorld()'");
    }, null, "test walk"));
    assertThat(EnvChecker.check(registry, "walk")).singleElement().asString()
        .startsWith(expected);
    List<String> other = EnvChecker.check(() -> {
      throw new UnsatisfiedLinkError("no mygame in java.library.path");
    });
    assertThat(other).containsExactly("spaces: a native library is not loaded "
        + "(UnsatisfiedLinkError: no mygame in java.library.path) (other checks skipped)");
    List<String> unlinked = EnvChecker.check(() -> {
      throw new NoClassDefFoundError("com/example/MyGameSim");
    });
    assertThat(unlinked).containsExactly("spaces: the env's classes cannot be used: "
        + "java.lang.NoClassDefFoundError: com/example/MyGameSim (other checks skipped)");
  }

  @Test
  void aBox2DEnvThatNeverLoadsTheNativesPassesInAFreshJvm()
      throws IOException, InterruptedException {
    // A fresh JVM: no other test has loaded the natives there.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        FreshJvmBox2DCheck.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("before: UnsatisfiedLinkError")
        .contains("supplier: PASS").contains("registry: PASS");
    assertThat(p.exitValue()).isZero();
  }

  private static EnvRegistry registryWith(Consumer<WalkEnv> flaw) {
    return new EnvRegistry().register(new EnvRegistry.Entry(WalkEnv.SPEC, () -> {
      WalkEnv e = new WalkEnv();
      flaw.accept(e);
      return e;
    }, null, "test walk"));
  }

  /** Random episodes of a never-terminating walk end by truncation only. */
  private static final class SplittableEpisode {
    static void requireOnlyTruncation(Env<float[], Integer> env) {
      java.util.SplittableRandom rng = new java.util.SplittableRandom(0);
      for (int e = 0; e < 5; e++) {
        env.reset(e);
        Step<float[]> s;
        do {
          s = env.step(rng.nextInt(2));
        } while (!s.done());
        assertThat(s.truncated()).isTrue();
        assertThat(s.terminated()).isFalse();
      }
    }
  }

  /** A user's time limit that forgets to refuse steps after it truncated. */
  static final class LenientTimeLimit extends Wrapper<float[], Integer> {
    private final int limit;
    private int t;

    LenientTimeLimit(Env<float[], Integer> env, int limit) {
      super(env);
      this.limit = limit;
    }

    @Override
    public float[] reset(long seed) {
      t = 0;
      return env.reset(seed);
    }

    @Override
    public Step<float[]> step(Integer action) {
      Step<float[]> s = env.step(action);
      return ++t >= limit ? new Step<>(s.observation(), s.reward(), s.terminated(), true, s.info())
          : s;
    }
  }

  /** A wrapper that turns the refusal of an ended episode into a repeated last step. */
  static final class SwallowRefusal extends Wrapper<float[], Integer> {
    private Step<float[]> last;

    SwallowRefusal(Env<float[], Integer> env) {
      super(env);
    }

    @Override
    public Step<float[]> step(Integer action) {
      try {
        last = env.step(action);
      } catch (IllegalStateException e) {
        if (last == null) {
          throw e;
        }
      }
      return new Step<>(last.observation().clone(), last.reward(), last.terminated(),
          last.truncated(), last.info());
    }
  }
}
