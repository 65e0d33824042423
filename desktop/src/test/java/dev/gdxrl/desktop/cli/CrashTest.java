package dev.gdxrl.desktop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever escapes a command is one line on stderr: an env whose factory throws is the game's
 * (bad input, status 2, no stack trace); a throw from inside the work (a RuntimeException, an
 * OutOfMemoryError, a StackOverflowError from an env's step) is an internal error, status 1, with
 * its stack trace in a log file whose path the line names, never on the terminal.
 */
class CrashTest {
  @TempDir Path dir;

  /** Throws {@code what} from step (or from its constructor, when {@code inFactory}). */
  static final class Throwing implements Env<float[], Integer> {
    private final EnvSpec spec;
    private final Supplier<Throwable> what;

    Throwing(EnvSpec spec, Supplier<Throwable> what, boolean inFactory) {
      this.spec = spec;
      this.what = what;
      if (inFactory) {
        sneaky(what.get());
      }
    }

    @Override
    public float[] reset(long seed) {
      return new float[] {0, 0};
    }

    @Override
    public Step<float[]> step(Integer action) {
      return sneaky(what.get());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable, R> R sneaky(Throwable t) throws T {
      throw (T) t;
    }

    @Override
    public Space<float[]> observationSpace() {
      return Box.uniform(2, -1, 1);
    }

    @Override
    public Space<Integer> actionSpace() {
      return new Discrete(2);
    }

    @Override
    public EnvSpec spec() {
      return spec;
    }

    @Override
    public void close() {}
  }

  static int depth(int n) {
    return n == Integer.MIN_VALUE ? 0 : depth(n + 1) + 1;
  }

  static final Map<String, Supplier<Throwable>> THROWS = Map.of(
      "runtime", () -> new IllegalStateException("the step broke"),
      "oom", () -> new OutOfMemoryError("Java heap space"),
      "soe", () -> {
        try {
          depth(0);
        } catch (StackOverflowError e) {
          return e;
        }
        return new AssertionError("no stack overflow");
      });

  static EnvRegistry registry() {
    EnvRegistry r = new EnvRegistry();
    for (Map.Entry<String, Supplier<Throwable>> e : THROWS.entrySet()) {
      for (boolean factory : new boolean[] {false, true}) {
        EnvSpec spec = new EnvSpec((factory ? "make-" : "step-") + e.getKey(), 50, 0);
        r.register(new EnvRegistry.Entry(spec, () -> new Throwing(spec, e.getValue(), factory),
            null, "throws " + e.getKey()));
      }
    }
    return r;
  }

  static Stream<String> cases() {
    return Stream.of(
        "step-runtime eval 1 internal error: IllegalStateException: the step broke",
        "step-oom eval 1 out of memory",
        "step-soe eval 1 stack overflow",
        "step-runtime train 1 internal error: IllegalStateException: the step broke",
        "step-oom train 1 out of memory",
        "step-soe train 1 stack overflow",
        "make-runtime eval 2 the step broke",
        "make-oom eval 1 out of memory",
        "make-soe eval 1 stack overflow");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void whatEscapesACommandIsOneLineAndTheTraceGoesToALog(String c) throws IOException {
    String[] p = c.split(" ", 4);
    Path logs = dir.resolve("logs");
    String[] args = p[1].equals("eval")
        ? new String[] {"eval", "--env", p[0], "--policy", "random", "--episodes", "1"}
        : new String[] {"train", "--env", p[0], "--algo", "qtable", "--steps", "500",
            "--no-progress", "--out", dir.resolve("out").toString()};
    CliRunner.Run run = CliRunner.run(registry(), Map.of("GDX_RL_LOG_DIR", logs.toString()),
        args);
    int status = Integer.parseInt(p[2]);
    assertThat(run.status()).as(run.err()).isEqualTo(status);
    List<String> lines = run.errLines();
    String last = lines.get(lines.size() - 1);
    assertThat(last).startsWith("gdx-rl " + p[1] + ": ").contains(p[3]);
    assertThat(run.err()).doesNotContain("\tat ", "Exception in");
    if (p[1].equals("eval")) {
      assertThat(lines).hasSize(1);
    } else {
      // train logs its config first; the error is the one line after it
      assertThat(lines.stream().filter(l -> l.startsWith("gdx-rl "))).hasSize(1);
      assertThat(dir.resolve("out")).doesNotExist();
    }
    if (status == 1) {
      assertThat(last).contains("stack trace in " + logs);
      Path log = Path.of(last.substring(last.indexOf("stack trace in ") + 15,
          last.indexOf(" (please report it)")));
      assertThat(Files.readString(log)).contains("\tat ", "CrashTest");
    } else {
      assertThat(logs).doesNotExist();
    }
  }
}
