package dev.gdxrl.desktop.cli;

import dev.gdxrl.registry.EnvChecker;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code check-env --env ID}: runs the conformance checks of {@link EnvChecker} and prints {@code
 * PASS id} or one {@code FAIL id: reason} line per failure. Exit status 1 when any check fails.
 */
@Command(
    name = "check-env",
    mixinStandardHelpOptions = true,
    description = "Check that an env honours the Env contract (spaces, seeding, termination).")
final class CheckEnvCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "ID", description = "Env id to check.")
  String envId;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    List<String> failures = EnvChecker.check(main.registry(), id);
    PrintWriter out = spec.commandLine().getOut();
    if (failures.isEmpty()) {
      out.println("PASS " + id);
      return 0;
    }
    for (String f : failures) {
      out.println("FAIL " + id + ": " + f);
    }
    return Main.EXIT_FAILURE;
  }
}
