package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.env.RunningMeanStd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Observation statistics to and from the {@code normalization} object of {@code agent.json}. */
final class NormalizationState {
  private NormalizationState() {}

  static Map<String, Object> toMap(RunningMeanStd.State s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", s.mean());
    m.put("var", s.var());
    m.put("count", s.count());
    m.put("clip", PgPolicy.OBS_CLIP);
    m.put("epsilon", PgPolicy.OBS_EPS);
    return m;
  }

  static RunningMeanStd.State fromMap(Map<String, Object> m) {
    try {
      return new RunningMeanStd.State(doubles(m.get("mean")), doubles(m.get("var")),
          ((Number) m.get("count")).doubleValue());
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("malformed normalization statistics: " + m, e);
    }
  }

  private static double[] doubles(Object o) {
    if (o instanceof double[] d) {
      return d.clone();
    }
    List<?> list = (List<?>) o;
    double[] d = new double[list.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = ((Number) list.get(i)).doubleValue();
    }
    return d;
  }
}
