package dev.gdxrl.env;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A box of {@code float} vectors, {@code low[i] <= x[i] <= high[i]}. Bounds may be infinite; such a
 * dimension samples from a standard normal (bounded on one side: shifted exponential), as Gymnasium
 * does.
 */
public record Box(float[] low, float[] high) implements Space<float[]> {

  public Box {
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          "Box bounds differ in length: low " + low.length + ", high " + high.length);
    }
    for (int i = 0; i < low.length; i++) {
      if (!(low[i] <= high[i])) {
        throw new IllegalArgumentException(
            "Box dimension " + i + ": low " + low[i] + " > high " + high[i]);
      }
    }
    low = low.clone();
    high = high.clone();
  }

  /** A box with the same bounds in every one of {@code n} dimensions. */
  public static Box uniform(int n, float low, float high) {
    float[] lo = new float[n];
    float[] hi = new float[n];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi);
  }

  public int dim() {
    return low.length;
  }

  @Override
  public float[] low() {
    return low.clone();
  }

  @Override
  public float[] high() {
    return high.clone();
  }

  public float low(int i) {
    return low[i];
  }

  public float high(int i) {
    return high[i];
  }

  @Override
  public boolean contains(Object value) {
    if (!(value instanceof float[] x) || x.length != low.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= low[i] && x[i] <= high[i])) { // also rejects NaN
        return false;
      }
    }
    return true;
  }

  @Override
  public float[] sample(RandomGenerator rng) {
    float[] x = new float[low.length];
    for (int i = 0; i < x.length; i++) {
      boolean lo = Float.isFinite(low[i]);
      boolean hi = Float.isFinite(high[i]);
      double v;
      if (lo && hi) {
        v = low[i] + rng.nextDouble() * ((double) high[i] - low[i]);
      } else if (lo) {
        v = low[i] + rng.nextExponential();
      } else if (hi) {
        v = high[i] - rng.nextExponential();
      } else {
        v = rng.nextGaussian();
      }
      x[i] = (float) Math.min(Math.max(v, low[i]), high[i]);
    }
    return x;
  }

  @Override
  public int flatSize() {
    return low.length;
  }

  /** Clips {@code x} into the box, in place, and returns it. */
  public float[] clip(float[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(Math.max(x[i], low[i]), high[i]);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
  }
}
