package dev.gdxrl.agent.infer;

import dev.gdxrl.env.RunningMeanStd;
import java.util.List;
import java.util.Map;

/**
 * The observation normalisation a checkpoint was trained with, applied to the raw observations of
 * the rendered game: {@code clip((x - mean) / sqrt(var + 1e-8), -clip, clip)}, exactly what core's
 * {@code NormalizeObservation} does with frozen statistics.
 *
 * <p>It reads the {@code normalization} block of {@code agent.json}:
 *
 * <pre>
 * "normalization": {"mean": [..], "var": [..], "count": 12345.0, "clip": 10.0}
 * </pre>
 *
 * ({@code count} and {@code clip} are optional; clip defaults to {@code
 * NormalizeObservation.DEFAULT_CLIP}). A null block means the agent saw raw observations.
 */
final class ObservationScaler {
  private static final double EPS = 1e-8;
  private static final double DEFAULT_CLIP = 10.0;

  private final RunningMeanStd stats;
  private final double clip;

  private ObservationScaler(RunningMeanStd stats, double clip) {
    this.stats = stats;
    this.clip = clip;
  }

  /**
   * The scaler of a checkpoint's normalisation block, or null when there is none.
   *
   * @throws IllegalArgumentException (one line) when the block is malformed or of another size
   */
  static ObservationScaler of(Map<String, Object> block, int dim, String where) {
    if (block == null || block.isEmpty()) {
      return null;
    }
    double[] mean = numbers(block.get("mean"), "mean", where);
    double[] var = numbers(block.get("var"), "var", where);
    if (mean.length != dim || var.length != dim) {
      throw new IllegalArgumentException(where + ": normalization has " + mean.length
          + " means and " + var.length + " variances, the env observes " + dim + " values");
    }
    double count = number(block.getOrDefault("count", 1.0), "count", where);
    double clip = number(block.getOrDefault("clip", DEFAULT_CLIP), "clip", where);
    if (!(clip > 0)) {
      throw new IllegalArgumentException(where + ": normalization clip must be > 0, got " + clip);
    }
    return new ObservationScaler(new RunningMeanStd(new RunningMeanStd.State(mean, var,
        count > 0 ? count : 1.0)), clip);
  }

  /** Writes the normalised {@code raw} into {@code out} and returns {@code out}. */
  float[] apply(float[] raw, float[] out) {
    stats.normalize(raw, out, clip, EPS);
    return out;
  }

  private static double[] numbers(Object o, String key, String where) {
    if (!(o instanceof List<?> list)) {
      throw new IllegalArgumentException(where + ": normalization." + key + " is not a list");
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(list.get(i), key + "[" + i + "]", where);
    }
    return out;
  }

  private static double number(Object o, String key, String where) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(where + ": normalization." + key + " is not a number");
  }
}
