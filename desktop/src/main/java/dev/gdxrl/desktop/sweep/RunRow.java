package dev.gdxrl.desktop.sweep;

import java.io.Serializable;

/**
 * The outcome of one run, a row of {@code sweep.csv}; written beside the run's checkpoint as
 * {@code sweep-run.json} once the run has ended (so a restarted sweep knows it).
 *
 * @param runId the run's id
 * @param configId its config point's id
 * @param label its config point's searched values
 * @param seed its seed
 * @param status {@code ok} or {@code failed}
 * @param evalMean mean return of the final evaluation (NaN if failed)
 * @param evalStd its standard deviation (NaN if failed)
 * @param episodes final evaluation episodes (0 if failed)
 * @param trainEpisodes training episodes (0 if failed)
 * @param steps env steps trained (0 if failed)
 * @param wallSeconds wall time of the run
 * @param envStepsPerSecond env steps per second of its training loop (NaN if failed)
 * @param error the one-line reason of a failure, else empty
 * @param result the run's {@code RESULT} line, else empty
 */
public record RunRow(String runId, String configId, String label, long seed, String status,
    double evalMean, double evalStd, int episodes, long trainEpisodes, long steps,
    double wallSeconds, double envStepsPerSecond, String error, String result)
    implements Serializable {

  public static final String OK = "ok";
  public static final String FAILED = "failed";

  public boolean ok() {
    return OK.equals(status);
  }

  static RunRow failed(RunSpec run, double wallSeconds, String error) {
    return new RunRow(run.id(), run.configId(), run.label(), run.seed(), FAILED, Double.NaN,
        Double.NaN, 0, 0, 0, wallSeconds, Double.NaN, error, "");
  }
}
