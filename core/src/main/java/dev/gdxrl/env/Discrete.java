package dev.gdxrl.env;

import java.util.random.RandomGenerator;

/** The integers {@code 0 .. n-1}. */
public record Discrete(int n) implements Space<Integer> {

  public Discrete {
    if (n < 1) {
      throw new IllegalArgumentException("Discrete space needs n >= 1, got " + n);
    }
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof Integer i && i >= 0 && i < n;
  }

  @Override
  public Integer sample(RandomGenerator rng) {
    return rng.nextInt(n);
  }

  @Override
  public int flatSize() {
    return 1;
  }

  @Override
  public String toString() {
    return "Discrete(" + n + ")";
  }
}
