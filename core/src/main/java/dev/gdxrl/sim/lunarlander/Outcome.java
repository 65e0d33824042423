package dev.gdxrl.sim.lunarlander;

/** How a Lunar Lander episode stands after a step. */
public enum Outcome {
  /** Still flying (or resting but awake). */
  NONE(null),
  /** The hull came to rest. */
  LANDED("landed"),
  /** The hull touched the ground. */
  CRASHED("crashed"),
  /** The lander left the screen sideways. */
  FLEW_OFF("flew_off");

  private final String word;

  Outcome(String word) {
    this.word = word;
  }

  /** The word put under {@code Info.OUTCOME}; null for {@link #NONE}. */
  public String word() {
    return word;
  }

  /** True for every outcome that ends the episode. */
  public boolean terminal() {
    return this != NONE;
  }
}
