package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.Controller;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.MultiAgentEnv;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.gdxrl.agent.train.Evaluator;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.record.EpisodeRecord;
import dev.gdxrl.desktop.record.EpisodeRecorder;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs whole episodes of a policy in an env and summarises their returns and lengths, with the
 * seeds and statistics of a training run's final evaluation ({@link Seeds#finalEvaluation},
 * {@link Evaluator.Returns}): {@code eval --checkpoint DIR --seed S --episodes N} of a run trained
 * with {@code --seed S} and {@code final_eval_episodes: N} repeats its {@code eval_mean} and
 * {@code eval_std} exactly.
 */
final class Evaluation {
  private Evaluation() {}

  /**
   * Mean and population standard deviation of the undiscounted returns, and mean length, over
   * {@code episodes} episodes.
   */
  record Summary(int episodes, double meanReturn, double stdReturn, double meanLength,
      Map<String, Double> metrics) {}

  /**
   * Means of the episode metrics ({@link Info#METRIC_PREFIX} entries of each episode's last step),
   * each over the episodes that reported it, by name without the prefix, in first-seen order.
   */
  static final class Metrics {
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    void add(Map<String, Object> info) {
      for (Map.Entry<String, Object> e : info.entrySet()) {
        if (e.getKey().startsWith(Info.METRIC_PREFIX) && e.getValue() instanceof Number n) {
          double[] sc = sums.computeIfAbsent(e.getKey().substring(Info.METRIC_PREFIX.length()),
              k -> new double[2]);
          sc[0] += n.doubleValue();
          sc[1]++;
        }
      }
    }

    Map<String, Double> means() {
      Map<String, Double> m = new LinkedHashMap<>();
      sums.forEach((k, sc) -> m.put(k, sc[0] / sc[1]));
      return m;
    }
  }

  /**
   * Episodes of a scene of M NPCs all driven by {@code controller} (one batched decision per
   * tick), seeded as {@link #run}. An episode's return is the mean of the NPCs' returns; its
   * length counts decisions of the scene.
   */
  static <A> Summary runScene(MultiAgentEnv<A> scene, Controller<A> controller, int episodes,
      long seed, IntConsumer afterEpisode) {
    int m = scene.agents();
    A[] actions = actionArray(scene.actionSpace(), m);
    double[] returns = new double[episodes];
    long steps = 0;
    Metrics metrics = new Metrics();
    for (int i = 0; i < episodes; i++) {
      float[][] obs = scene.reset(Seeds.finalEvaluation(seed, i));
      controller.reset();
      double ret = 0;
      while (true) {
        controller.decideAll(obs, actions);
        MultiAgentEnv.Result r = scene.step(actions);
        for (double x : r.rewards()) {
          ret += x / m;
        }
        steps++;
        if (r.done()) {
          metrics.add(r.info());
          break;
        }
        obs = r.observations();
      }
      returns[i] = ret;
      afterEpisode.accept(i + 1);
    }
    Evaluator.Returns r = new Evaluator.Returns(returns, steps);
    return new Summary(episodes, r.mean(), r.std(), (double) steps / episodes, metrics.means());
  }

  /** An action array of the runtime type the scene's space holds (Integer[] or float[][]). */
  @SuppressWarnings("unchecked")
  static <A> A[] actionArray(Space<A> space, int n) {
    return (A[]) (space instanceof Box ? new float[n][] : new Integer[n]);
  }

  /** A policy that samples the action space uniformly from its own generator seeded with {@code seed}. */
  static <A> Policy<float[], A> randomPolicy(Space<A> actionSpace, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return observation -> actionSpace.sample(rng);
  }

  /**
   * Episode {@code i} starts from {@code reset(Seeds.finalEvaluation(seed, i))}; the policy is
   * reset before each episode.
   *
   * @param afterEpisode called with the number of finished episodes (for progress output)
   */
  static <A> Summary run(
      Env<float[], A> env, Policy<float[], A> policy, int episodes, long seed,
      IntConsumer afterEpisode) {
    return run(env, policy, episodes, seed, afterEpisode, null, null);
  }

  /**
   * The same, and each finished episode goes to {@code record} (when not null) with its seed,
   * actions, rewards and return, as {@code driver}'s.
   */
  static <A> Summary run(
      Env<float[], A> env, Policy<float[], A> policy, int episodes, long seed,
      IntConsumer afterEpisode, Consumer<EpisodeRecord> record, String driver) {
    EpisodeRecorder rec = record == null ? null : new EpisodeRecorder(env.spec().id(),
        env.actionSpace() instanceof Box b ? b.dim() : 0);
    double[] returns = new double[episodes];
    long steps = 0;
    Metrics metrics = new Metrics();
    for (int i = 0; i < episodes; i++) {
      long episodeSeed = Seeds.finalEvaluation(seed, i);
      float[] obs = env.reset(episodeSeed);
      policy.reset();
      if (rec != null) {
        rec.start(episodeSeed);
      }
      double ret = 0;
      while (true) {
        A action = policy.act(obs);
        Step<float[]> s = env.step(action);
        ret += s.reward();
        steps++;
        if (rec != null) {
          rec.add(action, s.reward(), driver);
        }
        if (s.done()) {
          metrics.add(s.info());
          if (rec != null) {
            Object outcome = s.info().get(dev.gdxrl.env.Info.OUTCOME);
            record.accept(rec.finish(s.terminated(), s.truncated(),
                outcome == null ? null : outcome.toString()));
          }
          break;
        }
        obs = s.observation();
      }
      returns[i] = ret;
      afterEpisode.accept(i + 1);
    }
    Evaluator.Returns r = new Evaluator.Returns(returns, steps);
    return new Summary(episodes, r.mean(), r.std(), (double) steps / episodes, metrics.means());
  }
}
