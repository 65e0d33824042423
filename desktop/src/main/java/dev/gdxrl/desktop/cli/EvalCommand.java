package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eval --env ID --policy random|heuristic [--episodes N] [--seed S]}: runs whole episodes
 * headless and ends with {@code RESULT env=.. policy=.. episodes=.. seed=.. mean_return=..
 * std_return=.. mean_length=.. wall_s=..}. Episode {@code i} is seeded {@code S + i}.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a policy headless over whole episodes; ends with a RESULT line.")
final class EvalCommand implements Callable<Integer> {
  /** The built-in policies {@code --policy} accepts. */
  static final List<String> POLICIES = List.of("random", "heuristic");

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "ID", description = "Env id, e.g. cartpole or lunarlander.")
  String envId;

  @Option(names = "--policy", paramLabel = "POLICY",
      description = "random (uniform actions) or heuristic (the env's scripted pilot).")
  String policy;

  @Option(names = "--episodes", paramLabel = "N", defaultValue = "100",
      description = "Episodes to run (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of the first episode; episode i uses S+i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    if (policy == null) {
      throw Main.usage(spec, "--policy is required: one of " + String.join(", ", POLICIES));
    }
    if (!POLICIES.contains(policy)) {
      throw Main.usage(spec, "unknown policy '" + policy + "'; use one of " + String.join(", ", POLICIES));
    }
    Main.requirePositive(spec, "--episodes", episodes);
    Main.requireNonNegative(spec, "--seed", seed);
    if (policy.equals("heuristic") && main.registry().entry(id).heuristic() == null) {
      throw Main.usage(spec, "env '" + id + "' has no heuristic policy; use --policy random");
    }

    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    Evaluation.Summary summary;
    try (Env<float[], ?> env = main.registry().make(id)) {
      summary = evaluate(env, id);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    err.flush();
    spec.commandLine().getOut().println(new ResultLine()
        .put("env", id)
        .put("policy", policy)
        .put("episodes", summary.episodes())
        .put("seed", seed)
        .put("mean_return", summary.meanReturn(), 2)
        .put("std_return", summary.stdReturn(), 2)
        .put("mean_length", summary.meanLength(), 1)
        .put("wall_s", wall, 2));
    return 0;
  }

  @SuppressWarnings("unchecked")
  private <A> Evaluation.Summary evaluate(Env<float[], A> env, String id) {
    Policy<float[], A> p = policy.equals("heuristic")
        ? (Policy<float[], A>) main.registry().heuristic(id)
        : Evaluation.randomPolicy(env.actionSpace(), seed);
    PrintWriter err = spec.commandLine().getErr();
    long every = Math.max(1, episodes / 10);
    return Evaluation.run(env, p, episodes, seed, done -> {
      if (done % every == 0 || done == episodes) {
        err.println("eval " + id + " " + policy + ": " + done + "/" + episodes + " episodes");
      }
    });
  }
}
