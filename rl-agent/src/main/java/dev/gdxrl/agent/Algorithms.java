package dev.gdxrl.agent;

import dev.gdxrl.agent.algo.dqn.DqnAgent;
import dev.gdxrl.agent.algo.dqn.DqnConfig;
import dev.gdxrl.agent.algo.pg.PgAlgorithms;
import dev.gdxrl.agent.algo.tabular.QLearningAgent;
import dev.gdxrl.agent.algo.tabular.QTableConfig;

import dev.gdxrl.env.Space;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The algorithms {@code --algo} can name. An immutable instance, not a static table: tests and
 * games may build their own with {@link #with}.
 */
public final class Algorithms {
  private final Map<String, Algorithm<?>> byId;

  private Algorithms(Map<String, Algorithm<?>> byId) {
    this.byId = byId;
  }

  /** qtable, dqn, double-dqn, reinforce, a2c, ppo. */
  public static Algorithms builtin() {
    Map<String, Algorithm<?>> m = new LinkedHashMap<>();
    m.put("qtable", Algorithm.discrete("qtable", QTableConfig::defaults, 500_000,
        QLearningAgent::new));
    m.put("dqn", dqn("dqn", false));
    m.put("double-dqn", dqn("double-dqn", true));
    m.put("reinforce", PgAlgorithms.reinforce());
    m.put("a2c", PgAlgorithms.a2c());
    m.put("ppo", PgAlgorithms.ppo());
    return new Algorithms(m);
  }

  /** dqn and double-dqn share dqn's presets (double-dqn may add its own on top). */
  private static Algorithm<DqnConfig> dqn(String id, boolean doubleQ) {
    List<String> presets = doubleQ ? List.of("dqn", id) : List.of(id);
    return Algorithm.discrete(id, DqnConfig::defaults, 100_000, presets,
        c -> c.withDoubleQ(doubleQ), (config, context) -> new DqnAgent(id, config, context));
  }

  /** A copy with one more algorithm. */
  public Algorithms with(Algorithm<?> algorithm) {
    Map<String, Algorithm<?>> m = new LinkedHashMap<>(byId);
    if (m.putIfAbsent(algorithm.id(), algorithm) != null) {
      throw new IllegalArgumentException("algo id already registered: " + algorithm.id());
    }
    return new Algorithms(m);
  }

  public List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }

  /** The algorithm, or an {@link IllegalArgumentException} listing the known ids. */
  public Algorithm<?> get(String id) {
    Algorithm<?> a = byId.get(id);
    if (a == null) {
      throw new IllegalArgumentException(
          "unknown algo '" + id + "'; known algos: " + String.join(", ", byId.keySet()));
    }
    return a;
  }

  /** Throws a one-line {@link IllegalArgumentException} if {@code algo} cannot act in the env. */
  public static void checkFits(Algorithm<?> algo, String envId, Space<?> actionSpace) {
    if (!algo.fits(actionSpace)) {
      throw new IllegalArgumentException("algo '" + algo.id() + "' needs " + algo.requires()
          + ", but env '" + envId + "' has " + actionSpace);
    }
  }
}
