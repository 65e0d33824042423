package dev.gdxrl.desktop.cli;

import dev.gdxrl.env.EnvRegistry;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code gdx-rl} command. Each subcommand is a small class in this package that reaches shared
 * context (the env registry, the process environment, stdout/stderr) through {@code @ParentCommand
 * Main}; adding a subcommand means writing that class and listing it below.
 *
 * <p>Exit status: 0 success, 1 the work itself failed (for example an env failed its check), 2 bad
 * input (unknown env, malformed or out-of-range value, no display for a windowed command). Bad input
 * prints exactly one line to stderr and touches nothing on disk. {@code RESULT} lines go to stdout,
 * progress to stderr.
 */
@Command(
    name = "gdx-rl",
    mixinStandardHelpOptions = true,
    version = "gdx-rl 0.1.0",
    description = "Box2D games as RL environments: play, watch trained agents, replay, evaluate, benchmark and check them.",
    subcommands = {
      TrainCommand.class,
      PlayCommand.class,
      WatchCommand.class,
      ReplayCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      CheckEnvCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for the work itself failing. */
  public static final int EXIT_FAILURE = 1;
  /** Exit status for bad input; picocli's {@code USAGE} code is the same. */
  public static final int EXIT_USAGE = 2;

  private final EnvRegistry registry;
  private final Map<String, String> environment;

  @Spec CommandSpec spec;

  /**
   * @param registry the envs the commands may name
   * @param environment the process environment (tests pass their own, e.g. one without DISPLAY)
   */
  public Main(EnvRegistry registry, Map<String, String> environment) {
    this.registry = registry;
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = execute(args, out, err, EnvRegistry.builtin(), System.getenv());
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs one command line and returns its exit status; never calls {@code System.exit}. */
  public static int execute(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      EnvRegistry registry,
      Map<String, String> environment) {
    CommandLine cmd = new CommandLine(new Main(registry, environment));
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(Main::oneLineUsageError);
    cmd.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println(commandName(line) + ": error: " + ex);
          ex.printStackTrace(line.getErr());
          return EXIT_FAILURE;
        });
    return cmd.execute(args);
  }

  /** Bad input: one line on stderr naming the problem and where to look, status 2. */
  private static int oneLineUsageError(ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
    line.getErr().println(
        commandName(line) + ": " + message + " (see '" + commandName(line) + " --help')");
    line.getErr().flush();
    return EXIT_USAGE;
  }

  private static String commandName(CommandLine line) {
    return line.getCommandSpec().qualifiedName(" ");
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: train, eval, play, watch, replay, bench or check-env");
  }

  EnvRegistry registry() {
    return registry;
  }

  Map<String, String> environment() {
    return environment;
  }

  /** Throws the usage error picocli reports as one line with status 2. */
  static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The env id if registered, else a usage error listing the known ids. */
  static String requireEnv(CommandSpec spec, EnvRegistry registry, String id) {
    if (id == null || id.isBlank()) {
      throw usage(spec, "--env ID is required; known envs: " + String.join(", ", registry.ids()));
    }
    if (!registry.contains(id)) {
      throw usage(spec, "unknown env '" + id + "'; known envs: " + String.join(", ", registry.ids()));
    }
    return id;
  }

  static long requireNonNegative(CommandSpec spec, String option, long value) {
    if (value < 0) {
      throw usage(spec, option + " must be >= 0, got " + value);
    }
    return value;
  }

  static long requirePositive(CommandSpec spec, String option, long value) {
    if (value < 1) {
      throw usage(spec, option + " must be >= 1, got " + value);
    }
    return value;
  }
}
