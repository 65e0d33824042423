package dev.gdxrl.desktop.game;

import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.desktop.game.box2d.Box2DView;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the view of an env. Order: the one {@link GameViewProvider} that {@link
 * GameViewProvider#supports supports} the env; else, if the raw env is a {@link Box2DWorldEnv},
 * the generic {@link Box2DView}; else there is none. Two providers claiming one env is an error,
 * not a choice. Every view made here is guarded: an exception from it becomes a {@link
 * GameViewException} naming the view class.
 */
public final class GameViews {
  private final List<GameViewProvider> providers;

  /** A lookup over these providers (in this order), then the generic Box2D view. */
  public GameViews(List<GameViewProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /**
   * The providers ({@code META-INF/services}) visible to the thread's context class loader, which
   * the command line points at {@code --classpath}; this class's loader when there is none.
   */
  public static GameViews discovered() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discovered(loader != null ? loader : GameViews.class.getClassLoader());
  }

  /**
   * The providers {@link ServiceLoader} finds through {@code loader}; a provider that cannot be
   * loaded is a {@link GameViewException}.
   */
  public static GameViews discovered(ClassLoader loader) {
    List<GameViewProvider> found = new ArrayList<>();
    Iterator<GameViewProvider> it = ServiceLoader.load(GameViewProvider.class, loader).iterator();
    try {
      while (it.hasNext()) {
        found.add(it.next());
      }
    } catch (ServiceConfigurationError e) {
      throw new GameViewException("a game view provider could not be loaded: "
          + GameViewException.describe(e));
    }
    return new GameViews(found);
  }

  /** No providers: every env with a Box2D world gets the generic view (to check how it looks). */
  public static GameViews genericOnly() {
    return new GameViews(List.of());
  }

  /** The providers, in lookup order. */
  public List<GameViewProvider> providers() {
    return providers;
  }

  /**
   * The provider that draws {@code env}, or null for the generic Box2D view; throws {@link
   * GameViewException} when there is no view or two providers claim the env.
   */
  GameViewProvider choose(Env<float[], ?> env) {
    GameViewProvider chosen = null;
    for (GameViewProvider p : providers) {
      boolean yes;
      try {
        yes = p.supports(env);
      } catch (RuntimeException e) {
        throw new GameViewException("game view provider " + p.getClass().getName()
            + " failed in supports(): " + GameViewException.describe(e), e);
      }
      if (yes) {
        if (chosen != null) {
          throw new GameViewException("env '" + env.spec().id() + "' is claimed by two game view"
              + " providers, " + chosen.getClass().getName() + " and " + p.getClass().getName()
              + "; keep one of them on the classpath");
        }
        chosen = p;
      }
    }
    if (chosen == null && !(env.unwrapped() instanceof Box2DWorldEnv)) {
      throw new GameViewException("env '" + env.spec().id() + "' has no view: implement "
          + GameViewProvider.class.getName() + " or let the env expose its World ("
          + Box2DWorldEnv.class.getName() + ")");
    }
    return chosen;
  }

  /** Null if {@code env} has a view, else the one-line reason it has none. */
  public String problem(Env<float[], ?> env) {
    try {
      choose(env);
      return null;
    } catch (GameViewException e) {
      return e.getMessage();
    }
  }

  /** {@link #problem(Env)} for a new env of {@code id} from the registry (closed again). */
  public String problem(EnvRegistry registry, String id) {
    try (Env<float[], ?> env = registry.make(id)) {
      return problem(env);
    }
  }

  /**
   * The guarded view of {@code env}; throws {@link GameViewException} if there is none, if two
   * providers claim it, or if making it fails.
   */
  public GameView<?> create(Env<float[], ?> env) {
    GameViewProvider p = choose(env);
    String who = p == null ? Box2DView.class.getName() : p.getClass().getName();
    GameView<?> view;
    try {
      view = p == null ? new Box2DView<>(env, null) : p.create(env);
    } catch (RuntimeException e) {
      throw new GameViewException((p == null ? "view " : "game view provider ") + who
          + " failed to create the view of env '" + env.spec().id() + "': "
          + GameViewException.describe(e), e);
    }
    if (view == null) {
      throw new GameViewException("game view provider " + who + " returned no view for env '"
          + env.spec().id() + "'");
    }
    return new GuardedView<>(view);
  }
}
