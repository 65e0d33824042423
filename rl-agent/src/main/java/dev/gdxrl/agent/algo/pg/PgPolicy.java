package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.agent.net.HostNet;
import dev.gdxrl.agent.net.MlpSpec;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.RunningMeanStd;
import java.util.SplittableRandom;

/**
 * A trained actor-critic as a core {@link Policy}: observations are normalised with the frozen
 * statistics of training, then the host-side network decides. Deterministic mode takes the argmax
 * (categorical) or the mean (Gaussian, clipped to the Box); stochastic mode samples from a seeded
 * generator. After each {@link #act} the distribution and the critic's value are available for a
 * HUD ({@link #probabilities()}, {@link #mean()}, {@link #std()}, {@link #value()}).
 *
 * <p>Actions are {@code Integer} for a discrete space and a fresh {@code float[]} for a Box. Not
 * thread-safe: use one per NPC or thread.
 */
public final class PgPolicy implements Policy<float[], Object> {
  /** Observation clip of the normalisation (as core's {@code NormalizeObservation}). */
  public static final double OBS_CLIP = 10.0;
  /** Variance epsilon of the normalisation. */
  public static final double OBS_EPS = 1e-8;

  private final HostNet net;
  private final RunningMeanStd stats; // null: raw observations
  private final Box actionBox; // null: discrete
  private final boolean deterministic;
  private final SplittableRandom rng;
  private final float[] obs;
  private final float[] head;
  private final float[] valueOut = new float[1];
  private final float[] probs;
  private final float[] std;

  /**
   * @param net the network (this policy takes ownership of it)
   * @param stats frozen observation statistics, or null when training did not normalise
   * @param actionBox the action space for a Gaussian policy (null for a categorical one)
   * @param deterministic argmax / mean instead of sampling
   * @param seed seeds sampling in stochastic mode
   */
  public PgPolicy(HostNet net, RunningMeanStd.State stats, Box actionBox,
      boolean deterministic, long seed) {
    MlpSpec spec = net.spec();
    boolean discrete = spec.head(0).kind() == MlpSpec.Kind.LOGITS;
    int actions = spec.head(0).size();
    if (discrete != (actionBox == null)) {
      throw new IllegalArgumentException("a " + (discrete ? "categorical" : "Gaussian")
          + " policy needs " + (discrete ? "no action box" : "an action box"));
    }
    if (stats != null && stats.mean().length != spec.inputs()) {
      throw new IllegalArgumentException("normalisation statistics have " + stats.mean().length
          + " dims but the network observes " + spec.inputs());
    }
    this.net = net;
    this.stats = stats == null ? null : new RunningMeanStd(stats);
    this.actionBox = actionBox;
    this.deterministic = deterministic;
    this.rng = new SplittableRandom(seed);
    this.obs = new float[spec.inputs()];
    this.head = new float[actions];
    this.probs = discrete ? new float[actions] : null;
    this.std = discrete ? null : new float[actions];
  }

  /** The same network and statistics, deterministic or stochastic. */
  public PgPolicy withDeterministic(boolean on, long seed) {
    HostNet copy = net;
    return new PgPolicy(copy, stats == null ? null : stats.state(), actionBox, on, seed);
  }

  public boolean deterministic() {
    return deterministic;
  }

  public MlpSpec spec() {
    return net.spec();
  }

  @Override
  public Object act(float[] observation) {
    if (observation.length != obs.length) {
      throw new IllegalArgumentException(
          "observation has " + observation.length + " values, the policy expects " + obs.length);
    }
    if (stats != null) {
      stats.normalize(observation, obs, OBS_CLIP, OBS_EPS);
    } else {
      System.arraycopy(observation, 0, obs, 0, obs.length);
    }
    net.forward(obs, 1, head, valueOut);
    int k = head.length;
    if (actionBox == null) {
      Categorical.probs(head, 0, k, probs);
      return deterministic ? Categorical.argmax(head, 0, k) : Categorical.sample(head, 0, k, rng);
    }
    float[] logStd = net.vector(0);
    for (int j = 0; j < k; j++) {
      std[j] = (float) Math.exp(logStd[j]);
    }
    float[] a = new float[k];
    if (deterministic) {
      System.arraycopy(head, 0, a, 0, k);
    } else {
      DiagGaussian.sample(head, 0, logStd, k, rng, a, 0);
    }
    return actionBox.clip(a);
  }

  /** Action probabilities at the last {@link #act} (categorical; null for Gaussian). */
  public float[] probabilities() {
    return probs;
  }

  /** Gaussian mean at the last {@link #act} (unclipped; null for categorical). */
  public float[] mean() {
    return actionBox == null ? null : head;
  }

  /** Gaussian standard deviations (null for categorical). */
  public float[] std() {
    return std;
  }

  /** The critic's V(s) at the last {@link #act}. */
  public float value() {
    return valueOut[0];
  }
}
