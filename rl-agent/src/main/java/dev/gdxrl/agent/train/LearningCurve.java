package dev.gdxrl.agent.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a run's learning curve (episode returns, their running mean, evaluations) as a PNG. */
public final class LearningCurve {
  private LearningCurve() {}

  public static void writePng(Metrics metrics, String title, Path file) throws IOException {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<Double> mean = new ArrayList<>();
    List<Double> ex = new ArrayList<>();
    List<Double> ey = new ArrayList<>();
    double[] window = new double[20];
    int n = 0;
    for (Metrics.Row r : metrics.rows()) {
      if (r.kind().equals("episode")) {
        x.add((double) r.envStep());
        y.add(r.value());
        window[n % window.length] = r.value();
        n++;
        double s = 0;
        int k = Math.min(n, window.length);
        for (int i = 0; i < k; i++) {
          s += window[i];
        }
        mean.add(s / k);
      } else if (r.kind().equals("eval")) {
        ex.add((double) r.envStep());
        ey.add(r.value());
      }
    }
    XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
        .xAxisTitle("env steps").yAxisTitle("return").build();
    chart.getStyler().setChartTitleVisible(true);
    if (!x.isEmpty()) {
      XYSeries ep = chart.addSeries("episode return", x, y);
      ep.setMarker(SeriesMarkers.NONE);
      ep.setLineWidth(0.5f);
      XYSeries m = chart.addSeries("mean of last 20", x, mean);
      m.setMarker(SeriesMarkers.NONE);
    }
    if (!ex.isEmpty()) {
      chart.addSeries("greedy evaluation", ex, ey);
    }
    if (x.isEmpty() && ex.isEmpty()) {
      chart.addSeries("no episodes yet", new double[] {0}, new double[] {0});
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
