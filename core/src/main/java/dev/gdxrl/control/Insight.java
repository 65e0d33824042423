package dev.gdxrl.control;

/**
 * What a controller "thought" when it made its last decision, for the game's HUD.
 *
 * @param kind what {@code values} holds
 * @param values per-action Q-values ({@link Kind#ACTION_VALUES}), per-action probabilities
 *     ({@link Kind#ACTION_PROBABILITIES}) or the Gaussian mean per action dimension ({@link
 *     Kind#GAUSSIAN})
 * @param std the Gaussian standard deviation per action dimension; null for the other kinds
 * @param stateValue the critic's V(s), or NaN when the agent has no critic
 * @param chosen the index of the chosen discrete action, or -1 for continuous actions
 */
public record Insight(Kind kind, float[] values, float[] std, double stateValue, int chosen) {

  public enum Kind {
    ACTION_VALUES,
    ACTION_PROBABILITIES,
    GAUSSIAN
  }

  public Insight {
    if (kind == null || values == null) {
      throw new IllegalArgumentException("Insight needs a kind and values");
    }
    if (kind == Kind.GAUSSIAN && (std == null || std.length != values.length)) {
      throw new IllegalArgumentException("Gaussian insight needs a std per mean");
    }
  }
}
