package dev.gdxrl.desktop.cli;

import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code eval --env ID --policy random|heuristic [--episodes N] [--seed S] [--record FILE]} and
 * {@code eval --checkpoint DIR [...]}: runs whole episodes headless and ends with {@code RESULT
 * env=.. policy=.. episodes=.. seed=.. eval_mean=.. eval_std=.. mean_length=.. wall_s=..}, the
 * keys of {@code train}'s RESULT. Episode {@code i} is seeded as a training run's final
 * evaluation seeds it ({@link Evaluation}), so {@code eval --checkpoint DIR --seed S --episodes N}
 * repeats the {@code eval_mean} of the run that wrote DIR with seed S and N final episodes. A checkpoint is opened through the {@code
 * ControllerProvider} found on the classpath, exactly as {@code watch} opens it (same
 * normalisation, same greedy action). {@code --record FILE} writes every episode for {@code
 * replay}.
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

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Evaluate a trained agent (its env comes from the checkpoint).")
  String checkpoint;

  @Option(names = "--record", paramLabel = "FILE",
      description = "Write every episode (seed, actions, rewards, return) to FILE as JSON lines;"
          + " 'gdx-rl replay FILE' plays them back.")
  String record;

  @Option(names = "--policy", paramLabel = "POLICY",
      description = "random (uniform actions) or heuristic (the env's scripted pilot).")
  String policy;

  @Option(names = "--episodes", paramLabel = "N", defaultValue = "100",
      description = "Episodes to run (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Evaluation seed, as train's --seed: with a run's seed and its"
          + " final_eval_episodes, eval repeats its eval_mean (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--npcs", paramLabel = "M", defaultValue = "1",
      description = "NPCs sharing the policy in one scene, for envs built as scenes such as"
          + " arena (default: ${DEFAULT-VALUE}); the return is the NPCs' mean.")
  int npcs;

  @Override
  public Integer call() {
    if (checkpoint != null) {
      return callCheckpoint();
    }
    String id = Main.requireEnv(spec, main.registry(), envId);
    if (policy == null) {
      throw Main.usage(spec, "--policy is required: one of " + String.join(", ", POLICIES));
    }
    if (!POLICIES.contains(policy)) {
      throw Main.usage(spec, "unknown policy '" + policy + "'; use one of " + String.join(", ", POLICIES));
    }
    Main.requirePositive(spec, "--episodes", episodes);
    Main.requireNonNegative(spec, "--seed", seed);
    checkNpcs(id);
    if (policy.equals("heuristic") && main.registry().entry(id).heuristic() == null) {
      throw Main.usage(spec, "env '" + id + "' has no heuristic policy; use --policy random");
    }
    Path recordFile = record == null ? null
        : WindowOptions.newFile(spec, "--record", record, null, false);
    return run(id, recordFile, null);
  }

  /** {@code eval --checkpoint DIR}: the agent through the ControllerProvider plug. */
  private Integer callCheckpoint() {
    if (envId != null || policy != null) {
      throw Main.usage(spec, "--checkpoint takes its env and policy from the checkpoint;"
          + " drop --env and --policy");
    }
    Main.requirePositive(spec, "--episodes", episodes);
    Main.requireNonNegative(spec, "--seed", seed);
    Path recordFile = record == null ? null
        : WindowOptions.newFile(spec, "--record", record, null, false);
    Checkpoint ckpt = Checkpoint.resolve(spec, "--checkpoint", checkpoint,
        main.controllerProviders());
    if (!main.registry().contains(ckpt.envId())) {
      throw Main.usage(spec, "--checkpoint " + ckpt.dir() + " is for env '" + ckpt.envId()
          + "', which is not registered; known envs: " + String.join(", ", main.registry().ids())
          + Main.OWN_GAME_HINT);
    }
    checkNpcs(ckpt.envId());
    Controller<?> agent = ckpt.open(spec, main.registry(), "--checkpoint");
    policy = agent.name();
    try {
      return run(ckpt.envId(), recordFile, agent);
    } finally {
      if (agent instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // freeing native memory at exit; nothing to report
        }
      }
    }
  }

  private Integer run(String id, Path recordFile, Controller<?> agent) {
    PrintWriter err = spec.commandLine().getErr();
    RecordSink sink = null;
    if (recordFile != null) {
      try {
        sink = new RecordSink(recordFile);
      } catch (IOException e) {
        throw Main.usage(spec, "--record " + recordFile + " cannot be written: " + e.getMessage());
      }
    }
    long start = System.nanoTime();
    Evaluation.Summary summary;
    try (Env<float[], ?> env = main.registry().make(id)) {
      summary = npcs == 1 ? evaluate(env, id, agent, sink) : evaluateScene(env, id, agent);
    } finally {
      if (sink != null) {
        try {
          sink.close();
        } catch (IOException e) {
          err.println("gdx-rl eval: could not close " + recordFile + ": " + e.getMessage());
        }
      }
    }
    if (sink != null) {
      if (sink.error() != null) {
        err.println("gdx-rl eval: " + sink.error());
        return Main.EXIT_FAILURE;
      }
      err.println("eval " + id + ": recorded " + sink.episodes() + " episodes to " + recordFile);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    err.flush();
    ResultLine line = new ResultLine()
        .put("env", id)
        .put("policy", policy)
        .put("episodes", summary.episodes())
        .put("seed", seed)
        .put("eval_mean", summary.meanReturn(), 2)
        .put("eval_std", summary.stdReturn(), 2)
        .put("mean_length", summary.meanLength(), 1);
    if (npcs > 1) {
      line.put("npcs", npcs);
    }
    summary.metrics().forEach((k, v) -> line.put(k, v, 3));
    spec.commandLine().getOut().println(line.put("wall_s", wall, 2));
    return 0;
  }

  /** --npcs M > 1 needs an env built as a scene, and no --record. */
  private void checkNpcs(String id) {
    if (npcs == 1) {
      return;
    }
    if (npcs < 1) {
      throw Main.usage(spec, "--npcs must be >= 1, got " + npcs);
    }
    if (record != null) {
      throw Main.usage(spec, "--record records one NPC's episodes; drop --record or --npcs");
    }
    try (Env<float[], ?> env = main.registry().make(id)) {
      if (!(env.unwrapped() instanceof MultiAgentEnv.Source<?>)) {
        throw Main.usage(spec, "env '" + id + "' is not built as a scene of several NPCs;"
            + " --npcs needs one (e.g. arena)");
      }
      try (MultiAgentEnv<?> probe = ((MultiAgentEnv.Source<?>) env.unwrapped()).scene(npcs)) {
        probe.agents();
      } catch (IllegalArgumentException e) {
        throw Main.usage(spec, "--npcs " + npcs + ": " + e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private <A> Evaluation.Summary evaluateScene(Env<float[], A> env, String id,
      Controller<?> agent) {
    Controller<A> c = agent != null ? (Controller<A>) agent
        : Controller.of(policy, policy.equals("heuristic")
            ? (Policy<float[], A>) main.registry().heuristic(id)
            : Evaluation.randomPolicy(env.actionSpace(), seed));
    PrintWriter err = spec.commandLine().getErr();
    long every = Math.max(1, episodes / 10);
    try (MultiAgentEnv<A> scene = ((MultiAgentEnv.Source<A>) env.unwrapped()).scene(npcs)) {
      return Evaluation.runScene(scene, c, episodes, seed, done -> {
        if (done % every == 0 || done == episodes) {
          err.println("eval " + id + " " + policy + " x" + npcs + ": " + done + "/" + episodes
              + " episodes");
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private <A> Evaluation.Summary evaluate(Env<float[], A> env, String id, Controller<?> agent,
      RecordSink sink) {
    Policy<float[], A> p;
    if (agent != null) {
      Controller<A> c = (Controller<A>) agent;
      p = new Policy<>() {
        @Override
        public A act(float[] observation) {
          return c.decide(observation);
        }

        @Override
        public void reset() {
          c.reset();
        }
      };
    } else if (policy.equals("heuristic")) {
      p = (Policy<float[], A>) main.registry().heuristic(id);
    } else {
      p = Evaluation.randomPolicy(env.actionSpace(), seed);
    }
    PrintWriter err = spec.commandLine().getErr();
    long every = Math.max(1, episodes / 10);
    return Evaluation.run(env, p, episodes, seed, done -> {
      if (done % every == 0 || done == episodes) {
        err.println("eval " + id + " " + policy + ": " + done + "/" + episodes + " episodes");
      }
    }, sink, policy);
  }
}
