package dev.gdxrl.agent;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The outcome of a training run: what the {@code RESULT} line reports.
 *
 * @param evalMean mean return of the final greedy evaluation
 * @param evalStd its standard deviation
 * @param episodes episodes of the final evaluation
 * @param trainEpisodes training episodes finished
 * @param wallSeconds wall time of the whole run, setup and final evaluation included
 * @param envStepsPerSecond env steps per second of the training loop
 * @param gradientStepsPerSecond gradient steps per second of the training loop
 * @param checkpoint where the final checkpoint was written
 */
public record TrainResult(String env, String algo, long steps, double evalMean, double evalStd,
    int episodes, long trainEpisodes, long gradientSteps, double wallSeconds,
    double envStepsPerSecond, double gradientStepsPerSecond, Path checkpoint) {

  /** The machine-readable line DESIGN.md specifies. */
  public String resultLine() {
    return String.format(Locale.ROOT,
        "RESULT env=%s algo=%s steps=%d eval_mean=%.1f eval_std=%.1f episodes=%d wall_s=%.1f"
            + " env_steps_per_s=%.0f grad_steps_per_s=%.0f train_episodes=%d checkpoint=%s",
        env, algo, steps, evalMean, evalStd, episodes, wallSeconds, envStepsPerSecond,
        gradientStepsPerSecond, trainEpisodes, checkpoint);
  }
}
