package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A game round with {@link #agents()} learning NPCs in one Box2D world, as a {@link
 * MultiAgentEnv}: the base of a game built with the toolkit. A subclass builds the world's content
 * and its NPCs in {@link #populate} (on every reset, into a new world) and runs its game logic in
 * {@link #beforePhysicsStep} / {@link #afterPhysicsStep}: scripted characters, contacts, rewards
 * ({@link Npc#addReward}), the end of the round ({@link #endRound}, {@link Npc#endEpisode}).
 *
 * <p>One decision step: every NPC takes its action, then the world steps {@code decisionPeriod}
 * times by {@code physicsDt} with the actions held (each actuator applied before each physics
 * step), then every NPC observes. The round ends for every NPC at once (scene reset, not per-NPC
 * reset) when the game calls {@link #endRound} or any NPC's {@link Npc#endEpisode}, or after
 * {@code spec.maxEpisodeSteps()} decisions (truncated, outcome {@code "time_limit"}). Why a scene
 * reset: the NPCs of one world share its state (in the tag arena, one runner is caught by one of
 * them), so one NPC cannot start over while the others play on without changing their game.
 *
 * <p>Observation and action spaces come from the NPCs' sensors and actuators; to know them before
 * the first reset the scene populates a scratch world once (seed 0) and disposes it, so {@code
 * populate} must not depend on anything but its arguments and the scene's constructor arguments.
 *
 * <p>{@link SceneEnv} is a scene with one NPC as a plain {@code Env}.
 *
 * @param <A> action type of one NPC
 */
public abstract class Scene<A> implements MultiAgentEnv<A>, Box2DWorldEnv {
  /** The outcome of a round cut short by the time limit. */
  public static final String TIME_LIMIT = "time_limit";

  private final EnvSpec spec;
  private final int agents;
  private final float physicsDt;
  private final int decisionPeriod;
  private final Map<String, Object> metrics = new LinkedHashMap<>();
  private World world;
  private List<Npc<A>> npcs = List.of();
  private RandomSource random;
  private Box observationSpace;
  private Space<A> actionSpace;
  private String outcome;
  private boolean roundOver;
  private boolean needsReset = true;
  private boolean closed;
  private int decisions;

  protected Scene(EnvSpec spec, int agents, float physicsDt, int decisionPeriod) {
    if (agents < 1) {
      throw new IllegalArgumentException(spec.id() + ": a scene needs at least one agent, got "
          + agents);
    }
    if (!(physicsDt > 0) || decisionPeriod < 1) {
      throw new IllegalArgumentException(spec.id() + ": physicsDt must be > 0 and decisionPeriod"
          + " >= 1");
    }
    this.spec = spec;
    this.agents = agents;
    this.physicsDt = physicsDt;
    this.decisionPeriod = decisionPeriod;
  }

  /** A new, empty world for a round (no gravity by default: top-down games). */
  protected World createWorld() {
    return new World(new com.badlogic.gdx.math.Vector2(0, 0), true);
  }

  /**
   * Builds a round's bodies into {@code world} and returns its {@link #agents()} NPCs, all with
   * the same spaces. Every random draw comes from {@code rng}.
   */
  protected abstract List<Npc<A>> populate(World world, RandomSource rng);

  /** Game logic before each physics step (scripted characters push their bodies here). */
  protected void beforePhysicsStep(float dt) {}

  /** Game logic after each physics step (contacts, catches, rewards, {@link #endRound}). */
  protected void afterPhysicsStep(float dt) {}

  /** Game logic once per decision step, after its physics (per-step rewards such as time). */
  protected void afterDecision() {}

  /** Ends the round for every NPC after this physics step, with {@code outcome} as its word. */
  protected final void endRound(String outcome) {
    this.roundOver = true;
    this.outcome = outcome;
  }

  /** An episode metric of this round, reported at its end as {@code metric.NAME} (see Info). */
  protected final void metric(String name, double value) {
    metrics.put(Info.METRIC_PREFIX + name, value);
  }

  /** The round's random source (the one given to populate). */
  protected final RandomSource random() {
    return random;
  }

  /** The NPCs of the current round (empty before the first reset). */
  public final List<Npc<A>> npcs() {
    return npcs;
  }

  /** Decision steps taken in the current round. */
  public final int decisions() {
    return decisions;
  }

  public final float physicsDt() {
    return physicsDt;
  }

  public final int decisionPeriod() {
    return decisionPeriod;
  }

  @Override
  public final int agents() {
    return agents;
  }

  @Override
  public final EnvSpec spec() {
    return spec;
  }

  @Override
  public final Box observationSpace() {
    knowSpaces();
    return observationSpace;
  }

  @Override
  public final Space<A> actionSpace() {
    knowSpaces();
    return actionSpace;
  }

  private void knowSpaces() {
    if (observationSpace != null) {
      return;
    }
    World scratch = createWorld();
    try {
      takeSpaces(populate(scratch, RandomSource.seeded(0)));
    } finally {
      scratch.dispose();
    }
  }

  private void takeSpaces(List<Npc<A>> built) {
    if (built == null || built.size() != agents) {
      throw new IllegalStateException(spec.id() + ": populate() returned "
          + (built == null ? "null" : built.size() + " NPCs") + " for a scene of " + agents);
    }
    Box os = built.get(0).observationSpace();
    Space<A> as = built.get(0).actionSpace();
    for (Npc<A> n : built) {
      if (!n.observationSpace().equals(os) || !n.actionSpace().equals(as)) {
        throw new IllegalStateException(spec.id() + ": NPC " + n.name()
            + " has other sensors or actuator than " + built.get(0).name()
            + "; NPCs sharing a policy need the same spaces");
      }
    }
    if (observationSpace == null) {
      observationSpace = os;
      actionSpace = as;
    } else if (!observationSpace.equals(os) || !actionSpace.equals(as)) {
      throw new IllegalStateException(spec.id() + ": populate() built NPCs with other spaces"
          + " than before; sensors and actuators must not depend on the seed");
    }
  }

  @Override
  public final float[][] reset(long seed) {
    if (closed) {
      throw new IllegalStateException(spec.id() + ": reset() after close()");
    }
    knowSpaces();
    if (world != null) {
      world.dispose();
      world = null;
    }
    npcs = List.of();
    world = createWorld();
    random = RandomSource.seeded(seed);
    metrics.clear();
    outcome = null;
    roundOver = false;
    decisions = 0;
    List<Npc<A>> built = populate(world, random);
    takeSpaces(built);
    npcs = Collections.unmodifiableList(new ArrayList<>(built));
    needsReset = false;
    return observeAll();
  }

  @Override
  public final Result step(A[] actions) {
    if (actions == null || actions.length != agents) {
      throw new IllegalArgumentException(spec.id() + ": " + (actions == null ? "no"
          : actions.length) + " actions for a scene of " + agents + " NPCs");
    }
    for (int i = 0; i < agents; i++) {
      if (!actionSpace.contains(actions[i])) {
        throw new IllegalArgumentException(spec.id() + ": action "
            + (actions[i] instanceof float[] f ? Arrays.toString(f) : actions[i])
            + " of NPC " + i + " is not in " + actionSpace);
      }
    }
    if (needsReset) {
      throw new IllegalStateException(
          spec.id() + ": step() before reset() or after the round ended");
    }
    for (int i = 0; i < agents; i++) {
      npcs.get(i).act(actions[i]);
    }
    for (int p = 0; p < decisionPeriod && !over(); p++) {
      beforePhysicsStep(physicsDt);
      for (Npc<A> n : npcs) {
        n.applyAction(physicsDt);
      }
      world.step(physicsDt, 6, 2);
      afterPhysicsStep(physicsDt);
    }
    decisions++;
    afterDecision();
    boolean terminated = over();
    boolean truncated = !terminated && spec.maxEpisodeSteps() > 0
        && decisions >= spec.maxEpisodeSteps();
    if (truncated) {
      outcome = TIME_LIMIT;
    }
    float[][] obs = observeAll();
    double[] rewards = new double[agents];
    for (int i = 0; i < agents; i++) {
      rewards[i] = npcs.get(i).takeReward();
    }
    Map<String, Object> info = Map.of();
    if (terminated || truncated) {
      needsReset = true;
      Map<String, Object> m = new LinkedHashMap<>(metrics);
      if (outcome != null) {
        m.put(Info.OUTCOME, outcome);
      }
      info = Collections.unmodifiableMap(m);
    }
    return new Result(obs, rewards, terminated, truncated, info);
  }

  private boolean over() {
    if (roundOver) {
      return true;
    }
    for (Npc<A> n : npcs) {
      if (n.episodeEnded()) {
        return true;
      }
    }
    return false;
  }

  private float[][] observeAll() {
    float[][] obs = new float[agents][];
    for (int i = 0; i < agents; i++) {
      obs[i] = npcs.get(i).observe();
    }
    return obs;
  }

  /** The current round's world; null before the first reset and after close. */
  @Override
  public final World world() {
    return closed ? null : world;
  }

  @Override
  public final float stepSeconds() {
    return physicsDt * decisionPeriod;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (world != null) {
        world.dispose();
        world = null;
      }
      npcs = List.of();
    }
  }
}
