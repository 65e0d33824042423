package dev.gdxrl.env;

/**
 * A rule for the seeds of a {@link VectorEnv}'s episodes: {@link #seed}{@code (k, j)} seeds the
 * j-th episode (0 = the one {@link VectorEnv#reset(EpisodeSeeds)} starts) of env k, or of scene
 * k in a vector of scenes. It is called for env k only by the thread that steps env k, in order
 * of j, so a pure function of its arguments keeps results independent of the thread count.
 */
@FunctionalInterface
public interface EpisodeSeeds {

  /** The seed of episode {@code episode} of env (or scene) {@code unit}. */
  long seed(int unit, long episode);
}
