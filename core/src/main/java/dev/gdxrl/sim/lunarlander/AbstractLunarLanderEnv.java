package dev.gdxrl.sim.lunarlander;

import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What the discrete and the continuous Lunar Lander share: random draws, reset, observation,
 * reward and termination (rules in {@code shared/specs/lunar-lander.md}). The subclasses only say
 * how an action maps to engine powers.
 *
 * <p>Random draws, all from the source built for the seed, in this order: 12 terrain heights, the 2
 * initial force components, then 2 dispersion values on every step (the "do nothing" step that
 * reset performs included). Inject another source (recorded draws) to replay reference episodes.
 *
 * <p>Observation (8 floats): normalised position (2), scaled velocity (2), angle, scaled angular
 * velocity, and the two leg contacts; computed in double from Box2D's float state, stored as
 * floats. Reward: change of the shaping potential, minus 0.3 per unit of main power and 0.03 per
 * unit of side power; replaced by -100 on a crash or fly-off and by +100 on landing (which wins).
 * The time limit (1000 steps) is the registry's {@code TimeLimit}, not this class.
 *
 * @param <A> action type
 */
public abstract sealed class AbstractLunarLanderEnv<A> implements Env<float[], A>, Box2DWorldEnv
    permits LunarLanderEnv, LunarLanderContinuousEnv {

  /** Observation size. */
  public static final int OBS_DIM = 8;

  private static final float TWO_PI = (float) (2 * Math.PI);
  private static final Box OBSERVATION_SPACE = new Box(
      new float[] {-2.5f, -2.5f, -10f, -10f, -TWO_PI, -10f, 0f, 0f},
      new float[] {2.5f, 2.5f, 10f, 10f, TWO_PI, 10f, 1f, 1f});
  private static final Map<String, Object> LANDED =
      Map.of(Info.OUTCOME, Outcome.LANDED.word());
  private static final Map<String, Object> CRASHED =
      Map.of(Info.OUTCOME, Outcome.CRASHED.word());
  private static final Map<String, Object> FLEW_OFF =
      Map.of(Info.OUTCOME, Outcome.FLEW_OFF.word());

  private final LongFunction<RandomSource> randomness;
  private final LunarLanderSim sim = new LunarLanderSim();
  private final double[] heights = new double[LunarLanderSim.HEIGHT_DRAWS];
  private RandomSource rng;
  private double prevShaping;
  private boolean needsReset = true;
  private boolean closed;

  // engine command decoded from the current action
  double mainPower;
  int sideDirection;
  double sidePower;

  AbstractLunarLanderEnv(LongFunction<RandomSource> randomness) {
    if (randomness == null) {
      throw new IllegalArgumentException("randomness (seed -> RandomSource) is null");
    }
    this.randomness = randomness;
  }

  /** Sets {@link #mainPower}, {@link #sideDirection}, {@link #sidePower} from a valid action. */
  abstract void decode(Object action);

  /** A one-line legend of the actions, for error messages. */
  abstract String actionLegend();

  @Override
  public final float[] reset(long seed) {
    checkOpen();
    rng = randomness.apply(seed);
    if (rng == null) {
      throw new IllegalStateException("randomness returned no RandomSource for seed " + seed);
    }
    for (int k = 0; k < heights.length; k++) {
      heights[k] = rng.uniform(0, LunarLanderSim.H / 2);
    }
    double fx = rng.uniform(-LunarLanderSim.INITIAL_RANDOM, LunarLanderSim.INITIAL_RANDOM);
    double fy = rng.uniform(-LunarLanderSim.INITIAL_RANDOM, LunarLanderSim.INITIAL_RANDOM);
    sim.reset(heights, fx, fy);
    prevShaping = Double.NaN;
    mainPower = 0;
    sideDirection = 0;
    sidePower = 0;
    needsReset = false;
    Step<float[]> first = advance();
    needsReset = first.terminated();
    return first.observation();
  }

  @Override
  public final Step<float[]> step(A action) {
    checkOpen();
    if (!actionSpace().contains(action)) {
      throw new IllegalArgumentException(spec().id() + ": action " + describe(action)
          + " is not in " + actionSpace() + " (" + actionLegend() + ")");
    }
    if (needsReset) {
      throw new IllegalStateException(
          spec().id() + ": step() before reset() or after the episode ended; call reset()");
    }
    decode(action);
    Step<float[]> s = advance();
    needsReset = s.terminated();
    return s;
  }

  private Step<float[]> advance() {
    double d0 = rng.uniform(-1, 1);
    double d1 = rng.uniform(-1, 1);
    Outcome outcome = sim.step(mainPower, sideDirection, sidePower, d0, d1);
    float[] s = observe();
    double shaping = -100 * Math.sqrt((double) s[0] * s[0] + (double) s[1] * s[1])
        - 100 * Math.sqrt((double) s[2] * s[2] + (double) s[3] * s[3])
        - 100 * Math.abs((double) s[4])
        + 10 * (double) s[6]
        + 10 * (double) s[7];
    double reward = Double.isNaN(prevShaping) ? 0 : shaping - prevShaping;
    prevShaping = shaping;
    reward -= mainPower * 0.30;
    reward -= sidePower * 0.03;
    return switch (outcome) {
      case NONE -> new Step<>(s, reward, false, false, Map.of());
      case LANDED -> new Step<>(s, 100, true, false, LANDED);
      case CRASHED -> new Step<>(s, -100, true, false, CRASHED);
      case FLEW_OFF -> new Step<>(s, -100, true, false, FLEW_OFF);
    };
  }

  private float[] observe() {
    float[] s = new float[OBS_DIM];
    double w2 = LunarLanderSim.W / 2;
    double h2 = LunarLanderSim.H / 2;
    s[0] = (float) sim.normalizedX();
    s[1] = (float) ((sim.hullY() - (LunarLanderSim.HELIPAD_Y + LunarLanderSim.LEG_DOWN)) / h2);
    s[2] = (float) (sim.hullVelocityX() * w2 / LunarLanderSim.FPS);
    s[3] = (float) (sim.hullVelocityY() * h2 / LunarLanderSim.FPS);
    s[4] = sim.hullAngle();
    s[5] = (float) (20.0 * sim.hullAngularVelocity() / LunarLanderSim.FPS);
    s[6] = sim.legContact(0) ? 1f : 0f;
    s[7] = sim.legContact(1) ? 1f : 0f;
    return s;
  }

  private static String describe(Object action) {
    if (action instanceof float[] f) {
      return java.util.Arrays.toString(f) + " (length " + f.length + ")";
    }
    if (action == null) {
      return "null";
    }
    return action + " (" + action.getClass().getSimpleName() + ")";
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(spec().id() + ": env is closed");
    }
  }

  /** The simulation, read-only, for renderers and listeners. */
  public final LunarLanderSim sim() {
    return sim;
  }

  /** The sim's current world (a new one after each reset); null before the first and after close. */
  @Override
  public final World world() {
    return sim.world();
  }

  @Override
  public final float stepSeconds() {
    return (float) (1.0 / LunarLanderSim.FPS);
  }

  @Override
  public final Space<float[]> observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      sim.dispose();
    }
  }
}
