package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.sim.Box2DWorldEnv;
import java.lang.reflect.Array;
import java.util.function.IntFunction;

/**
 * A {@link Scene} with one NPC as a plain {@link Env} (what every command and learner takes), and
 * the {@link MultiAgentEnv.Source} of the same scene with M NPCs ({@code --npcs M}).
 *
 * @param <A> action type
 */
public class SceneEnv<A> implements Env<float[], A>, Box2DWorldEnv, MultiAgentEnv.Source<A> {
  private final IntFunction<? extends Scene<A>> scenes;
  private final Scene<A> scene;
  private A[] one;

  /** {@code scenes.apply(m)} builds the scene with m NPCs. */
  public SceneEnv(IntFunction<? extends Scene<A>> scenes) {
    this.scenes = scenes;
    this.scene = scenes.apply(1);
  }

  /** The scene this env plays (one NPC), for views: its NPCs, sensors and world. */
  public Scene<A> scene() {
    return scene;
  }

  @Override
  public Scene<A> scene(int agents) {
    return scenes.apply(agents);
  }

  @Override
  public float[] reset(long seed) {
    return scene.reset(seed)[0];
  }

  @Override
  @SuppressWarnings("unchecked")
  public Step<float[]> step(A action) {
    if (one == null) {
      Class<?> type = action instanceof float[] ? float[].class
          : action == null ? Object.class : action.getClass();
      one = (A[]) Array.newInstance(type, 1);
    }
    if (action != null && !one.getClass().getComponentType().isInstance(action)) {
      throw new IllegalArgumentException(spec().id() + ": action " + action + " is not in "
          + actionSpace());
    }
    one[0] = action;
    MultiAgentEnv.Result r = scene.step(one);
    return new Step<>(r.observations()[0], r.rewards()[0], r.terminated(), r.truncated(),
        r.info());
  }

  @Override
  public Space<float[]> observationSpace() {
    return scene.observationSpace();
  }

  @Override
  public Space<A> actionSpace() {
    return scene.actionSpace();
  }

  @Override
  public EnvSpec spec() {
    return scene.spec();
  }

  @Override
  public World world() {
    return scene.world();
  }

  @Override
  public float stepSeconds() {
    return scene.stepSeconds();
  }

  @Override
  public void close() {
    scene.close();
  }
}
