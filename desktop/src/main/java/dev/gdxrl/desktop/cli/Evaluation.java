package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/** Runs whole episodes of a policy in an env and summarises their returns and lengths. */
final class Evaluation {
  private Evaluation() {}

  /**
   * Mean and population standard deviation of the undiscounted returns, and mean length, over
   * {@code episodes} episodes.
   */
  record Summary(int episodes, double meanReturn, double stdReturn, double meanLength) {}

  /** A policy that samples the action space uniformly from its own generator seeded with {@code seed}. */
  static <A> Policy<float[], A> randomPolicy(Space<A> actionSpace, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return observation -> actionSpace.sample(rng);
  }

  /**
   * Episode {@code i} starts from {@code reset(seed + i)}; the policy is reset before each episode.
   *
   * @param afterEpisode called with the number of finished episodes (for progress output)
   */
  static <A> Summary run(
      Env<float[], A> env, Policy<float[], A> policy, int episodes, long seed,
      IntConsumer afterEpisode) {
    double sum = 0;
    double sumSq = 0;
    long steps = 0;
    for (int i = 0; i < episodes; i++) {
      float[] obs = env.reset(seed + i);
      policy.reset();
      double ret = 0;
      while (true) {
        Step<float[]> s = env.step(policy.act(obs));
        ret += s.reward();
        steps++;
        if (s.done()) {
          break;
        }
        obs = s.observation();
      }
      sum += ret;
      sumSq += ret * ret;
      afterEpisode.accept(i + 1);
    }
    double mean = sum / episodes;
    double var = Math.max(0, sumSq / episodes - mean * mean);
    return new Summary(episodes, mean, Math.sqrt(var), (double) steps / episodes);
  }
}
