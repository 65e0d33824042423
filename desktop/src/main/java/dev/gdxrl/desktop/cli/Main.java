package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.registry.EnvDiscoveryException;
import dev.gdxrl.registry.EnvRegistry;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
 *
 * <p>Envs: every {@link dev.gdxrl.registry.EnvProvider} on the classpath, the shipped games included;
 * {@code --classpath} (or {@code GDX_RL_CLASSPATH}) adds a game's jars or class directories. The
 * context class loader is set to include them, so their presets, views and controller providers
 * are found the same way.
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
      SweepCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit status for the work itself failing. */
  public static final int EXIT_FAILURE = 1;
  /** Exit status for bad input; picocli's {@code USAGE} code is the same. */
  public static final int EXIT_USAGE = 2;

  /** The environment variable that adds entries to {@code --classpath}. */
  public static final String CLASSPATH_VARIABLE = "GDX_RL_CLASSPATH";

  /** Appended to "not registered" messages. */
  static final String OWN_GAME_HINT = " (an env of your own game: add its classes with"
      + " --classpath or " + CLASSPATH_VARIABLE + ")";

  private final Function<ClassLoader, EnvRegistry> registries;
  private final Map<String, String> environment;
  private EnvRegistry registry;
  private URLClassLoader ownLoader; // the --classpath loader, closed after the command

  @Spec CommandSpec spec;

  @Option(names = "--classpath", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
      description = "Jars and class directories of your own game, separated by ':' (';' on "
          + "Windows; an entry DIR/* means every jar in DIR); their env "
          + "providers, presets and views are used like the shipped ones. Also read from "
          + CLASSPATH_VARIABLE + ".")
  String classpath;

  /**
   * @param registries the envs the commands may name, made from the class loader that sees the
   *     game's classes ({@code --classpath} included); {@link EnvRegistry#discovered(ClassLoader)}
   *     in the real command
   * @param environment the process environment (tests pass their own, e.g. one without DISPLAY)
   */
  public Main(Function<ClassLoader, EnvRegistry> registries, Map<String, String> environment) {
    this.registries = registries;
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = execute(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * Runs one command line over the discovered envs and returns its exit status; never calls
   * {@code System.exit}. This is also how a game's own {@code main} (or {@code mvn exec:java})
   * runs the command line over its envs.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err,
      Map<String, String> environment) {
    return execute(args, out, err, EnvRegistry::discovered, environment);
  }

  /** Runs one command line over a fixed registry (tests); {@code --classpath} still applies. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err,
      EnvRegistry registry, Map<String, String> environment) {
    return execute(args, out, err, loader -> registry, environment);
  }

  /** Runs one command line; the registry is made once, from the game's class loader. */
  public static int execute(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Function<ClassLoader, EnvRegistry> registries,
      Map<String, String> environment) {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try {
      return run(args, out, err, registries, environment);
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  private static int run(String[] args, PrintWriter out, PrintWriter err,
      Function<ClassLoader, EnvRegistry> registries, Map<String, String> environment) {
    Main main = new Main(registries, environment);
    try {
      return run(main, args, out, err);
    } finally {
      main.closeGameLoader();
    }
  }

  private static int run(Main main, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(main);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(Main::oneLineUsageError);
    cmd.setExecutionExceptionHandler((ex, line, parsed) -> main.failed(ex, line));
    // picocli passes Exceptions to the handler above; an Error (OutOfMemoryError,
    // StackOverflowError, ...) from a command would escape it, so it is caught here
    cmd.setExecutionStrategy(parsed -> {
      try {
        return new CommandLine.RunLast().execute(parsed);
      } catch (CommandLine.ExecutionException | ParameterException e) {
        throw e;
      } catch (Error e) {
        List<CommandLine> lines = parsed.asCommandLineList();
        return main.failed(e, lines.get(lines.size() - 1));
      }
    });
    return cmd.execute(args);
  }

  /** The environment variable naming the folder of error logs (default: the temp folder). */
  public static final String LOG_DIR_VARIABLE = "GDX_RL_LOG_DIR";

  /**
   * What escaped a command, as one line on stderr: bad input (the user's game failed to build,
   * a checkpoint cannot be used) is status 2 with no stack trace; anything else is an internal
   * error, status 1, with its stack trace written to a log file whose path the line names.
   */
  private int failed(Throwable ex, CommandLine line) {
    PrintWriter err = line.getErr();
    String name = commandName(line);
    EnvDiscoveryException game = gameFailure(ex);
    if (game != null) {
      // the user's game failed to build or load: their input, one line, no stack trace
      err.println(name + ": " + oneLine(game.getMessage()));
      err.flush();
      return EXIT_USAGE;
    }
    Throwable bad = badInput(ex);
    if (bad != null) {
      err.println(name + ": " + oneLine(bad.getMessage()));
      err.flush();
      return EXIT_USAGE;
    }
    String log = writeLog(ex, name);
    String what;
    if (ex instanceof OutOfMemoryError) {
      what = String.format(java.util.Locale.ROOT, "out of memory (the JVM may use %.1f GiB):"
          + " lower buffer_size, n_envs or n_steps, or raise GDX_RL_JAVA_OPTS=-Xmx...",
          Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
    } else if (ex instanceof StackOverflowError) {
      what = "internal error: stack overflow (a recursion that does not end)";
    } else {
      String m = ex.getMessage();
      what = "internal error: " + ex.getClass().getSimpleName()
          + (m == null || m.isBlank() ? "" : ": " + oneLine(m));
    }
    err.println(name + ": " + what + "; " + log);
    err.flush();
    return EXIT_FAILURE;
  }

  /**
   * The one-line exceptions that mean bad input when they escape a command: a checkpoint that
   * cannot be used, or a value a library refused with its own message.
   */
  private static Throwable badInput(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ParameterException
          || t.getClass().getName().equals("dev.gdxrl.agent.io.CheckpointException")) {
        return t;
      }
    }
    return null;
  }

  /** Writes the stack trace to a new log file; returns the words that point to it. */
  private String writeLog(Throwable ex, String name) {
    try {
      String dir = environment.get(LOG_DIR_VARIABLE);
      Path folder = dir == null || dir.isBlank()
          ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(dir);
      Files.createDirectories(folder);
      Path file = Files.createTempFile(folder, "gdx-rl-error-", ".log");
      java.io.StringWriter trace = new java.io.StringWriter();
      try (PrintWriter w = new PrintWriter(trace)) {
        w.println(name + " failed at " + java.time.Instant.now());
        ex.printStackTrace(w);
      }
      Files.writeString(file, trace.toString());
      return "stack trace in " + file.toAbsolutePath() + " (please report it)";
    } catch (IOException | RuntimeException | Error e) {
      return "the stack trace could not be written (" + e + ")";
    }
  }

  private static String oneLine(String s) {
    return String.valueOf(s).strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** The {@link EnvDiscoveryException} in {@code ex}'s cause chain, or null. */
  private static EnvDiscoveryException gameFailure(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EnvDiscoveryException e) {
        return e;
      }
    }
    return null;
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

  /**
   * The envs, discovered on first use through a class loader that adds {@code --classpath} and
   * {@code GDX_RL_CLASSPATH}, which also becomes the thread's context class loader (so presets,
   * views and controller providers of the game are found). Bad entries and failing providers are
   * usage errors (one line, status 2).
   */
  EnvRegistry registry() {
    if (registry == null) {
      ClassLoader loader = gameLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        registry = registries.apply(loader);
      } catch (EnvDiscoveryException e) {
        throw usage(spec, e.getMessage());
      }
    }
    return registry;
  }

  /**
   * The controller providers (how checkpoints become controllers), looked up after the game's
   * class loader is installed so that a provider on {@code --classpath} is found too.
   */
  List<ControllerProvider> controllerProviders() {
    registry();
    return ControllerProvider.available();
  }

  private ClassLoader gameLoader() {
    List<URL> urls = new ArrayList<>();
    addEntries(urls, environment.get(CLASSPATH_VARIABLE), CLASSPATH_VARIABLE);
    addEntries(urls, classpath, "--classpath");
    ClassLoader parent = Thread.currentThread().getContextClassLoader();
    if (parent == null) {
      parent = Main.class.getClassLoader();
    }
    if (urls.isEmpty()) {
      return parent;
    }
    ownLoader = new URLClassLoader(urls.toArray(URL[]::new), parent);
    return ownLoader;
  }

  /** Closes the {@code --classpath} loader (its open jar files) once the command is done. */
  private void closeGameLoader() {
    if (ownLoader != null) {
      try {
        ownLoader.close();
      } catch (IOException e) {
        // nothing is lost: the command has finished; the jars close with the process
      }
      ownLoader = null;
    }
  }

  /** A jar on the class path must open as one; a corrupt one would hide the game it holds. */
  private void requireJar(String source, String entry, Path jar) {
    try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
      f.size();
    } catch (IOException e) {
      throw usage(spec, source + " entry '" + entry + "': " + jar + " is not a readable jar ("
          + e.getMessage() + ")");
    }
  }

  private void addEntries(List<URL> urls, String path, String source) {
    if (path == null || path.isBlank()) {
      return;
    }
    for (String entry : path.split(File.pathSeparator, -1)) {
      if (entry.isBlank()) {
        throw usage(spec, source + " has an empty entry in '" + path + "'; separate jars and"
            + " class directories with '" + File.pathSeparator + "'");
      }
      try {
        if (entry.endsWith(File.separator + "*") || entry.equals("*")) {
          Path dir = Path.of(entry.substring(0, entry.length() - 1));
          if (!Files.isDirectory(dir)) {
            throw usage(spec, source + " entry '" + entry + "': " + dir
                + " is not a directory");
          }
          try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
              requireJar(source, entry, jar);
              urls.add(jar.toUri().toURL());
            }
          }
          continue;
        }
        Path p = Path.of(entry);
        if (!Files.exists(p)) {
          throw usage(spec, source + " entry '" + entry + "' does not exist; give existing jar"
              + " files or class directories");
        }
        if (!Files.isDirectory(p) && !entry.endsWith(".jar") && !entry.endsWith(".zip")) {
          throw usage(spec, source + " entry '" + entry + "' is neither a directory nor a .jar");
        }
        if (!Files.isDirectory(p)) {
          requireJar(source, entry, p);
        }
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException | java.nio.file.InvalidPathException e) {
        throw usage(spec, source + " entry '" + entry + "' is not a valid path: "
            + e.getMessage());
      } catch (IOException e) {
        throw usage(spec, source + " entry '" + entry + "' cannot be read: " + e.getMessage());
      }
    }
  }

  Map<String, String> environment() {
    return environment;
  }

  /**
   * What to put before a {@code gdx-rl} command so that it sees the same envs as this one:
   * {@code --classpath PATH} or {@code GDX_RL_CLASSPATH=PATH}, or nothing.
   */
  String classpathWords() {
    if (classpath != null && !classpath.isBlank()) {
      return "--classpath " + classpath;
    }
    String v = environment.get(CLASSPATH_VARIABLE);
    return v == null || v.isBlank() ? "" : CLASSPATH_VARIABLE + "=" + v;
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
      throw usage(spec, "unknown env '" + id + "'; known envs: " + String.join(", ", registry.ids())
          + OWN_GAME_HINT);
    }
    return id;
  }

  static long requireNonNegative(CommandSpec spec, String option, long value) {
    if (value < 0) {
      throw usage(spec, option + " must be >= 0, got " + value);
    }
    return value;
  }

  static long requireInRange(CommandSpec spec, String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw usage(spec, option + " must be in [" + min + ", " + max + "], got " + value);
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
