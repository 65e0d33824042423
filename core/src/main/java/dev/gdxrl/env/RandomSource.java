package dev.gdxrl.env;

import java.util.SplittableRandom;

/**
 * The source of every random number a game draws. Games take one per instance (never a global),
 * so the same seed gives the same episode, and tests can inject recorded draws to replay a
 * reference episode exactly.
 */
@FunctionalInterface
public interface RandomSource {

  /** A value uniform in {@code [lo, hi)}. */
  double uniform(double lo, double hi);

  /** The default source: {@link SplittableRandom} seeded with {@code seed}. */
  static RandomSource seeded(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    return (lo, hi) -> lo + rng.nextDouble() * (hi - lo);
  }
}
