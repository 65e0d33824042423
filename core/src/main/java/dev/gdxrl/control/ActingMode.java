package dev.gdxrl.control;

import java.util.Locale;

/**
 * How a learned controller turns what it computed into an action. {@link Kind#GREEDY} (the
 * default) is deterministic; the other kinds draw from a seeded generator per NPC, derived from
 * {@code seed} and the NPC's index, so N NPCs with one seed differ from each other and behave the
 * same again with the same seed.
 *
 * @param kind the rule
 * @param parameter epsilon in [0, 1] for {@link Kind#EPSILON}, the temperature (&gt; 0) for
 *     {@link Kind#SOFTMAX}, 0 for the others
 * @param seed the seed NPC generators are derived from (ignored by {@link Kind#GREEDY})
 */
public record ActingMode(Kind kind, double parameter, long seed) {

  /** The rules. */
  public enum Kind {
    /** The argmax (or the Gaussian's mean, clipped to the action space). */
    GREEDY,
    /** A draw from the policy's distribution (actor-critics; a Gaussian draw is clipped). */
    SAMPLE,
    /** A uniformly random action with probability epsilon, the greedy one otherwise (Q-values). */
    EPSILON,
    /** A draw from softmax(Q / temperature) (Q-values). */
    SOFTMAX
  }

  /** Deterministic greedy acting. */
  public static final ActingMode GREEDY = new ActingMode(Kind.GREEDY, 0, 0);

  public ActingMode {
    if (kind == null) {
      throw new IllegalArgumentException("acting mode needs a kind");
    }
    if (kind == Kind.EPSILON && !(parameter >= 0 && parameter <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + parameter);
    }
    if (kind == Kind.SOFTMAX && !(parameter > 0 && Double.isFinite(parameter))) {
      throw new IllegalArgumentException("softmax temperature must be > 0, got " + parameter);
    }
    if ((kind == Kind.GREEDY || kind == Kind.SAMPLE) && parameter != 0) {
      throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT)
          + " takes no parameter, got " + parameter);
    }
  }

  /**
   * Parses {@code greedy}, {@code sample}, {@code epsilon=E} or {@code softmax=T}.
   *
   * @throws IllegalArgumentException one line naming the accepted forms
   */
  public static ActingMode parse(String text, long seed) {
    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    int eq = s.indexOf('=');
    String name = eq < 0 ? s : s.substring(0, eq);
    String value = eq < 0 ? null : s.substring(eq + 1);
    try {
      switch (name) {
        case "greedy":
        case "sample":
          if (value == null) {
            return new ActingMode(name.equals("greedy") ? Kind.GREEDY : Kind.SAMPLE, 0, seed);
          }
          break;
        case "epsilon":
        case "softmax":
          if (value != null) {
            return new ActingMode(name.equals("epsilon") ? Kind.EPSILON : Kind.SOFTMAX,
                Double.parseDouble(value), seed);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': " + value + " is not a number; use "
          + FORMS);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
    throw new IllegalArgumentException("unknown acting mode '" + text + "'; use " + FORMS);
  }

  private static final String FORMS =
      "greedy, sample, epsilon=E (E in [0, 1]) or softmax=T (T > 0)";

  /** The text {@link #parse} reads back, e.g. {@code epsilon=0.05}. */
  @Override
  public String toString() {
    return switch (kind) {
      case GREEDY -> "greedy";
      case SAMPLE -> "sample";
      case EPSILON -> "epsilon=" + parameter;
      case SOFTMAX -> "softmax=" + parameter;
    };
  }
}
