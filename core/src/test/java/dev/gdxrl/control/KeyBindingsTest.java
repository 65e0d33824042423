package dev.gdxrl.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Key bindings turn held keys into actions, with no window and no GL. */
class KeyBindingsTest {

  @Test
  void keyNamesAreLibGdxNamesInAnyCase() {
    assertThat(KeyBindings.keycode("LEFT")).isEqualTo(Keys.LEFT);
    assertThat(KeyBindings.keycode("left")).isEqualTo(Keys.LEFT);
    assertThat(KeyBindings.keycode("Space")).isEqualTo(Keys.SPACE);
    assertThat(KeyBindings.keycode("NUMPAD_4")).isEqualTo(Keys.NUMPAD_4);
    assertThat(KeyBindings.keycode("Numpad 4")).isEqualTo(Keys.NUMPAD_4);
    assertThat(KeyBindings.keycode("W")).isEqualTo(Keys.W);
    assertThat(KeyBindings.keycode("F13")).isEqualTo(Keys.F13);
    assertThat(KeyBindings.keycode("Nope")).isEqualTo(-1);
    assertThat(KeyBindings.discrete(0).bind("up", 1).keyNames()).containsExactly("Up");
    assertThatThrownBy(() -> KeyBindings.discrete(0).bind("Lefty", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'Lefty'");
  }

  @Test
  void discreteFirstHeldKeyWinsAndIdleWithoutKeys() {
    KeyBindings.Discrete b = KeyBindings.discrete(0).bind("Up", 2).bind("W", 2)
        .bind("Left", 1).bind("Right", 3);
    assertThat(b.action(k -> false)).isEqualTo(0);
    assertThat(b.action(k -> k == Keys.LEFT)).isEqualTo(1);
    assertThat(b.action(k -> k == Keys.RIGHT)).isEqualTo(3);
    assertThat(b.action(k -> k == Keys.W)).isEqualTo(2);
    assertThat(b.action(Set.of(Keys.LEFT, Keys.UP)::contains)).as("Up is bound first").isEqualTo(2);
    assertThat(b.action(k -> k == Keys.SPACE)).as("unbound key").isEqualTo(0);
    b.check(new Discrete(4));
    assertThatThrownBy(() -> b.check(new Discrete(3)))
        .hasMessageContaining("key Right: action 3 is not in");
    assertThatThrownBy(() -> b.check(Box.uniform(2, -1, 1)))
        .hasMessageContaining("discrete key bindings");
  }

  @Test
  void continuousSumsHeldKeysOnTheIdleVectorAndClipsToTheBox() {
    Box box = Box.uniform(2, -1, 1);
    KeyBindings.Continuous b = KeyBindings.continuous(-1, 0).bind("Up", 2, 0)
        .bind("Left", 0, -1).bind("Right", 0, 1).bind("L-Shift", 0, -5);
    assertThat(b.action(k -> false, box)).containsExactly(-1f, 0f);
    assertThat(b.action(k -> k == Keys.UP, box)).containsExactly(1f, 0f);
    assertThat(b.action(Set.of(Keys.UP, Keys.LEFT)::contains, box)).containsExactly(1f, -1f);
    assertThat(b.action(Set.of(Keys.LEFT, Keys.RIGHT)::contains, box)).containsExactly(-1f, 0f);
    assertThat(b.action(Set.of(Keys.RIGHT, Keys.SHIFT_LEFT)::contains, box))
        .as("clipped to the box").containsExactly(-1f, -1f);
    b.check(box);
    assertThatThrownBy(() -> b.check(Box.uniform(3, -1, 1))).hasMessageContaining("of 3");
    assertThatThrownBy(() -> KeyBindings.continuous(0, 0).bind("A", 1))
        .hasMessageContaining("vector of length 1");
  }
}
