package dev.gdxrl.sim.lunarlander;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import java.util.function.LongFunction;

/**
 * Lunar Lander with actions (main, lateral) in [-1, 1]^2. Main: off when {@code main <= 0}, else
 * power (main + 1) / 2 (50 % to 100 %). Lateral: off when {@code |lateral| <= 0.5}, else the
 * orientation engine on the side of sign(lateral) at power |lateral|. Actions outside the box (or
 * NaN) are rejected, not clipped: clip in the agent. See {@link AbstractLunarLanderEnv} for
 * observation, reward and termination.
 */
public final class LunarLanderContinuousEnv extends AbstractLunarLanderEnv<float[]> {
  /** Registry id, 1000-step limit, solved at a mean return of 200. */
  public static final EnvSpec SPEC = new EnvSpec("lunarlander-continuous", 1000, 200);

  private static final Box ACTION_SPACE = Box.uniform(2, -1f, 1f);

  /** Draws from {@link RandomSource#seeded}. */
  public LunarLanderContinuousEnv() {
    this(RandomSource::seeded);
  }

  /** Draws from {@code randomness.apply(seed)} on each reset (inject recorded draws here). */
  public LunarLanderContinuousEnv(LongFunction<RandomSource> randomness) {
    super(randomness);
  }

  @Override
  void decode(Object action) {
    float[] a = (float[]) action;
    double main = a[0];
    double lateral = a[1];
    mainPower = main > 0 ? (Math.min(Math.max(main, 0.0), 1.0) + 1.0) * 0.5 : 0.0;
    if (Math.abs(lateral) > 0.5) {
      sideDirection = lateral > 0 ? 1 : -1;
      sidePower = Math.min(Math.max(Math.abs(lateral), 0.5), 1.0);
    } else {
      sideDirection = 0;
      sidePower = 0;
    }
  }

  @Override
  String actionLegend() {
    return "2 floats in [-1, 1]: main engine (on above 0), lateral engines (on beyond +-0.5)";
  }

  @Override
  public Space<float[]> actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }
}
