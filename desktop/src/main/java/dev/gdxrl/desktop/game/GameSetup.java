package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Controller;
import dev.gdxrl.desktop.record.EpisodeRecord;
import dev.gdxrl.registry.EnvRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a game window is started with: the settings, the registry, and the optional extras
 * that the command line prepared before the window opens (so that bad input fails before it).
 *
 * @param config the settings
 * @param registry the envs
 * @param agent a controller from a {@code ControllerProvider} (a learned one), offered first among
 *     the drivers; null when there is none. The game owns it from here (closes it if closeable).
 * @param replay recorded episodes to play back (the only driver then); null otherwise
 * @param recorder gets every finished episode ({@code --record}); null to record nothing
 * @param views finds the view of the env
 */
public record GameSetup(PlayConfig config, EnvRegistry registry, Controller<?> agent,
    List<EpisodeRecord> replay, Consumer<EpisodeRecord> recorder, GameViews views) {

  public GameSetup {
    if (config == null || registry == null || views == null) {
      throw new IllegalArgumentException("GameSetup needs a config, a registry and the views");
    }
    if (replay != null) {
      if (replay.isEmpty()) {
        throw new IllegalArgumentException("GameSetup replay holds no episodes");
      }
      replay = List.copyOf(replay);
    }
  }

  /** With the views found on the class path ({@link GameViews#discovered()}). */
  public GameSetup(PlayConfig config, EnvRegistry registry, Controller<?> agent,
      List<EpisodeRecord> replay, Consumer<EpisodeRecord> recorder) {
    this(config, registry, agent, replay, recorder, GameViews.discovered());
  }

  /** Plain play: no agent, no replay, no recording. */
  public static GameSetup of(PlayConfig config, EnvRegistry registry) {
    return new GameSetup(config, registry, null, null, null);
  }
}
