package dev.gdxrl.desktop.sweep;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a sweep shows at the end: {@code sweep.csv} (one row per run), {@code summary.csv} (one
 * row per config across its seeds: mean, standard error, min, max, ranked by mean), the same
 * summary as a table, and {@code sweep.png}: each config's learning curve (the mean of its seeds'
 * greedy evaluations, with a band of one standard deviation across seeds) beside its final
 * returns (mean with a standard-error bar).
 */
public final class SweepResults {
  private SweepResults() {}

  public static final String SWEEP_CSV = "sweep.csv";
  public static final String SUMMARY_CSV = "summary.csv";
  public static final String SWEEP_PNG = "sweep.png";

  /**
   * One config across its seeds.
   *
   * @param rank 1 = best mean final return; configs with no finished run come last
   */
  public record Summary(int rank, SweepPlan.Config config, int runs, int ok, double mean,
      double stderr, double min, double max) {}

  /** The summaries of {@code rows}, best first. */
  public static List<Summary> summarise(SweepPlan plan, List<RunRow> rows) {
    List<Summary> out = new ArrayList<>();
    for (SweepPlan.Config c : plan.configs()) {
      List<Double> v = new ArrayList<>();
      int runs = 0;
      for (RunRow r : rows) {
        if (r.configId().equals(c.id())) {
          runs++;
          if (r.ok()) {
            v.add(r.evalMean());
          }
        }
      }
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double sd = sampleSd(v, mean);
      double se = v.size() > 1 ? sd / Math.sqrt(v.size()) : Double.NaN;
      out.add(new Summary(0, c, runs, v.size(), mean, se,
          v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
          v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
    }
    out.sort(Comparator.comparingDouble((Summary s) -> Double.isNaN(s.mean())
        ? Double.NEGATIVE_INFINITY : s.mean()).reversed());
    List<Summary> ranked = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      Summary s = out.get(i);
      ranked.add(new Summary(i + 1, s.config(), s.runs(), s.ok(), s.mean(), s.stderr(), s.min(),
          s.max()));
    }
    return ranked;
  }

  /** {@code sweep.csv}: one row per run, a column per searched key. */
  public static String runsCsv(SweepPlan plan, List<RunRow> rows) {
    List<String> keys = new ArrayList<>(plan.spec().space().keySet());
    StringBuilder sb = new StringBuilder("run_id,config_id,config");
    for (String k : keys) {
      sb.append(',').append(csv(k));
    }
    sb.append(",seed,status,eval_mean,eval_std,eval_episodes,train_episodes,steps,wall_s,"
        + "env_steps_per_s,error\n");
    Map<String, SweepPlan.Config> byId = new LinkedHashMap<>();
    plan.configs().forEach(c -> byId.put(c.id(), c));
    for (RunRow r : rows) {
      sb.append(csv(r.runId())).append(',').append(r.configId()).append(',')
          .append(csv(r.label()));
      SweepPlan.Config c = byId.get(r.configId());
      for (String k : keys) {
        sb.append(',').append(csv(c == null ? "" : c.settings().getOrDefault(k, "")));
      }
      sb.append(',').append(r.seed()).append(',').append(r.status()).append(',')
          .append(num(r.evalMean(), 2)).append(',').append(num(r.evalStd(), 2)).append(',')
          .append(r.episodes()).append(',').append(r.trainEpisodes()).append(',')
          .append(r.steps()).append(',').append(num(r.wallSeconds(), 1)).append(',')
          .append(num(r.envStepsPerSecond(), 0)).append(',').append(csv(r.error()))
          .append('\n');
    }
    return sb.toString();
  }

  /** {@code summary.csv}. */
  public static String summaryCsv(List<Summary> summaries) {
    StringBuilder sb = new StringBuilder(
        "rank,config_id,config,runs,ok,mean,stderr,min,max\n");
    for (Summary s : summaries) {
      sb.append(s.ok() == 0 ? "" : Integer.toString(s.rank())).append(',')
          .append(s.config().id()).append(',')
          .append(csv(s.config().label())).append(',').append(s.runs()).append(',')
          .append(s.ok()).append(',').append(num(s.mean(), 2)).append(',')
          .append(num(s.stderr(), 2)).append(',').append(num(s.min(), 2)).append(',')
          .append(num(s.max(), 2)).append('\n');
    }
    return sb.toString();
  }

  /** The summary as an aligned text table. */
  public static String table(List<Summary> summaries) {
    int w = "config".length();
    for (Summary s : summaries) {
      w = Math.max(w, s.config().label().length());
    }
    w = Math.min(w, 70);
    StringBuilder sb = new StringBuilder();
    String fmt = "%4s  %-" + w + "s  %8s  %9s  %8s  %9s  %9s  %9s%n";
    sb.append(String.format(Locale.ROOT, fmt, "rank", "config", "config_id", "seeds ok",
        "mean", "stderr", "min", "max"));
    for (Summary s : summaries) {
      String label = s.config().label();
      if (label.length() > w) {
        label = label.substring(0, w - 3) + "...";
      }
      sb.append(String.format(Locale.ROOT, fmt, s.ok() == 0 ? "-" : s.rank(), label,
          s.config().id(),
          s.ok() + "/" + s.runs(), num(s.mean(), 1), num(s.stderr(), 1), num(s.min(), 1),
          num(s.max(), 1)));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // the picture

  private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
      new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
      new Color(188, 189, 34), new Color(23, 190, 207)};

  /** Draws {@code sweep.png}; curves come from each finished run's {@code metrics.csv}. */
  public static byte[] png(SweepPlan plan, List<RunRow> rows, List<Summary> summaries,
      Store store) throws IOException {
    String title = plan.spec().env() + " " + plan.spec().algo() + ": " + plan.configs().size()
        + " config" + (plan.configs().size() == 1 ? "" : "s") + " x " + plan.spec().seeds().size()
        + " seed" + (plan.spec().seeds().size() == 1 ? "" : "s");
    XYChart curves = new XYChartBuilder().width(1000).height(600)
        .title(title + " (greedy evaluations: mean of seeds, band = 1 std)")
        .xAxisTitle("env steps").yAxisTitle("return").build();
    curves.getStyler().setXAxisDecimalPattern("#,###");
    curves.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    curves.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
    curves.getStyler().setChartTitleFont(curves.getStyler().getChartTitleFont()
        .deriveFont(13f));
    int colour = 0;
    boolean any = false;
    for (Summary s : summaries) {
      Color c = PALETTE[colour++ % PALETTE.length];
      List<double[][]> seeds = new ArrayList<>();
      long maxStep = 0;
      for (RunRow r : rows) {
        if (r.configId().equals(s.config().id()) && r.ok()) {
          double[][] curve = evalCurve(store.read(r.runId() + "/metrics.csv"));
          if (curve != null && curve[0].length > 0) {
            seeds.add(curve);
            maxStep = Math.max(maxStep, (long) curve[0][curve[0].length - 1]);
          }
        }
      }
      if (seeds.isEmpty()) {
        continue;
      }
      int points = 50;
      List<Double> xs = new ArrayList<>();
      List<Double> mean = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      for (int i = 1; i <= points; i++) {
        double x = maxStep * (double) i / points;
        List<Double> ys = new ArrayList<>();
        for (double[][] curve : seeds) {
          double y = at(curve, x);
          if (!Double.isNaN(y)) {
            ys.add(y);
          }
        }
        if (ys.isEmpty()) {
          continue;
        }
        double m = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = ys.size() > 1 ? sampleSd(ys, m) : 0;
        xs.add(x);
        mean.add(m);
        lo.add(m - sd);
        hi.add(m + sd);
      }
      if (xs.isEmpty()) {
        continue;
      }
      any = true;
      List<Double> px = new ArrayList<>(xs);
      List<Double> py = new ArrayList<>(hi);
      for (int i = xs.size() - 1; i >= 0; i--) {
        px.add(xs.get(i));
        py.add(lo.get(i));
      }
      String name = s.config().label();
      XYSeries band = curves.addSeries(name + " band", px, py);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
      band.setLineColor(new Color(0, 0, 0, 0));
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
      String legend = s.rank() + ". " + s.config().id() + "  " + (name.length() > 90
          ? name.substring(0, 87) + "..." : name) + "  (" + seeds.size() + " seed"
          + (seeds.size() == 1 ? "" : "s") + ")";
      XYSeries line = curves.addSeries(legend, xs, mean);
      line.setLineColor(c);
      line.setMarker(SeriesMarkers.NONE);
      line.setLineWidth(2f);
    }
    if (!any) {
      curves.addSeries("no evaluations in the runs' metrics.csv", new double[] {0},
          new double[] {0});
    }
    CategoryChart finals = new CategoryChartBuilder().width(600).height(600)
        .title("final return per config (mean, bar = std err)").xAxisTitle("config (ranked)")
        .yAxisTitle("final eval mean").build();
    finals.getStyler().setLegendVisible(false);
    finals.getStyler().setChartTitleFont(finals.getStyler().getChartTitleFont()
        .deriveFont(13f));
    finals.getStyler().setXAxisLabelRotation(summaries.size() > 4 ? 45 : 0);
    List<String> names = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    List<Double> errs = new ArrayList<>();
    for (Summary s : summaries) {
      // the config id (the curves' legend and the table name its values): labels never overlap
      names.add(summaries.size() == 1 || (summaries.size() <= 3
          && s.config().label().length() <= 24) ? s.config().label()
          : s.rank() + ". " + s.config().id());
      means.add(Double.isNaN(s.mean()) ? 0 : s.mean());
      errs.add(Double.isNaN(s.stderr()) ? 0 : s.stderr());
    }
    finals.addSeries("final", names, means, errs);
    BufferedImage img = new BufferedImage(1600, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    curves.paint(g, 1000, 600);
    g.translate(1000, 0);
    finals.paint(g, 600, 600);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    return png.toByteArray();
  }

  /** (env step, return) of the {@code eval} rows of a metrics.csv, or null. */
  static double[][] evalCurve(String metricsCsv) {
    if (metricsCsv == null) {
      return null;
    }
    String[] lines = metricsCsv.split("\\R");
    if (lines.length == 0) {
      return null;
    }
    List<String> header = List.of(lines[0].split(","));
    int kind = header.indexOf("kind");
    int step = header.indexOf("env_step");
    int ret = header.indexOf("return");
    if (kind < 0 || step < 0 || ret < 0) {
      return null;
    }
    List<double[]> pts = new ArrayList<>();
    List<double[]> episodes = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      if (f.length <= Math.max(kind, Math.max(step, ret)) || f[ret].isEmpty()) {
        continue;
      }
      try {
        double[] p = {Double.parseDouble(f[step]), Double.parseDouble(f[ret])};
        if (f[kind].equals("eval")) {
          pts.add(p);
        } else if (f[kind].equals("episode")) {
          episodes.add(p);
        }
      } catch (NumberFormatException e) {
        // a line we do not know: skip it
      }
    }
    if (pts.isEmpty()) {
      // no periodic evaluations (eval_freq=0): the running mean of 20 training episodes
      double[] window = new double[20];
      for (int i = 0; i < episodes.size(); i++) {
        window[i % 20] = episodes.get(i)[1];
        int k = Math.min(i + 1, 20);
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += window[j];
        }
        pts.add(new double[] {episodes.get(i)[0], s / k});
      }
    }
    double[][] out = new double[2][pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      out[0][i] = pts.get(i)[0];
      out[1][i] = pts.get(i)[1];
    }
    return out;
  }

  /** The curve's value at x: linear between points, its last value after its end, NaN before. */
  static double at(double[][] curve, double x) {
    double[] xs = curve[0];
    double[] ys = curve[1];
    if (xs.length == 0 || x < xs[0]) {
      return Double.NaN;
    }
    for (int i = 1; i < xs.length; i++) {
      if (x <= xs[i]) {
        double t = xs[i] == xs[i - 1] ? 1 : (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + t * (ys[i] - ys[i - 1]);
      }
    }
    return ys[ys.length - 1];
  }

  /** The sample standard deviation of {@code xs} about {@code mean}; NaN below two values. */
  private static double sampleSd(List<Double> xs, double mean) {
    if (xs.size() < 2) {
      return Double.NaN;
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (xs.size() - 1));
  }

  private static String num(double v, int digits) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  static String csv(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
