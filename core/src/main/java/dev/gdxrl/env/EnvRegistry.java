package dev.gdxrl.env;

import dev.gdxrl.control.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Env ids to factories. {@link #make(String)} builds the raw game and adds the default wrappers
 * (the spec's {@link TimeLimit}, then {@link RecordEpisodeStatistics}). Every {@code make*} loads
 * Box2D's natives first ({@code dev.gdxrl.sim.Box2DNatives}), so a factory may create a Box2D
 * {@code World} straight away. An instance, not a static
 * table: a game can build its own registry with extra entries.
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
      String description) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** The registry of every game shipped with gdx-rl. */
  public static EnvRegistry builtin() {
    EnvRegistry r = new EnvRegistry();
    BuiltinEnvs.registerAll(r);
    return r;
  }

  public EnvRegistry register(Entry entry) {
    if (entries.putIfAbsent(entry.spec().id(), entry) != null) {
      throw new IllegalArgumentException("env id already registered: " + entry.spec().id());
    }
    return this;
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
    Entry e = entry(id);
    NativeLibraries.loadBox2D();
    return wrapDefault(e.factory().get(), maxEpisodeSteps);
  }

  /** The raw game, no wrappers. */
  public Env<float[], ?> makeRaw(String id) {
    Entry e = entry(id);
    NativeLibraries.loadBox2D();
    return e.factory().get();
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
