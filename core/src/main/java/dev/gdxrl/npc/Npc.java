package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.Body;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Space;
import java.util.List;

/**
 * A learning agent in a game: a Box2D body, the {@link Sensor}s that make its observation (in
 * order, concatenated) and the {@link Actuator} that carries out its action. Game code adds
 * rewards from its events ({@link #addReward}) and may end the NPC's episode ({@link
 * #endEpisode}); the {@link Scene} collects both once per decision.
 *
 * <p>Scripted behaviour is a {@code Policy} on the NPC's observation, registered as the env
 * entry's heuristic ({@code EnvRegistry.Entry}): the same seam ({@code
 * dev.gdxrl.control.Controller}) then drives an NPC scripted, learned or by a human ({@code
 * eval --policy heuristic}, {@code play}'s driver keys, {@code Controller.of}).
 *
 * @param <A> action type
 */
public final class Npc<A> {
  private final String name;
  private final Body body;
  private final Actuator<A> actuator;
  private final List<Sensor> sensors;
  private final Box observationSpace;
  private A action;
  private double reward;
  private boolean ended;

  public Npc(String name, Body body, Actuator<A> actuator, List<? extends Sensor> sensors) {
    if (body == null || actuator == null || sensors.isEmpty()) {
      throw new IllegalArgumentException("Npc " + name + " needs a body, an actuator and sensors");
    }
    this.name = name;
    this.body = body;
    this.actuator = actuator;
    this.sensors = List.copyOf(sensors);
    this.observationSpace = spaceOf(this.sensors);
  }

  /** The observation space of {@code sensors}, concatenated in order. */
  public static Box spaceOf(List<? extends Sensor> sensors) {
    int n = 0;
    for (Sensor s : sensors) {
      n += s.size();
    }
    float[] lo = new float[n];
    float[] hi = new float[n];
    int o = 0;
    for (Sensor s : sensors) {
      System.arraycopy(s.low(), 0, lo, o, s.size());
      System.arraycopy(s.high(), 0, hi, o, s.size());
      o += s.size();
    }
    return new Box(lo, hi);
  }

  public String name() {
    return name;
  }

  public Body body() {
    return body;
  }

  public List<Sensor> sensors() {
    return sensors;
  }

  public Actuator<A> actuator() {
    return actuator;
  }

  public Box observationSpace() {
    return observationSpace;
  }

  public Space<A> actionSpace() {
    return actuator.space();
  }

  /** A new array: every sensor's reading, in order. */
  public float[] observe() {
    float[] out = new float[observationSpace.dim()];
    int o = 0;
    for (Sensor s : sensors) {
      s.read(this, out, o);
      o += s.size();
    }
    return out;
  }

  /** Holds {@code action} until the next decision. */
  public void act(A action) {
    if (!actuator.space().contains(action)) {
      throw new IllegalArgumentException(
          "npc " + name + ": action " + describe(action) + " is not in " + actuator.space());
    }
    this.action = action;
  }

  /** The action being held, null before the first. */
  public A action() {
    return action;
  }

  /** Applies the held action for one physics step (called by the scene). */
  void applyAction(float dt) {
    if (action != null) {
      actuator.apply(this, action, dt);
    }
  }

  /** Adds {@code r} to this decision step's reward. */
  public void addReward(double r) {
    if (!Double.isFinite(r)) {
      throw new IllegalArgumentException("npc " + name + ": reward must be finite, got " + r);
    }
    reward += r;
  }

  /** Ends this NPC's episode after the current decision step (the scene's round ends). */
  public void endEpisode() {
    ended = true;
  }

  public boolean episodeEnded() {
    return ended;
  }

  /** The reward gathered since the last call, and clears it. */
  double takeReward() {
    double r = reward;
    reward = 0;
    return r;
  }

  private static String describe(Object a) {
    return a instanceof float[] f ? java.util.Arrays.toString(f) : String.valueOf(a);
  }
}
