package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.badlogic.gdx.Input.Keys;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Discrete;
import org.junit.jupiter.api.Test;

/** A game's key bindings drive its actions, and may not take the viewer's own keys. */
class KeyboardPoliciesTest {

  @Test
  void boundKeysPickTheirActions() {
    KeyBindings b = KeyBindings.discrete(0).bind("Up", 1).bind("Left", 2);
    Policy<float[], Integer> p = KeyboardPolicies.of(b, new Discrete(3),
        code -> code == Keys.LEFT);
    assertThat(p.act(new float[0])).isEqualTo(2);
  }

  @Test
  void aViewerKeyIsRefusedInOneLine() {
    for (String key : new String[] {"Space", "Numpad 4", "R", "Escape", "4"}) {
      KeyBindings b = KeyBindings.discrete(0).bind(key, 1);
      assertThatThrownBy(() -> KeyboardPolicies.of(b, new Discrete(2), code -> false))
          .as(key).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is the viewer's").hasMessageContaining("other keys")
          .hasMessageNotContaining("\n");
    }
  }
}
