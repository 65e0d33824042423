package dev.gdxrl.desktop.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: exactly the {@code train} run {@code ./gdx-rl train --env ENV --algo ALGO
 * [--steps N] --seed SEED --set K=V ... --out OUT/ID}. Serializable: it travels to Spark tasks.
 *
 * @param id stable run id, the name of its directory under the sweep's output
 * @param configId the id of its config point
 * @param label its config point's searched values
 * @param env env id
 * @param algo algorithm id
 * @param steps env steps, or null for the env and algo's default
 * @param seed the run's seed
 * @param settings the {@code --set} settings, in order
 */
public record RunSpec(String id, String configId, String label, String env, String algo,
    Long steps, long seed, Map<String, String> settings) implements Serializable {

  public RunSpec {
    settings = new LinkedHashMap<>(settings); // LinkedHashMap: serializable and ordered
  }

  /**
   * The same run as a {@code gdx-rl train} command line (for logs and the README);
   * {@code classpath} is {@code --classpath PATH}, {@code GDX_RL_CLASSPATH=PATH} or empty.
   */
  public String trainCommand(String classpath, String out) {
    String cp = classpath == null || classpath.isBlank() ? "" : classpath;
    StringBuilder sb = new StringBuilder(cp.startsWith("GDX_RL_CLASSPATH=") ? cp + " " : "")
        .append("./gdx-rl ").append(cp.startsWith("--classpath") ? cp + " " : "")
        .append("train --env ").append(env)
        .append(" --algo ").append(algo);
    if (steps != null) {
      sb.append(" --steps ").append(steps);
    }
    sb.append(" --seed ").append(seed);
    settings.forEach((k, v) -> sb.append(" --set ").append(k).append('=').append(v));
    return sb.append(" --out ").append(out).toString();
  }
}
