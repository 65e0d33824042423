package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.control.Controller;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.MultiAgentEnv;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
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
  private final Controller<A> companions;
  private A[] actions;
  private float[][] companionObs;
  private A[] companionActions;

  /** {@code scenes.apply(m)} builds the scene with m NPCs. */
  public SceneEnv(IntFunction<? extends Scene<A>> scenes) {
    this(scenes, 1, null);
  }

  /**
   * The scene with {@code agents} NPCs as an env of its first NPC: the env's actions drive NPC 0,
   * {@code companions} drives the others (one batched decision per step), e.g. a learned policy
   * for the teammates of a player-driven NPC, or of the NPC the viewer follows. Rewards and
   * observations are NPC 0's.
   */
  protected SceneEnv(IntFunction<? extends Scene<A>> scenes, int agents,
      Controller<A> companions) {
    if (agents > 1 && companions == null) {
      throw new IllegalArgumentException("a scene env of " + agents + " NPCs needs companions");
    }
    this.scenes = scenes;
    this.scene = scenes.apply(agents);
    this.companions = companions;
  }

  /**
   * The same game with {@code agents} NPCs in one world, NPC 0 driven through this env and the
   * others by {@code companions} (see the constructor). Subclasses return their own type.
   */
  public SceneEnv<A> together(int agents, Controller<A> companions) {
    return new SceneEnv<>(scenes, agents, companions);
  }

  /** The factory of this env's scenes, for subclasses' {@link #together}. */
  protected final IntFunction<? extends Scene<A>> scenes() {
    return scenes;
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
    float[][] obs = scene.reset(seed);
    if (companions != null) {
      companions.reset();
      keepCompanionObservations(obs);
    }
    return obs[0];
  }

  private void keepCompanionObservations(float[][] obs) {
    if (companionObs == null) {
      companionObs = new float[obs.length - 1][];
    }
    System.arraycopy(obs, 1, companionObs, 0, obs.length - 1);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Step<float[]> step(A action) {
    if (actions == null) {
      Class<?> type = actionSpace() instanceof dev.gdxrl.env.Box ? float[].class : Integer.class;
      actions = (A[]) Array.newInstance(type, scene.agents());
      companionActions = (A[]) Array.newInstance(type, scene.agents() - 1);
    }
    if (action != null && !actions.getClass().getComponentType().isInstance(action)) {
      throw new IllegalArgumentException(spec().id() + ": action " + action + " is not in "
          + actionSpace());
    }
    actions[0] = action;
    if (companions != null && companionObs != null) {
      companions.decideAll(companionObs, companionActions);
      System.arraycopy(companionActions, 0, actions, 1, companionActions.length);
    }
    MultiAgentEnv.Result r = scene.step(actions);
    if (companions != null) {
      keepCompanionObservations(r.observations());
    }
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
