package dev.gdxrl.env;

import java.util.random.RandomGenerator;

/**
 * The set of valid observations or actions of an env.
 *
 * @param <T> the value type: {@code Integer} for {@link Discrete}, {@code float[]} for {@link Box}
 */
public sealed interface Space<T> permits Discrete, Box {

  /** True when {@code value} is of this space's type and inside it. */
  boolean contains(Object value);

  /** A uniformly drawn element, using only {@code rng} (same generator state, same sample). */
  T sample(RandomGenerator rng);

  /** Number of scalars in one element: 1 for Discrete, the length for Box. */
  int flatSize();
}
