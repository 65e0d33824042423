package dev.gdxrl.desktop.game.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The generic view's frame growth on one axis (no window needed). */
class Box2DViewFrameTest {

  @Test
  void growsWithSpareOnTheSideThatGrew() {
    float[] g = Box2DView.grown(0, 10, 2, 14, 40);
    assertThat(g[0]).as("the start stays: nothing left of it").isEqualTo(0f);
    assertThat(g[1]).as("14 plus a quarter of the 4 it grew").isEqualTo(15f);
  }

  @Test
  void anAxisThatFitsDoesNotChange() {
    assertThat(Box2DView.grown(0, 10, 1, 9, 40)).isNull();
  }

  @Test
  void nearTheCapItGrowsToTheCapInsteadOfStopping() {
    // needed 0..35; with the spare it would be 41.25 > 40: it used to stay 10 wide
    float[] g = Box2DView.grown(0, 10, 1, 35, 40);
    assertThat(g).isNotNull();
    assertThat(g[0]).isEqualTo(0f);
    assertThat(g[1]).isEqualTo(40f);
    assertThat(g[0] + g[1]).as("the far body is inside").isGreaterThanOrEqualTo(35f);
  }

  @Test
  void bothSidesShareTheSpareUnderTheCap() {
    float[] g = Box2DView.grown(0, 10, -20, 25, 48);
    // needed -20..25 = 45, spare 0.25 * 35 on each side would pass 48: 3 in all, 1.5 a side
    assertThat(g[0]).isEqualTo(-21.5f);
    assertThat(g[1]).isEqualTo(48f);
  }

  @Test
  void aBodyBeyondTheCapIsNotFollowed() {
    assertThat(Box2DView.grown(0, 10, 1, 60, 40)).isNull();
  }
}
