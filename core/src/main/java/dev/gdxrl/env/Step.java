package dev.gdxrl.env;

import java.util.Map;

/**
 * The outcome of one {@link Env#step}.
 *
 * <p>{@code terminated}: the task ended (crash, landing, pole fell); there is no future to
 * bootstrap from. {@code truncated}: the episode was cut off from outside (a time limit); the
 * state still has a value, and learners bootstrap from {@code observation}. Both may be true
 * only when the last allowed step also ended the task; then termination wins for learners.
 *
 * @param info extra facts; empty on ordinary steps (never null). Keys used by this project are
 *     constants on {@link Info}.
 */
public record Step<O>(
    O observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {

  public Step {
    if (observation == null) {
      throw new IllegalArgumentException("Step observation is null");
    }
    if (Double.isNaN(reward)) {
      throw new IllegalArgumentException("Step reward is NaN");
    }
    if (info == null) {
      info = Map.of();
    }
  }

  public static <O> Step<O> of(O observation, double reward, boolean terminated, boolean truncated) {
    return new Step<>(observation, reward, terminated, truncated, Map.of());
  }

  /** True when the episode is over for either reason and the env must be reset. */
  public boolean done() {
    return terminated || truncated;
  }

  /** A copy with other info. */
  public Step<O> withInfo(Map<String, Object> newInfo) {
    return new Step<>(observation, reward, terminated, truncated, newInfo);
  }
}
