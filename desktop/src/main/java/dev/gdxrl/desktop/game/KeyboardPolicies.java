package dev.gdxrl.desktop.game;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The human driver of a game that has no keyboard code of its own: from the game's {@link
 * KeyBindings}, or, without them, the default keys. Default keys: for a {@code Discrete(n)} env,
 * F1..F12 hold actions 0..11 (the number keys pick drivers), action 0 with no key held; for a
 * {@code Box} env, none: the human holds the zero vector clipped to the box.
 */
public final class KeyboardPolicies {
  /** Most actions the default keys reach (F1..F12). */
  public static final int DEFAULT_KEYS = 12;

  private KeyboardPolicies() {}

  /**
   * The keyboard policy of {@code bindings} for {@code space} (checked first: {@link
   * IllegalArgumentException} if they do not fit), or of the default keys when null.
   */
  @SuppressWarnings("unchecked")
  public static <A> Policy<float[], A> of(KeyBindings bindings, Space<A> space, KeyInput keys) {
    if (bindings == null) {
      return defaults(space, keys);
    }
    bindings.check(space);
    for (String key : bindings.keyNames()) {
      String use = viewerUse(Keys.valueOf(key));
      if (use != null) {
        throw new IllegalArgumentException("key '" + key + "' is the viewer's " + use
            + " key; bind the game's actions to other keys (the viewer's keys: " + VIEWER_KEYS
            + ")");
      }
    }
    if (bindings instanceof KeyBindings.Discrete d) {
      return obs -> (A) Integer.valueOf(d.action(keys::pressed));
    }
    KeyBindings.Continuous c = (KeyBindings.Continuous) bindings;
    Box box = (Box) space;
    return obs -> (A) c.action(keys::pressed, box);
  }

  /** The viewer's own keys (see PlayScreen), which a game's bindings may not take. */
  public static final String VIEWER_KEYS =
      "1-9 and Numpad 1-9, R, N, C, Space, '.', '-', '+', '=', Numpad -/+, F, I, Esc";

  /** What the viewer does with {@code keycode}, or null when it is free for a game. */
  static String viewerUse(int keycode) {
    if ((keycode >= Keys.NUM_1 && keycode <= Keys.NUM_9)
        || (keycode >= Keys.NUMPAD_1 && keycode <= Keys.NUMPAD_9)) {
      return "driver-selection";
    }
    return switch (keycode) {
      case Keys.R -> "restart";
      case Keys.N -> "next-seeds";
      case Keys.C -> "cycle-driver";
      case Keys.SPACE -> "pause";
      case Keys.PERIOD -> "single-step";
      case Keys.MINUS, Keys.NUMPAD_SUBTRACT, Keys.PLUS, Keys.EQUALS, Keys.NUMPAD_ADD -> "speed";
      case Keys.F -> "fast-forward";
      case Keys.I -> "insight";
      case Keys.ESCAPE -> "quit";
      default -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private static <A> Policy<float[], A> defaults(Space<A> space, KeyInput keys) {
    if (space instanceof Discrete d) {
      int n = Math.min(d.n(), DEFAULT_KEYS);
      return obs -> {
        for (int i = 0; i < n; i++) {
          if (keys.pressed(Keys.F1 + i)) {
            return (A) Integer.valueOf(i);
          }
        }
        return (A) Integer.valueOf(0);
      };
    }
    if (space instanceof Box b) {
      float[] zero = b.clip(new float[b.dim()]);
      return obs -> (A) zero.clone();
    }
    throw new IllegalArgumentException("no default keys for the action space " + space);
  }

  /**
   * One line of key help: the bound keys per action ({@code label} names discrete actions), or
   * the default keys; for a box env without bindings it says there is no keyboard map.
   */
  public static String help(KeyBindings bindings, Space<?> space, IntFunction<String> label) {
    if (bindings instanceof KeyBindings.Discrete d) {
      Map<Integer, List<String>> byAction = new LinkedHashMap<>();
      for (KeyBindings.DiscreteKey k : d.keys()) {
        byAction.computeIfAbsent(k.action(), a -> new ArrayList<>()).add(k.key());
      }
      StringBuilder b = new StringBuilder();
      byAction.forEach((a, ks) -> b.append(String.join("/", ks)).append(": ")
          .append(label.apply(a)).append("   "));
      return b.append("no key: ").append(label.apply(d.idle())).toString();
    }
    if (bindings instanceof KeyBindings.Continuous c) {
      StringBuilder b = new StringBuilder();
      for (KeyBindings.ContinuousKey k : c.keys()) {
        b.append(k.key()).append(' ').append(Arrays.toString(k.delta())).append("   ");
      }
      return b.append("no key: ").append(Arrays.toString(c.idle())).toString();
    }
    if (space instanceof Discrete d) {
      int n = Math.min(d.n(), DEFAULT_KEYS);
      return "F1" + (n > 1 ? ".." + Keys.toString(Keys.F1 + n - 1) : "") + ": actions "
          + label.apply(0) + (n > 1 ? ".." + label.apply(n - 1) : "") + " (no key: "
          + label.apply(0) + ")" + (d.n() > n ? "; actions " + n + ".." + (d.n() - 1)
          + " have no key" : "");
    }
    return "no keyboard map: the human holds the zero action";
  }
}
