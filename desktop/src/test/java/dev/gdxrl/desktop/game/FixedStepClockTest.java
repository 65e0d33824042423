package dev.gdxrl.desktop.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FixedStepClockTest {

  @Test
  void framesTurnIntoWholeStepsWhateverTheFrameRate() {
    FixedStepClock at60 = new FixedStepClock(0.02, 0.25);
    FixedStepClock at144 = new FixedStepClock(0.02, 0.25);
    int steps60 = 0;
    for (int i = 0; i < 60; i++) {
      steps60 += at60.advance(1.0 / 60);
    }
    int steps144 = 0;
    for (int i = 0; i < 144; i++) {
      steps144 += at144.advance(1.0 / 144);
    }
    // One second of frames is 50 steps of 0.02 s (give or take the last partial step).
    assertThat(steps60).isBetween(49, 50);
    assertThat(steps144).isBetween(49, 50);
  }

  @Test
  void alphaIsTheLeftoverFraction() {
    FixedStepClock c = new FixedStepClock(0.02, 0.25);
    assertThat(c.advance(0.05)).isEqualTo(2);
    assertThat(c.alpha()).isCloseTo(0.5f, within(1e-4f));
    c.clear();
    assertThat(c.alpha()).isZero();
  }

  @Test
  void aLongStallIsCappedNotReplayed() {
    FixedStepClock c = new FixedStepClock(0.02, 0.25);
    assertThat(c.advance(10.0)).isEqualTo(12); // 0.25 s at most, not 500 steps
    assertThat(c.advance(-1)).isZero();
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new FixedStepClock(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FixedStepClock(0.1, 0.05))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
