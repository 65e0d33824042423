package dev.gdxrl.env;

import java.util.Arrays;

/**
 * Running mean and variance of float vectors (Chan et al.'s parallel update), the statistics
 * behind observation normalisation. Its {@link State} is what a checkpoint saves.
 */
public final class RunningMeanStd {

  /**
   * Saved statistics.
   *
   * @param mean per-dimension mean
   * @param var per-dimension (population) variance
   * @param count number of samples seen (starts at a tiny epsilon so the first update is exact
   *     enough and nothing divides by zero)
   */
  public record State(double[] mean, double[] var, double count) {
    public State {
      if (mean.length != var.length) {
        throw new IllegalArgumentException(
            "normalisation state: mean has " + mean.length + " dims, var " + var.length);
      }
      if (!(count > 0)) {
        throw new IllegalArgumentException("normalisation state: count must be > 0, got " + count);
      }
      mean = mean.clone();
      var = var.clone();
    }

    @Override
    public double[] mean() {
      return mean.clone();
    }

    @Override
    public double[] var() {
      return var.clone();
    }
  }

  private final double[] mean;
  private final double[] var;
  private double count;

  public RunningMeanStd(int dim) {
    mean = new double[dim];
    var = new double[dim];
    Arrays.fill(var, 1.0);
    count = 1e-4;
  }

  public RunningMeanStd(State state) {
    mean = state.mean();
    var = state.var();
    count = state.count();
  }

  public int dim() {
    return mean.length;
  }

  public double count() {
    return count;
  }

  public synchronized State state() {
    return new State(mean, var, count);
  }

  /** Adds one sample. */
  public synchronized void update(float[] x) {
    double total = count + 1;
    for (int i = 0; i < mean.length; i++) {
      double delta = x[i] - mean[i];
      double newMean = mean[i] + delta / total;
      double m2 = var[i] * count + delta * delta * count / total;
      mean[i] = newMean;
      var[i] = m2 / total;
    }
    count = total;
  }

  /** Adds a batch of {@code rows} samples stored row-major in {@code x}. */
  public synchronized void updateBatch(float[] x, int rows) {
    int d = mean.length;
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        s += x[r * d + i];
      }
      double bMean = s / rows;
      double ss = 0;
      for (int r = 0; r < rows; r++) {
        double dv = x[r * d + i] - bMean;
        ss += dv * dv;
      }
      double bVar = ss / rows;
      double total = count + rows;
      double delta = bMean - mean[i];
      mean[i] = mean[i] + delta * rows / total;
      var[i] = (var[i] * count + bVar * rows + delta * delta * count * rows / total) / total;
    }
    count += rows;
  }

  /** Writes {@code clip((x - mean) / sqrt(var + eps), -clip, clip)} into {@code out}. */
  public void normalize(float[] x, float[] out, double clip, double eps) {
    for (int i = 0; i < mean.length; i++) {
      double v = (x[i] - mean[i]) / Math.sqrt(var[i] + eps);
      out[i] = (float) Math.max(-clip, Math.min(clip, v));
    }
  }
}
