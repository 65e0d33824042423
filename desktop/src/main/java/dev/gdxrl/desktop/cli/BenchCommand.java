package dev.gdxrl.desktop.cli;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.VectorEnv;
import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bench --env ID [--steps N] [--envs K] [--threads T]}: steps K copies of the env through a
 * {@link VectorEnv} with uniformly random actions and reports env steps per second (all copies
 * together). Actions are drawn into arrays reused every step, so the measurement is the env's cost.
 * Ends with {@code RESULT env=.. steps=.. envs=.. threads=.. steps_per_s=.. episodes=.. wall_s=..}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure env steps per second with random actions; ends with a RESULT line.")
final class BenchCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "ID", description = "Env id to benchmark.")
  String envId;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "100000",
      description = "Total env steps over all copies (default: ${DEFAULT-VALUE}).")
  long steps;

  /** The most env copies one bench steps together (as a training run's n_envs). */
  static final int MAX_ENVS = 4096;

  @Option(names = "--envs", paramLabel = "K", defaultValue = "1",
      description = "Env copies stepped together (default: ${DEFAULT-VALUE}).")
  int envs;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
      description = "Worker threads stepping the copies (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
      description = "Seed of env 0 and of the actions (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    Main.requirePositive(spec, "--steps", steps);
    Main.requirePositive(spec, "--envs", envs);
    Main.requirePositive(spec, "--threads", threads);
    Main.requireNonNegative(spec, "--seed", seed);
    if (envs > MAX_ENVS) {
      throw Main.usage(spec, "--envs " + envs + " is more than the " + MAX_ENVS
          + " copies bench steps together; lower --envs");
    }
    if (envs > steps) {
      throw Main.usage(spec, "--envs " + envs + " exceeds --steps " + steps
          + ": some copies would never step; raise --steps or lower --envs");
    }
    if (threads > envs) {
      throw Main.usage(spec, "--threads " + threads + " exceeds --envs " + envs
          + "; use at most one thread per env copy");
    }
    List<Env<float[], ?>> copies = new ArrayList<>(envs);
    for (int i = 0; i < envs; i++) {
      copies.add(main.registry().make(id));
    }
    Measurement m = measure(copies);
    spec.commandLine().getOut().println(new ResultLine()
        .put("env", id)
        .put("steps", m.steps)
        .put("envs", envs)
        .put("threads", threads)
        .put("steps_per_s", Math.round(m.steps / m.seconds))
        .put("episodes", m.episodes)
        .put("wall_s", m.seconds, 2));
    return 0;
  }

  private record Measurement(long steps, long episodes, double seconds) {}

  @SuppressWarnings("unchecked")
  private <A> Measurement measure(List<Env<float[], ?>> copies) {
    List<Env<float[], A>> typed = new ArrayList<>(copies.size());
    for (Env<float[], ?> e : copies) {
      typed.add((Env<float[], A>) e);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (VectorEnv<A> vec = new VectorEnv<>(typed, threads)) {
      ActionSampler<A> sampler = new ActionSampler<>(typed.get(0).actionSpace(), typed.size(), seed);
      vec.reset(seed);
      long rounds = (steps + envs - 1) / envs;
      long progressEvery = Math.max(1, rounds / 10);
      long episodes = 0;
      long start = System.nanoTime();
      for (long r = 1; r <= rounds; r++) {
        VectorEnv.Result res = vec.step(sampler.next());
        boolean[] term = res.terminated();
        boolean[] trunc = res.truncated();
        for (int i = 0; i < term.length; i++) {
          if (term[i] || trunc[i]) {
            episodes++;
          }
        }
        if (r % progressEvery == 0) {
          err.printf("bench %s: %d/%d steps%n", envId, r * envs, rounds * envs);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Measurement(rounds * envs, episodes, seconds);
    }
  }

  /** Uniform random actions written into one array reused every step (no per-step allocation). */
  static final class ActionSampler<A> {
    private final A[] actions;
    private final SplittableRandom rng;
    private final Space<A> space;

    @SuppressWarnings("unchecked")
    ActionSampler(Space<A> space, int n, long seed) {
      this.space = space;
      this.rng = new SplittableRandom(seed);
      if (space instanceof Box b) {
        float[][] rows = new float[n][b.dim()];
        actions = (A[]) rows;
      } else {
        actions = (A[]) Array.newInstance(Integer.class, n);
      }
    }

    @SuppressWarnings("unchecked")
    A[] next() {
      if (space instanceof Discrete d) {
        Integer[] a = (Integer[]) actions;
        for (int i = 0; i < a.length; i++) {
          a[i] = rng.nextInt(d.n()); // Integer.valueOf: cached for small n, no allocation
        }
      } else if (space instanceof Box b) {
        float[][] a = (float[][]) actions;
        for (float[] row : a) {
          for (int j = 0; j < row.length; j++) {
            row[j] = b.low(j) + rng.nextFloat() * (b.high(j) - b.low(j));
          }
        }
      }
      return actions;
    }
  }
}
