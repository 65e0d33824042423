package dev.gdxrl.registry;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RecordEpisodeStatistics;
import dev.gdxrl.env.TimeLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Env ids to factories. {@link #make(String)} builds the raw game and adds the default wrappers
 * (the spec's {@link TimeLimit}, then {@link RecordEpisodeStatistics}). Every {@code make*} loads
 * Box2D's natives first ({@code dev.gdxrl.box2d.Box2DNatives}), so a factory may create a Box2D
 * {@code World} straight away. An instance, not a static table. {@link #discovered()} fills one
 * from every {@link EnvProvider} on the classpath (the shipped games included); tests and games
 * may also build their own with {@link #register}.
 */
public final class EnvRegistry {

  /**
   * One registered env.
   *
   * @param spec id, time limit, solved threshold
   * @param factory builds the raw game with no wrappers
   * @param heuristic builds a scripted baseline policy for it, or null if there is none
   * @param description one line for listings
   */
  public record Entry(
      EnvSpec spec,
      Supplier<? extends Env<float[], ?>> factory,
      Supplier<? extends Policy<float[], ?>> heuristic,
      String description) {

    /** An env with no heuristic, described by its id. */
    public Entry(EnvSpec spec, Supplier<? extends Env<float[], ?>> factory) {
      this(spec, factory, null, spec == null ? null : spec.id());
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** Who declared each id (a provider class name, or "register()"), for duplicate messages. */
  private final Map<String, String> origins = new LinkedHashMap<>();

  /**
   * Every env declared by an {@link EnvProvider} found with {@link ServiceLoader} through the
   * current thread's context class loader (the command line sets it to include {@code
   * --classpath}); the shipped games come through the same path.
   *
   * @throws EnvDiscoveryException one line when a provider cannot be loaded or throws, or two
   *     providers declare one id
   */
  public static EnvRegistry discovered() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discovered(loader != null ? loader : EnvRegistry.class.getClassLoader());
  }

  /** As {@link #discovered()}, with the providers visible to {@code loader}. */
  public static EnvRegistry discovered(ClassLoader loader) {
    EnvRegistry r = new EnvRegistry();
    var it = ServiceLoader.load(EnvProvider.class, loader).iterator();
    while (true) {
      EnvProvider provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        throw new EnvDiscoveryException("cannot load an env provider: " + oneLine(e)
            + " (check META-INF/services/" + EnvProvider.class.getName() + " and the classpath)",
            e);
      }
      r.registerAll(provider);
    }
    return r;
  }

  /**
   * Registers every entry of {@code provider}.
   *
   * @throws EnvDiscoveryException one line if the provider throws, returns nothing usable, or
   *     declares an id that is already registered
   */
  public EnvRegistry registerAll(EnvProvider provider) {
    String name = provider.getClass().getName();
    List<Entry> declared;
    try {
      declared = provider.envs();
    } catch (RuntimeException | LinkageError e) {
      throw new EnvDiscoveryException("env provider " + name + " failed: " + oneLine(e), e);
    }
    if (declared == null) {
      throw new EnvDiscoveryException("env provider " + name + " returned null from envs()");
    }
    for (Entry e : declared) {
      if (e == null || e.spec() == null || e.factory() == null) {
        throw new EnvDiscoveryException("env provider " + name
            + " declared an entry without a spec or factory");
      }
      add(e, name);
    }
    return this;
  }

  /** Registers one env; an id that is already registered is a one-line error. */
  public EnvRegistry register(Entry entry) {
    add(entry, "register()");
    return this;
  }

  private void add(Entry entry, String origin) {
    String id = entry.spec().id();
    String before = origins.get(id);
    if (before != null) {
      throw new EnvDiscoveryException("env id '" + id + "' is declared twice, by " + before
          + " and by " + origin + "; give one of them another id or take one off the classpath");
    }
    entries.put(id, entry);
    origins.put(id, origin);
  }

  /** Who declared {@code id}: the provider's class name, or "register()". */
  public String origin(String id) {
    entry(id);
    return origins.get(id);
  }

  /** "Type: message" of {@code e} and of up to two causes, on one line. */
  private static String oneLine(Throwable e) {
    StringBuilder sb = new StringBuilder();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 3; depth++, t = t.getCause()) {
      if (depth > 0) {
        sb.append("; caused by ");
      }
      sb.append(t.getClass().getSimpleName());
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        sb.append(": ").append(t.getMessage());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  public List<String> ids() {
    return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
  }

  public boolean contains(String id) {
    return entries.containsKey(id);
  }

  public Entry entry(String id) {
    Entry e = entries.get(id);
    if (e == null) {
      throw new UnknownEnvException(id, entries.keySet());
    }
    return e;
  }

  public EnvSpec spec(String id) {
    return entry(id).spec();
  }

  /** The game with its default wrappers. */
  public Env<float[], ?> make(String id) {
    return make(id, entry(id).spec().maxEpisodeSteps());
  }

  /** The game with its default wrappers, but another time limit (0: none). */
  public Env<float[], ?> make(String id, int maxEpisodeSteps) {
    return wrapDefault(build(id), maxEpisodeSteps);
  }

  /** The raw game, no wrappers. */
  public Env<float[], ?> makeRaw(String id) {
    return build(id);
  }

  /**
   * Runs the entry's factory; a factory that throws (a missing level file, a class its game
   * needs that is not on the classpath) becomes one {@link EnvDiscoveryException} line naming
   * the env and its provider, so commands report it without a stack trace.
   */
  private Env<float[], ?> build(String id) {
    Entry e = entry(id);
    NativeLibraries.loadBox2D();
    Env<float[], ?> env;
    try {
      env = e.factory().get();
    } catch (UnsatisfiedLinkError ex) {
      throw ex; // a native library not loaded: callers name the fix (EnvChecker, NativeLibraries)
    } catch (RuntimeException | LinkageError ex) {
      throw new EnvDiscoveryException("env '" + id + "' (from " + origin(id)
          + ") could not be built: its factory threw " + oneLine(ex), ex);
    }
    if (env == null) {
      throw new EnvDiscoveryException("env '" + id + "' (from " + origin(id)
          + ") could not be built: its factory returned null");
    }
    return env;
  }

  /** A new heuristic policy for the env, or throws if it has none. */
  public Policy<float[], ?> heuristic(String id) {
    Entry e = entry(id);
    if (e.heuristic() == null) {
      throw new IllegalArgumentException("env '" + id + "' has no heuristic policy");
    }
    return e.heuristic().get();
  }

  private static <A> Env<float[], A> wrapDefault(Env<float[], A> raw, int maxEpisodeSteps) {
    Env<float[], A> env = raw;
    if (maxEpisodeSteps > 0) {
      env = new TimeLimit<>(env, maxEpisodeSteps);
    }
    return new RecordEpisodeStatistics<>(env);
  }
}
