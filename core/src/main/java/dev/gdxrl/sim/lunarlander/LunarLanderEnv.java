package dev.gdxrl.sim.lunarlander;

import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Space;
import java.util.function.LongFunction;

/**
 * Lunar Lander with 4 discrete actions: 0 nothing, 1 fire the left orientation engine, 2 fire the
 * main engine, 3 fire the right orientation engine (each at full power). See {@link
 * AbstractLunarLanderEnv} for observation, reward and termination.
 */
public final class LunarLanderEnv extends AbstractLunarLanderEnv<Integer> {
  /** Registry id, 1000-step limit, solved at a mean return of 200. */
  public static final EnvSpec SPEC = new EnvSpec("lunarlander", 1000, 200);
  public static final int NOOP = 0;
  public static final int LEFT_ENGINE = 1;
  public static final int MAIN_ENGINE = 2;
  public static final int RIGHT_ENGINE = 3;

  private static final Discrete ACTION_SPACE = new Discrete(4);

  /** Draws from {@link RandomSource#seeded}. */
  public LunarLanderEnv() {
    this(RandomSource::seeded);
  }

  /** Draws from {@code randomness.apply(seed)} on each reset (inject recorded draws here). */
  public LunarLanderEnv(LongFunction<RandomSource> randomness) {
    super(randomness);
  }

  @Override
  void decode(Object action) {
    int a = (Integer) action;
    mainPower = a == MAIN_ENGINE ? 1.0 : 0.0;
    sideDirection = a == LEFT_ENGINE ? -1 : a == RIGHT_ENGINE ? 1 : 0;
    sidePower = sideDirection != 0 ? 1.0 : 0.0;
  }

  @Override
  String actionLegend() {
    return "0 nothing, 1 left engine, 2 main engine, 3 right engine";
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACTION_SPACE;
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }
}
