package dev.gdxrl.control;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Space;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * How held keys become an action, as data (no GL, no input polling: the caller says which keys
 * are held). Keys are named as libGDX names them ({@code Input.Keys.toString}: "Left", "Up",
 * "W", "A", "Up"), matched without regard to case, with spaces, dashes and underscores
 * alike: "LEFT", "left" and "Left" are one key, so are "NUMPAD_4" and "Numpad 4". An unknown name
 * is refused when the binding is made.
 *
 * <p>{@link Discrete}: the first key in binding order that is held picks its action; with none
 * held, the idle action. {@link Continuous}: the idle vector plus the vector of every held key,
 * clipped to the action box. Build them with {@link #discrete(int)} or {@link
 * #continuous(float...)} and {@code bind}:
 *
 * <pre>{@code
 * KeyBindings.discrete(0).bind("Up", 2).bind("Left", 1).bind("Right", 3);
 * KeyBindings.continuous(-1, 0).bind("Up", 2, 0).bind("Left", 0, -1).bind("Right", 0, 1);
 * }</pre>
 */
public sealed interface KeyBindings permits KeyBindings.Discrete, KeyBindings.Continuous {

  /** Bindings for a {@code Discrete} env: {@code idle} when no bound key is held. */
  static Discrete discrete(int idle) {
    return new Discrete(List.of(), idle);
  }

  /** Bindings for a {@code Box} env: {@code idle} when no bound key is held. */
  static Continuous continuous(float... idle) {
    return new Continuous(List.of(), idle);
  }

  /** The libGDX keycode ({@code Input.Keys}) of a key name, or -1 if there is no such key. */
  static int keycode(String name) {
    if (name == null) {
      return -1;
    }
    String wanted = normalise(name);
    for (int code = 0; code <= Keys.MAX_KEYCODE; code++) {
      String n = Keys.toString(code);
      if (n != null && normalise(n).equals(wanted)) {
        return code;
      }
    }
    return -1;
  }

  private static String normalise(String name) {
    return name.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }

  /** The libGDX name of a key name, or an exception naming the bad key. */
  private static String canonical(String name) {
    int code = keycode(name);
    if (code < 0) {
      throw new IllegalArgumentException("unknown key '" + name + "' (use libGDX key names such"
          + " as Left, Up, W, A)");
    }
    return Keys.toString(code);
  }

  /** The bound key names (libGDX spelling), in binding order. */
  List<String> keyNames();

  /** Throws {@link IllegalArgumentException} saying what does not fit if these bindings' actions are not in {@code space}. */
  void check(Space<?> space);

  /**
   * One key of a {@link Discrete} binding.
   *
   * @param key key name, stored in libGDX spelling
   * @param action the discrete action it picks (>= 0)
   */
  record DiscreteKey(String key, int action) {
    public DiscreteKey {
      key = canonical(key);
      if (action < 0) {
        throw new IllegalArgumentException("key " + key + ": action " + action + " < 0");
      }
    }

    /** The libGDX keycode. */
    public int code() {
      return Keys.valueOf(key);
    }
  }

  /**
   * Bindings of a discrete action space.
   *
   * @param keys the bound keys; the first held one wins
   * @param idle the action when no bound key is held
   */
  record Discrete(List<DiscreteKey> keys, int idle) implements KeyBindings {
    public Discrete {
      keys = List.copyOf(keys);
      if (idle < 0) {
        throw new IllegalArgumentException("idle action " + idle + " < 0");
      }
    }

    /** These bindings and {@code key} picking {@code action} (after the keys bound so far). */
    public Discrete bind(String key, int action) {
      List<DiscreteKey> k = new ArrayList<>(keys);
      k.add(new DiscreteKey(key, action));
      return new Discrete(k, idle);
    }

    /** The action for the keys held now ({@code held} tests a libGDX keycode). */
    public int action(IntPredicate held) {
      for (DiscreteKey k : keys) {
        if (held.test(k.code())) {
          return k.action();
        }
      }
      return idle;
    }

    @Override
    public List<String> keyNames() {
      return keys.stream().map(DiscreteKey::key).toList();
    }

    @Override
    public void check(Space<?> space) {
      if (!(space instanceof dev.gdxrl.env.Discrete d)) {
        throw new IllegalArgumentException("discrete key bindings for the action space " + space);
      }
      if (idle >= d.n()) {
        throw new IllegalArgumentException("idle action " + idle + " is not in " + space);
      }
      for (DiscreteKey k : keys) {
        if (k.action() >= d.n()) {
          throw new IllegalArgumentException(
              "key " + k.key() + ": action " + k.action() + " is not in " + space);
        }
      }
    }
  }

  /**
   * One key of a {@link Continuous} binding.
   *
   * @param key key name, stored in libGDX spelling
   * @param delta what holding it adds to the action vector
   */
  record ContinuousKey(String key, float[] delta) {
    public ContinuousKey {
      key = canonical(key);
      if (delta == null || delta.length == 0) {
        throw new IllegalArgumentException("key " + key + ": empty action vector");
      }
      delta = delta.clone();
    }

    @Override
    public float[] delta() {
      return delta.clone();
    }

    /** The libGDX keycode. */
    public int code() {
      return Keys.valueOf(key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ContinuousKey k && key.equals(k.key) && Arrays.equals(delta, k.delta);
    }

    @Override
    public int hashCode() {
      return 31 * key.hashCode() + Arrays.hashCode(delta);
    }

    @Override
    public String toString() {
      return key + "=" + Arrays.toString(delta);
    }
  }

  /**
   * Bindings of a continuous (box) action space.
   *
   * @param keys the bound keys; every held one adds its vector
   * @param idle the action with no bound key held, and the base the held keys add to
   */
  record Continuous(List<ContinuousKey> keys, float[] idle) implements KeyBindings {
    public Continuous {
      keys = List.copyOf(keys);
      if (idle == null || idle.length == 0) {
        throw new IllegalArgumentException("empty idle action vector");
      }
      idle = idle.clone();
      for (ContinuousKey k : keys) {
        if (k.delta.length != idle.length) {
          throw new IllegalArgumentException("key " + k.key() + ": vector of length "
              + k.delta.length + ", the idle action has " + idle.length);
        }
      }
    }

    @Override
    public float[] idle() {
      return idle.clone();
    }

    /** These bindings and {@code key} adding {@code delta} while held. */
    public Continuous bind(String key, float... delta) {
      List<ContinuousKey> k = new ArrayList<>(keys);
      k.add(new ContinuousKey(key, delta));
      return new Continuous(k, idle);
    }

    /**
     * The action for the keys held now: {@code idle} plus every held key's vector, each component
     * clipped to {@code box} (a new array).
     */
    public float[] action(IntPredicate held, Box box) {
      float[] a = idle.clone();
      for (ContinuousKey k : keys) {
        if (held.test(k.code())) {
          for (int i = 0; i < a.length; i++) {
            a[i] += k.delta[i];
          }
        }
      }
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.max(box.low(i), Math.min(box.high(i), a[i]));
      }
      return a;
    }

    @Override
    public List<String> keyNames() {
      return keys.stream().map(ContinuousKey::key).toList();
    }

    @Override
    public void check(Space<?> space) {
      if (!(space instanceof Box b)) {
        throw new IllegalArgumentException("continuous key bindings for the action space " + space);
      }
      if (b.dim() != idle.length) {
        throw new IllegalArgumentException("key bindings of " + idle.length
            + " floats for the action space " + space + " of " + b.dim());
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Continuous c && keys.equals(c.keys) && Arrays.equals(idle, c.idle);
    }

    @Override
    public int hashCode() {
      return 31 * keys.hashCode() + Arrays.hashCode(idle);
    }

    @Override
    public String toString() {
      return "Continuous[keys=" + keys + ", idle=" + Arrays.toString(idle) + "]";
    }
  }
}
