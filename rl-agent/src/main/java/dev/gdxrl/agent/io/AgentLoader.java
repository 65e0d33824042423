package dev.gdxrl.agent.io;

import ai.djl.Device;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.AgentContext;
import dev.gdxrl.agent.Algorithm;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.DjlDefaults;
import dev.gdxrl.agent.Footprint;
import dev.gdxrl.agent.config.ConfigBinder;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.file.Path;

/** Rebuilds the agent of a checkpoint, after checking it against the env it was trained on. */
public final class AgentLoader {
  private AgentLoader() {}

  /**
   * A loaded checkpoint.
   *
   * @param meta its agent.json
   * @param config the algorithm config it was trained with
   * @param agent the agent with its parameters loaded (the caller closes it)
   */
  public record Loaded(CheckpointMeta meta, Record config, Agent<?> agent) {}

  /**
   * Loads {@code dir}. Every problem (unreadable or truncated files, other format version, env
   * not registered, spaces that differ from the env's, unknown algorithm) is a one-line {@link
   * CheckpointException}.
   */
  public static Loaded load(Path dir, EnvRegistry registry, Algorithms algos, Device device) {
    DjlDefaults.apply();
    DjlDefaults.noGradientRecordingOnThisThread();
    CheckpointMeta meta = Checkpoints.readMeta(dir);
    Checkpoints.checkRegistered(meta, dir, registry);
    Algorithm<?> algo;
    Record config;
    try {
      algo = algos.get(meta.algo());
      config = ConfigBinder.bind(algo.defaults(meta.envId()), meta.config(), "checkpoint config");
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("checkpoint " + dir + ": " + e.getMessage(), e);
    }
    AgentContext ctx = new AgentContext(meta.envId(), meta.observationSpace(),
        meta.actionSpace(), device, Seeds.agent(meta.seed(), meta.envSteps()),
        Math.max(1, trainSteps(meta)));
    Agent<?> agent;
    try {
      Footprint.checkMemory(config, meta.observationSpace(), meta.actionSpace(),
          Runtime.getRuntime().maxMemory(), "");
      agent = algo.createUnchecked(config, ctx);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("checkpoint " + dir + ": " + e.getMessage(), e);
    }
    try {
      agent.load(dir);
    } catch (IOException | RuntimeException e) {
      agent.close();
      throw new CheckpointException("checkpoint " + dir + ": cannot read the parameters: "
          + Problems.describe(e), e);
    }
    agent.restoreGradientSteps(meta.gradientSteps());
    return new Loaded(meta, config, agent);
  }

  /** The planned length of the run the checkpoint comes from (for schedules). */
  static long trainSteps(CheckpointMeta meta) {
    Object s = meta.train().get("steps");
    return s instanceof Number n ? n.longValue() : meta.envSteps();
  }
}
