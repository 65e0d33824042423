package dev.gdxrl.sim.cartpole;

import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import java.util.Map;

/**
 * CartPole on Box2D. Actions: 0 push left, 1 push right (10 N). Observation (x, x', theta,
 * theta'). +1 per step including the last; terminated when |x| > 2.4 m or |theta| > 12 degrees.
 * The 500-step limit is the registry's {@code TimeLimit}, not this class.
 */
public final class CartPoleEnv implements Env<float[], Integer>, Box2DWorldEnv {
  public static final EnvSpec SPEC = new EnvSpec("cartpole", 500, 475);
  public static final float X_THRESHOLD = 2.4f;
  public static final float THETA_THRESHOLD = (float) (12 * 2 * Math.PI / 360);
  public static final String OUTCOME_FELL = "fell";
  public static final String OUTCOME_OFF_TRACK = "off_track";

  private static final Box OBSERVATION_SPACE = new Box(
      new float[] {-2 * X_THRESHOLD, Float.NEGATIVE_INFINITY, -2 * THETA_THRESHOLD,
          Float.NEGATIVE_INFINITY},
      new float[] {2 * X_THRESHOLD, Float.POSITIVE_INFINITY, 2 * THETA_THRESHOLD,
          Float.POSITIVE_INFINITY});
  private static final Discrete ACTION_SPACE = new Discrete(2);
  private static final Map<String, Object> FELL = Map.of(Info.OUTCOME, OUTCOME_FELL);
  private static final Map<String, Object> OFF_TRACK =
      Map.of(Info.OUTCOME, OUTCOME_OFF_TRACK);

  /** Rebuilt on each reset: Box2D keeps warm-starting impulses in its joints across episodes. */
  private CartPoleSim sim = new CartPoleSim();
  private boolean fresh = true;
  private boolean needsReset = true;
  private boolean closed;

  @Override
  public float[] reset(long seed) {
    if (closed) {
      throw new IllegalStateException("cartpole: reset() after close()");
    }
    if (!fresh) {
      sim.dispose();
      sim = new CartPoleSim();
    }
    fresh = false;
    RandomSource rng = RandomSource.seeded(seed);
    float x = (float) rng.uniform(-0.05, 0.05);
    float xDot = (float) rng.uniform(-0.05, 0.05);
    float theta = (float) rng.uniform(-0.05, 0.05);
    float thetaDot = (float) rng.uniform(-0.05, 0.05);
    sim.setState(x, xDot, theta, thetaDot);
    needsReset = false;
    return observe();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!ACTION_SPACE.contains(action)) {
      throw new IllegalArgumentException(
          "cartpole: action " + action + " is not in " + ACTION_SPACE + " (0 = left, 1 = right)");
    }
    if (needsReset) {
      throw new IllegalStateException("cartpole: step() before reset() or after the episode ended");
    }
    sim.step(action == 1 ? CartPoleSim.FORCE : -CartPoleSim.FORCE);
    float[] obs = observe();
    boolean offTrack = Math.abs(obs[0]) > X_THRESHOLD;
    boolean fell = Math.abs(obs[2]) > THETA_THRESHOLD;
    boolean terminated = offTrack || fell;
    if (terminated) {
      needsReset = true;
      return new Step<>(obs, 1.0, true, false, offTrack ? OFF_TRACK : FELL);
    }
    return Step.of(obs, 1.0, false, false);
  }

  private float[] observe() {
    return new float[] {sim.x(), sim.xDot(), sim.theta(), sim.thetaDot()};
  }

  /** Read-only view for renderers; a new object after each reset. */
  public CartPoleSim sim() {
    return sim;
  }

  /** The current sim's world (a new one after each reset); null after close. */
  @Override
  public World world() {
    return closed ? null : sim.world();
  }

  @Override
  public float stepSeconds() {
    return CartPoleSim.DT;
  }

  @Override
  public Space<float[]> observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      sim.dispose();
    }
  }
}
