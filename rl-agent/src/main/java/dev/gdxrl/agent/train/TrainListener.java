package dev.gdxrl.agent.train;

import dev.gdxrl.env.EpisodeStats;

/**
 * Hooks into the training loop: progress display, metrics, evaluation, checkpoints, early stop.
 * {@link #onStep} runs after every env step: keep it cheap (check a counter, return).
 */
public interface TrainListener {

  default void onStart(TrainState state) {}

  /** After each env step; return false to stop training. */
  default boolean onStep(TrainState state) {
    return true;
  }

  default void onEpisodeEnd(TrainState state, EpisodeStats episode) {}

  /** Once, after the last step (also after an early stop). */
  default void onEnd(TrainState state) {}
}
