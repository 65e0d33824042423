package dev.gdxrl.npc;

import com.badlogic.gdx.physics.box2d.Body;

/**
 * What kind of thing a body is ("wall", "runner", ...), for {@link RaySensor} and game logic. A
 * body's tag is its user data: a {@code String}, or a {@link Tagged} object for games that keep
 * their own object there.
 */
public final class Tags {
  private Tags() {}

  /** Implemented by user-data objects that carry a tag. */
  public interface Tagged {
    String tag();
  }

  /** Sets {@code body}'s user data to {@code tag} and returns the body. */
  public static Body tag(Body body, String tag) {
    body.setUserData(tag);
    return body;
  }

  /** {@code body}'s tag, or null if it has none. */
  public static String of(Body body) {
    Object data = body.getUserData();
    if (data instanceof String s) {
      return s;
    }
    if (data instanceof Tagged t) {
      return t.tag();
    }
    return null;
  }
}
