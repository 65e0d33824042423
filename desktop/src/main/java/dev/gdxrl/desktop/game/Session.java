package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One env being played: steps it through the Env API with the action of the {@link Controller}
 * that drives now (keyboard, heuristic, random, or a learned one added by the caller) and keeps
 * the numbers the HUD shows. Knows nothing of GL or of time; {@link PlayScreen} decides when to step.
 *
 * @param <A> the env's action type
 */
final class Session<A> implements AutoCloseable {
  private final Env<float[], A> env;
  private final GameView<A> view;
  private final List<Controller<A>> controllers;
  private int current;
  private long seed;
  private int episode;
  private int steps;
  private double episodeReturn;
  private double lastReward;
  private String outcome;
  private boolean done;
  private float[] observation;

  /**
   * @param controllers who can drive, in the order the driver key cycles through them
   * @param driver the {@link Controller#name()} of the one that drives first
   */
  Session(Env<float[], A> env, GameView<A> view, List<Controller<A>> controllers, String driver,
      long seed) {
    this.env = env;
    this.view = view;
    this.controllers = List.copyOf(controllers);
    this.current = indexOf(driver);
    if (current < 0) {
      throw new IllegalArgumentException(
          "env '" + env.spec().id() + "' has no driver '" + driver + "'");
    }
    reset(seed);
  }

  /**
   * The standard drivers: the view's keyboard ("human"), the registry's heuristic if any, and
   * uniformly random actions from a generator seeded with {@code seed}.
   */
  static <A> List<Controller<A>> standardControllers(Env<float[], A> env, GameView<A> view,
      KeyInput keys, Policy<float[], A> heuristic, long seed) {
    List<Controller<A>> list = new ArrayList<>();
    list.add(Controller.of(Driver.HUMAN.label(), view.keyboard(keys)));
    if (heuristic != null) {
      list.add(Controller.of(Driver.HEURISTIC.label(), heuristic));
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    list.add(Controller.of(Driver.RANDOM.label(), obs -> env.actionSpace().sample(rng)));
    return list;
  }

  private int indexOf(String name) {
    for (int i = 0; i < controllers.size(); i++) {
      if (controllers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Starts a new episode from {@code seed}. */
  void reset(long newSeed) {
    seed = newSeed;
    episode++;
    observation = env.reset(seed);
    controllers.forEach(Controller::reset);
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
    A action = controllers.get(current).decide(observation);
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

  /** Switches to the next driver. */
  void cycleDriver() {
    current = (current + 1) % controllers.size();
  }

  /** The controller driving now. */
  Controller<A> driver() {
    return controllers.get(current);
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
