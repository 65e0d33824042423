package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A saved agent (a checkpoint directory) and the {@link ControllerProvider} that reads it. The
 * command line reaches learners ONLY through {@link ControllerProvider#available()} (plain
 * ServiceLoader): with rl-agent on the classpath its provider opens checkpoints; without it there
 * is none, and the game offers the human, heuristic and random drivers only.
 *
 * @param dir the checkpoint directory
 * @param provider the provider that recognised it
 * @param envId the env it was trained on
 */
record Checkpoint(Path dir, ControllerProvider provider, String envId) {

  /** Where {@code watch --env ID} looks for the shipped demo of an env. */
  static final String DEMOS = "assets/demos";

  /**
   * Finds the provider for {@code dir} among {@code providers}; a one-line usage error when there
   * is none, or none recognises the directory.
   */
  static Checkpoint resolve(CommandSpec spec, String option, String dirName,
      List<ControllerProvider> providers) {
    Path dir;
    try {
      dir = Paths.get(dirName).toAbsolutePath().normalize();
    } catch (RuntimeException e) {
      throw Main.usage(spec, option + " '" + dirName + "' is not a valid path");
    }
    if (!Files.isDirectory(dir)) {
      throw Main.usage(spec, option + " " + dir + " is not a directory (a checkpoint is the"
          + " directory that 'gdx-rl train --out DIR' writes)");
    }
    if (providers.isEmpty()) {
      throw Main.usage(spec, "no controller provider on the classpath, so checkpoints cannot be"
          + " opened (put rl-agent on the classpath); the game still runs with the human,"
          + " heuristic and random drivers: gdx-rl play --env ID");
    }
    List<String> reasons = new ArrayList<>();
    for (ControllerProvider p : providers) {
      try {
        return new Checkpoint(dir, p, p.envId(dir));
      } catch (IllegalArgumentException e) {
        reasons.add(oneLine(e.getMessage()));
      }
    }
    throw Main.usage(spec, "cannot open " + option + " " + dir + ": " + String.join("; ", reasons));
  }

  /** The shipped demo checkpoint of {@code envId}, or null when there is none. */
  static Path demo(String envId) {
    for (Path root : roots()) {
      Path d = root.resolve(DEMOS).resolve(envId);
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  /** The project roots to look in: -Dgdxrl.home, the working directory, the code's checkout. */
  static List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    String home = System.getProperty("gdxrl.home");
    if (home != null && !home.isBlank()) {
      roots.add(Paths.get(home));
    }
    roots.add(Paths.get("").toAbsolutePath());
    try {
      // desktop/target/classes (or a jar in desktop/target) -> the checkout root
      Path code = Paths.get(Checkpoint.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      for (Path p = code; p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve(DEMOS)) || Files.isRegularFile(p.resolve("gdx-rl"))) {
          roots.add(p);
          break;
        }
      }
    } catch (Exception e) {
      // No code location (unusual class loader): the other roots remain.
    }
    return roots;
  }

  /** Opens the checkpoint as a greedy controller for {@code envId}'s env in {@code registry}. */
  Controller<?> open(CommandSpec spec, EnvRegistry registry, String option) {
    return open(spec, registry, option, ActingMode.GREEDY);
  }

  /**
   * Opens the checkpoint as a controller acting in {@code mode} for {@code envId}'s env in {@code
   * registry} (any registered env, shipped or not); a one-line usage error when it does not fit
   * or the mode does not suit it.
   */
  Controller<?> open(CommandSpec spec, EnvRegistry registry, String option, ActingMode mode) {
    try (Env<float[], ?> env = registry.make(envId)) {
      return provider.open(dir, env, mode);
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec, "cannot open " + option + " " + dir + ": " + oneLine(e.getMessage()));
    }
  }

  private static String oneLine(String s) {
    return String.valueOf(s).strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
