package dev.gdxrl.control;

/**
 * Implemented by a game (its raw env) in which a person plays a character of their own against
 * the NPCs, such as the arena's runner against the learned chasers. The rendered game's view
 * passes the player's input here; {@code play} then starts with the learned agent driving the NPCs
 * (the env's shipped demo when no checkpoint is given). Headless, nobody calls it and the game's
 * scripted behaviour plays the character.
 */
public interface PlayerCharacter {

  /** The character this game gives the player, for the HUD ("the runner"). */
  String playerCharacter();

  /**
   * The player's move for the coming steps: a direction {x, y} of length up to 1, or null to give
   * the character back to its scripted behaviour. Kept across resets.
   */
  void drivePlayer(float[] move);
}
