package dev.gdxrl.agent;

import java.nio.file.Path;
import java.util.Locale;

/** The outcome of {@code gdx-rl eval --checkpoint}: what its {@code RESULT} line reports. */
public record EvalResult(String env, String algo, Path checkpoint, int episodes, double mean,
    double std, double wallSeconds) {

  public String resultLine() {
    return String.format(Locale.ROOT,
        "RESULT env=%s algo=%s checkpoint=%s episodes=%d eval_mean=%.1f eval_std=%.1f wall_s=%.1f",
        env, algo, checkpoint, episodes, mean, std, wallSeconds);
  }
}
