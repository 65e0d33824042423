package dev.gdxrl.agent.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learning curve of a run: one row per finished training episode and one per evaluation.
 * Kept in memory (a few numbers per episode) and written as CSV and as a PNG plot into every
 * checkpoint.
 */
public final class Metrics {
  /** CSV header. */
  public static final String HEADER =
      "kind,env_step,episode,gradient_steps,return,eval_std,epsilon,loss,wall_s";

  /**
   * One row.
   *
   * @param kind {@code episode} or {@code eval}
   * @param value the episode's return, or the evaluation's mean return
   * @param evalStd the evaluation's standard deviation (NaN for episodes)
   */
  public record Row(String kind, long envStep, long episode, long gradientSteps, double value,
      double evalStd, double epsilon, double loss, double wallSeconds) {}

  private final List<Row> rows = new ArrayList<>();

  public synchronized void add(Row row) {
    rows.add(row);
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Appends the rows of an earlier run (when resuming). */
  public synchronized void addAll(List<Row> earlier) {
    rows.addAll(earlier);
  }

  public void writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (Row r : rows()) {
        w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%s,%s,%s,%s,%.3f%n", r.kind(),
            r.envStep(), r.episode(), r.gradientSteps(), num(r.value()), num(r.evalStd()),
            num(r.epsilon()), num(r.loss()), r.wallSeconds()));
      }
    }
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  /** Reads a CSV written by {@link #writeCsv} (for resumed runs). */
  public static Metrics readCsv(Path file) throws IOException {
    Metrics m = new Metrics();
    if (!Files.exists(file)) {
      return m;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != 9) {
        continue;
      }
      try {
        m.add(new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            parse(f[4]), parse(f[5]), parse(f[6]), parse(f[7]), parse(f[8])));
      } catch (NumberFormatException e) {
        // a damaged row of an old run is not worth failing a resume for
      }
    }
    return m;
  }

  private static double parse(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  /** The mean return of the last evaluation, NaN if none. */
  public double lastEvalMean() {
    List<Row> all = rows();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).kind().equals("eval")) {
        return all.get(i).value();
      }
    }
    return Double.NaN;
  }
}
