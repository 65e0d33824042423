package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.record.EpisodeRecord;
import dev.gdxrl.desktop.record.EpisodeRecorder;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.Step;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The envs being played: one or more lanes (NPCs side by side, one simulation each), all driven
 * by the {@link Controller} that drives now (keyboard, heuristic, random, a learned one added by
 * the caller) through ONE {@link Controller#decideAll} per tick, then each lane stepped through
 * the Env API. Keeps the numbers the HUD shows (those of lane 0 for the single-lane getters), the
 * decision cost per tick, and optionally records finished episodes. Knows nothing of GL or of
 * time; {@link PlayScreen} decides when to tick.
 *
 * <p>Seeds: lane {@code i} starts from {@code seed + i}; when its episode ends it continues with
 * the {@link SeedSchedule} (default: its seed plus the number of lanes, so lanes never share a
 * seed). With one lane the controllers are reset at every episode start; with several they are
 * reset when the whole scene restarts.
 *
 * @param <A> the env's action type
 */
final class Session<A> implements AutoCloseable {
  /** Game time an ended lane shows its result before its next episode starts (in ticks). */
  static final double END_PAUSE_S = 1.5;

  /** Where a lane goes after an episode. */
  @FunctionalInterface
  interface SeedSchedule {
    long next(int lane, long seed);
  }

  /** Told about every finished episode. */
  @FunctionalInterface
  interface EpisodeListener {
    void ended(int lane, long seed, int steps, double episodeReturn, String outcome);
  }

  /** One simulation and its episode's numbers. */
  static final class Lane<A> {
    final Env<float[], A> env;
    final GameView<A> view;
    final EpisodeRecorder recorder;
    float[] observation;
    long seed;
    int episode;
    int steps;
    double episodeReturn;
    double lastReward;
    boolean done;
    String outcome;
    double endedFor;

    Lane(Env<float[], A> env, GameView<A> view, EpisodeRecorder recorder) {
      this.env = env;
      this.view = view;
      this.recorder = recorder;
    }

    GameView<A> view() {
      return view;
    }

    boolean done() {
      return done;
    }

    double episodeReturn() {
      return episodeReturn;
    }

    String outcome() {
      return outcome;
    }
  }

  private final List<Lane<A>> lanes;
  private final List<Controller<A>> controllers;
  private final float[][] observations;
  private final A[] actions;
  private final Consumer<EpisodeRecord> sink;
  private final SeedSchedule schedule;
  private int current;
  private long ticks;
  private long decisionNanos;
  private double recentDecisionMs = Double.NaN;
  private int finished;
  private double returnSum;
  private double returnSumSq;
  private final List<Double> returns = new ArrayList<>();
  private EpisodeListener listener;

  /** One lane, no recording (interactive play, tests). */
  Session(Env<float[], A> env, GameView<A> view, List<Controller<A>> controllers, String driver,
      long seed) {
    this(List.of(env), List.of(view), controllers, driver, seed, null, null);
  }

  /**
   * @param envs one env per lane (the session closes them)
   * @param views one view per lane, reading that lane's env
   * @param controllers who can drive, in the order the driver keys list them
   * @param driver the {@link Controller#name()} of the one that drives first
   * @param seed seed of lane 0's first episode
   * @param sink gets every finished episode, or null to record nothing
   * @param schedule the seed after an episode, or null for {@code seed + lanes}
   */
  @SuppressWarnings("unchecked")
  Session(List<Env<float[], A>> envs, List<GameView<A>> views, List<Controller<A>> controllers,
      String driver, long seed, Consumer<EpisodeRecord> sink, SeedSchedule schedule) {
    if (envs.isEmpty() || envs.size() != views.size()) {
      throw new IllegalArgumentException("a session needs one view per env, and at least one");
    }
    this.controllers = List.copyOf(controllers);
    this.sink = sink;
    int n = envs.size();
    this.schedule = schedule != null ? schedule : (lane, s) -> s + n;
    this.current = indexOf(driver);
    if (current < 0) {
      throw new IllegalArgumentException(
          "env '" + envs.get(0).spec().id() + "' has no driver '" + driver + "'");
    }
    lanes = new ArrayList<>(n);
    boolean box = envs.get(0).actionSpace() instanceof Box;
    for (int i = 0; i < n; i++) {
      Env<float[], A> env = envs.get(i);
      EpisodeRecorder rec = sink == null ? null : new EpisodeRecorder(env.spec().id(),
          box ? ((Box) env.actionSpace()).dim() : 0);
      lanes.add(new Lane<>(env, views.get(i), rec));
    }
    observations = new float[n][];
    actions = (A[]) Array.newInstance(box ? float[].class : Integer.class, n);
    for (int i = 0; i < n; i++) {
      resetLane(i, seed + i);
    }
    controllers.forEach(Controller::reset);
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

  private void resetLane(int i, long seed) {
    Lane<A> l = lanes.get(i);
    l.seed = seed;
    l.episode++;
    l.observation = l.env.reset(seed);
    observations[i] = l.observation;
    l.steps = 0;
    l.episodeReturn = 0;
    l.lastReward = 0;
    l.outcome = null;
    l.done = false;
    l.endedFor = 0;
    if (l.recorder != null) {
      l.recorder.start(seed);
    }
    l.view.afterReset();
  }

  /** Restarts every lane: lane 0 from {@code newSeed}, lane i from {@code newSeed + i}. */
  void reset(long newSeed) {
    for (int i = 0; i < lanes.size(); i++) {
      resetLane(i, newSeed + i);
    }
    controllers.forEach(Controller::reset);
  }

  /** Restarts every lane with the seed it has now. */
  void restartSameSeeds() {
    for (int i = 0; i < lanes.size(); i++) {
      resetLane(i, lanes.get(i).seed);
    }
    controllers.forEach(Controller::reset);
  }

  /** Every lane goes on to its next seed now. */
  void restartNextSeeds() {
    for (int i = 0; i < lanes.size(); i++) {
      resetLane(i, schedule.next(i, lanes.get(i).seed));
    }
    controllers.forEach(Controller::reset);
  }

  /**
   * One decision tick: one batched decision of the current driver for all lanes (ended lanes
   * included, their actions unused, so the cost is that of every NPC), then one env step for
   * each lane whose episode runs. Does nothing when every lane has ended.
   */
  void step() {
    if (allDone()) {
      return;
    }
    Controller<A> driver = controllers.get(current);
    long t0 = System.nanoTime();
    if (lanes.size() == 1) {
      actions[0] = driver.decide(observations[0]);
    } else {
      driver.decideAll(observations, actions);
    }
    long nanos = System.nanoTime() - t0;
    ticks++;
    decisionNanos += nanos;
    double ms = nanos / 1e6;
    recentDecisionMs = Double.isNaN(recentDecisionMs) ? ms : 0.98 * recentDecisionMs + 0.02 * ms;
    for (int i = 0; i < lanes.size(); i++) {
      Lane<A> l = lanes.get(i);
      if (!l.done) {
        stepLane(i, l, actions[i], driver.name());
      }
    }
  }

  private void stepLane(int i, Lane<A> l, A action, String driverName) {
    l.view.beforeStep();
    Step<float[]> s = l.env.step(action);
    l.view.afterStep(action, s);
    l.observation = s.observation();
    observations[i] = l.observation;
    l.steps++;
    l.lastReward = s.reward();
    l.episodeReturn += s.reward();
    if (l.recorder != null) {
      l.recorder.add(action, s.reward(), driverName);
    }
    if (s.done()) {
      l.done = true;
      Object o = s.info().get(Info.OUTCOME);
      l.outcome = o != null ? o.toString() : s.truncated() ? "time limit" : "terminated";
      finished++;
      returnSum += l.episodeReturn;
      returnSumSq += l.episodeReturn * l.episodeReturn;
      returns.add(l.episodeReturn);
      if (listener != null) {
        listener.ended(i, l.seed, l.steps, l.episodeReturn, l.outcome);
      }
      if (l.recorder != null) {
        sink.accept(l.recorder.finish(s.terminated(), s.truncated(), o == null ? null
            : o.toString()));
      }
    }
  }

  /**
   * One fixed step of game time: {@link #step()} for the running lanes; ended lanes count their
   * pause and start their next episode when it is over.
   */
  void tick(double dt) {
    step();
    for (int i = 0; i < lanes.size(); i++) {
      Lane<A> l = lanes.get(i);
      if (l.done && l.steps > 0) {
        l.endedFor += dt;
        if (l.endedFor >= END_PAUSE_S) {
          resetLane(i, schedule.next(i, l.seed));
          if (lanes.size() == 1) {
            controllers.forEach(Controller::reset);
          }
        }
      }
    }
  }

  boolean allDone() {
    for (Lane<A> l : lanes) {
      if (!l.done) {
        return false;
      }
    }
    return true;
  }

  void setEpisodeListener(EpisodeListener l) {
    this.listener = l;
  }

  /** Switches to the next driver. */
  void cycleDriver() {
    current = (current + 1) % controllers.size();
  }

  /** Switches to driver number {@code index} of {@link #controllers()}; false if there is none. */
  boolean selectDriver(int index) {
    if (index < 0 || index >= controllers.size()) {
      return false;
    }
    current = index;
    return true;
  }

  /** The controller driving now. */
  Controller<A> driver() {
    return controllers.get(current);
  }

  List<Controller<A>> controllers() {
    return controllers;
  }

  List<Lane<A>> lanes() {
    return lanes;
  }

  int laneCount() {
    return lanes.size();
  }

  long seed() {
    return lanes.get(0).seed;
  }

  int episode() {
    return lanes.get(0).episode;
  }

  int steps() {
    return lanes.get(0).steps;
  }

  double episodeReturn() {
    return lanes.get(0).episodeReturn;
  }

  double lastReward() {
    return lanes.get(0).lastReward;
  }

  /** Whether lane 0's episode is over. */
  boolean done() {
    return lanes.get(0).done;
  }

  /** How lane 0's episode ended, or null while it runs. */
  String outcome() {
    return lanes.get(0).outcome;
  }

  String envId() {
    return lanes.get(0).env.spec().id();
  }

  Env<float[], A> env() {
    return lanes.get(0).env;
  }

  GameView<A> view() {
    return lanes.get(0).view;
  }

  /** Decision ticks so far. */
  long ticks() {
    return ticks;
  }

  /** Mean cost of one tick's decision for all lanes together, in ms (NaN before the first). */
  double meanDecisionMs() {
    return ticks == 0 ? Double.NaN : decisionNanos / 1e6 / ticks;
  }

  /** The same, smoothed over the last ~50 ticks, for the HUD. */
  double recentDecisionMs() {
    return recentDecisionMs;
  }

  /** Episodes finished so far, over all lanes. */
  int finishedEpisodes() {
    return finished;
  }

  /** The returns of the finished episodes, in order of finishing. */
  List<Double> returns() {
    return List.copyOf(returns);
  }

  double meanReturn() {
    return finished == 0 ? Double.NaN : returnSum / finished;
  }

  double stdReturn() {
    if (finished == 0) {
      return Double.NaN;
    }
    double m = meanReturn();
    return Math.sqrt(Math.max(0, returnSumSq / finished - m * m));
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (Lane<A> l : lanes) {
      try {
        l.view.dispose();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
      l.env.close();
    }
    for (Controller<A> c : controllers) {
      if (c instanceof AutoCloseable ac) {
        try {
          ac.close();
        } catch (Exception e) {
          // Closing frees native memory at the end of the game; nothing to report to the player.
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
