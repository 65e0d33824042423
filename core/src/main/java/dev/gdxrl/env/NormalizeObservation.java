package dev.gdxrl.env;

import java.util.Map;

/**
 * Normalises observations with running statistics: {@code clip((x - mean) / sqrt(var + 1e-8),
 * -clip, clip)}. While {@link #training(boolean) training}, every observation (reset ones too)
 * updates the statistics first; frozen, they are only applied (evaluation, the rendered game). The
 * statistics ({@link #state()}) are saved with a checkpoint and restored with {@link
 * #NormalizeObservation(Env, RunningMeanStd, double)}.
 */
public final class NormalizeObservation<A> extends Wrapper<float[], A> {
  public static final double DEFAULT_CLIP = 10.0;
  private static final double EPS = 1e-8;

  private final RunningMeanStd stats;
  private final double clip;
  private final Box space;
  private boolean training = true;

  public NormalizeObservation(Env<float[], A> env) {
    this(env, new RunningMeanStd(env.observationSpace().flatSize()), DEFAULT_CLIP);
  }

  public NormalizeObservation(Env<float[], A> env, RunningMeanStd stats, double clip) {
    super(env);
    if (stats.dim() != env.observationSpace().flatSize()) {
      throw new IllegalArgumentException("normalisation statistics have " + stats.dim()
          + " dims but the env observes " + env.observationSpace().flatSize());
    }
    if (!(clip > 0)) {
      throw new IllegalArgumentException("normalisation clip must be > 0, got " + clip);
    }
    this.stats = stats;
    this.clip = clip;
    this.space = Box.uniform(stats.dim(), (float) -clip, (float) clip);
  }

  /** Whether observations update the statistics (true by default). Returns this. */
  public NormalizeObservation<A> training(boolean on) {
    this.training = on;
    return this;
  }

  public boolean training() {
    return training;
  }

  public RunningMeanStd stats() {
    return stats;
  }

  public RunningMeanStd.State state() {
    return stats.state();
  }

  public double clip() {
    return clip;
  }

  private float[] apply(float[] raw) {
    if (training) {
      stats.update(raw);
    }
    float[] out = new float[raw.length];
    stats.normalize(raw, out, clip, EPS);
    return out;
  }

  @Override
  public float[] reset(long seed) {
    return apply(env.reset(seed));
  }

  @Override
  public float[] reset(long seed, Map<String, Object> options) {
    return apply(env.reset(seed, options));
  }

  @Override
  public Step<float[]> step(A action) {
    Step<float[]> s = env.step(action);
    return new Step<>(apply(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
  }

  @Override
  public Space<float[]> observationSpace() {
    return space;
  }
}
