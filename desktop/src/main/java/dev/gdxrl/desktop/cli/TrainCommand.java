package dev.gdxrl.desktop.cli;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.train.NonFiniteException;
import dev.gdxrl.agent.train.TrainConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code train --env ID --algo ALGO [--steps N] [--seed S] [--device auto|cpu|gpu] [--config FILE]
 * [--set KEY=VALUE ...] [--out DIR] [--resume DIR]}: trains headless through the rl-agent
 * library's {@link Training} facade, writes a checkpoint and ends with a {@code RESULT} line. Bad
 * input (unknown env or algo, an algo that does not fit the env, bad hyperparameters, an unusable
 * checkpoint, an --out another run is writing) is one line on stderr and status 2, before
 * anything on disk is touched. A run whose loss or parameters become NaN or infinite stops with
 * one line naming the env step and status 1, and saves nothing from then on.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train an agent headless, write a checkpoint; ends with a RESULT line.")
final class TrainCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "ID", description = "Env id to train on.")
  String envId;

  @Option(names = "--algo", paramLabel = "ALGO",
      description = "qtable, dqn, double-dqn, reinforce, a2c or ppo.")
  String algo;

  @Option(names = "--steps", paramLabel = "N",
      description = "Env steps to train for, 1 to 10^12 (default: per env and algo).")
  Long steps;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of everything random in the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
      description = "Where the networks live (default: ${DEFAULT-VALUE}: a GPU when DJL sees one).")
  String device;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Hyperparameters from a YAML (.yaml/.yml) or .properties file.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "One hyperparameter, after --config; repeatable (e.g. --set learning_rate=1e-3).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Checkpoint directory (default: runs/ENV-ALGO-sSEED). It must be new, an"
          + " empty directory, or the --resume checkpoint itself: the checkpoint replaces it"
          + " as a whole, so an existing checkpoint, a non-empty directory, a file, '' and the"
          + " working directory (or one above it) are refused, as is a place that cannot be"
          + " written; all is checked before training starts.")
  Path out;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run saved in this checkpoint (until --steps in total).")
  Path resume;

  @Option(names = "--npcs", paramLabel = "M",
      description = "NPCs sharing the policy in each scene, for envs built as scenes such as arena"
          + " (the training key npcs; n_envs must be a multiple).")
  Integer npcs;

  @Option(names = "--no-progress", description = "No progress bar (periodic evaluations are logged instead).")
  boolean noProgress;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    if (algo == null || algo.isBlank()) {
      throw Main.usage(spec, "--algo ALGO is required: qtable, dqn, double-dqn, reinforce, a2c or ppo");
    }
    if (steps != null) {
      Main.requireInRange(spec, "--steps", steps, 1, TrainConfig.MAX_STEPS);
    }
    Main.requireNonNegative(spec, "--seed", seed);
    if (config != null && !Files.isReadable(config)) {
      throw Main.usage(spec, "--config " + config + ": no such readable file");
    }
    if (resume != null && !Files.isDirectory(resume)) {
      throw Main.usage(spec, "--resume " + resume + ": no such checkpoint directory");
    }
    if (npcs != null) {
      Main.requirePositive(spec, "--npcs", npcs);
      if (overrides.containsKey("npcs")) {
        throw Main.usage(spec, "--npcs and --set npcs= both given; use one");
      }
      overrides.put("npcs", Integer.toString(npcs));
    }
    PrintStream log = System.err;
    return Run.train(spec, new Training(main.registry(), Algorithms.builtin(), log),
        new TrainRequest(id, algo, steps, seed, device, config, overrides, out, resume,
            !noProgress));
  }

  /**
   * The run and its failures, in a class of its own: a catch of an rl-agent exception in {@link
   * TrainCommand} itself would load rl-agent when the command line starts (the verifier loads
   * catch types), and the game must start without rl-agent on the classpath.
   */
  private static final class Run {
    static int train(CommandSpec spec, Training training, TrainRequest request) {
      TrainResult r;
      try {
        r = training.train(request);
      } catch (IllegalArgumentException e) {
        throw Main.usage(spec, e.getMessage());
      } catch (NonFiniteException e) {
        // the work itself failed (a diverged learner): one line, status 1
        spec.commandLine().getErr().println("train: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return Main.EXIT_FAILURE;
      }
      spec.commandLine().getOut().println(r.resultLine());
      return 0;
    }
  }
}
