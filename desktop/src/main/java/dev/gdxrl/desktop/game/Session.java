package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.Step;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One env being played: steps it through the Env API with the current driver's action and keeps
 * the numbers the HUD shows. Knows nothing of GL or of time; {@link PlayScreen} decides when to step.
 *
 * @param <A> the env's action type
 */
final class Session<A> implements AutoCloseable {
  private final Env<float[], A> env;
  private final GameView<A> view;
  private final Map<Driver, Policy<float[], A>> policies = new EnumMap<>(Driver.class);
  private Driver driver;
  private long seed;
  private int episode;
  private int steps;
  private double episodeReturn;
  private double lastReward;
  private String outcome;
  private boolean done;
  private float[] observation;

  /**
   * @param heuristic the env's scripted pilot, or null if it has none
   */
  Session(Env<float[], A> env, GameView<A> view, KeyInput keys, Policy<float[], A> heuristic,
      Driver driver, long seed) {
    this.env = env;
    this.view = view;
    policies.put(Driver.HUMAN, view.keyboard(keys));
    if (heuristic != null) {
      policies.put(Driver.HEURISTIC, heuristic);
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    policies.put(Driver.RANDOM, obs -> env.actionSpace().sample(rng));
    if (!policies.containsKey(driver)) {
      throw new IllegalArgumentException("env '" + env.spec().id() + "' has no " + driver.label() + " driver");
    }
    this.driver = driver;
    reset(seed);
  }

  /** Starts a new episode from {@code seed}. */
  void reset(long newSeed) {
    seed = newSeed;
    episode++;
    observation = env.reset(seed);
    policies.values().forEach(Policy::reset);
    steps = 0;
    episodeReturn = 0;
    lastReward = 0;
    outcome = null;
    done = false;
    view.afterReset();
  }

  /** One env step with the current driver's action; does nothing once the episode is over. */
  void step() {
    if (done) {
      return;
    }
    A action = policies.get(driver).act(observation);
    view.beforeStep();
    Step<float[]> s = env.step(action);
    view.afterStep(action, s);
    observation = s.observation();
    steps++;
    lastReward = s.reward();
    episodeReturn += s.reward();
    if (s.done()) {
      done = true;
      Object o = s.info().get(Info.OUTCOME);
      outcome = o != null ? o.toString() : s.truncated() ? "time limit" : "terminated";
    }
  }

  /** Switches to the next driver that this env has. */
  void cycleDriver() {
    Driver d = driver.next();
    while (!policies.containsKey(d)) {
      d = d.next();
    }
    driver = d;
  }

  Driver driver() {
    return driver;
  }

  long seed() {
    return seed;
  }

  int episode() {
    return episode;
  }

  int steps() {
    return steps;
  }

  double episodeReturn() {
    return episodeReturn;
  }

  double lastReward() {
    return lastReward;
  }

  boolean done() {
    return done;
  }

  /** How the episode ended, or null while it runs. */
  String outcome() {
    return outcome;
  }

  String envId() {
    return env.spec().id();
  }

  Env<float[], A> env() {
    return env;
  }

  GameView<A> view() {
    return view;
  }

  @Override
  public void close() {
    view.dispose();
    env.close();
  }
}
