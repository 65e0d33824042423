package dev.gdxrl.agent.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearScheduleTest {

  @Test
  void annealsLinearlyToItsFloorAndStaysConstantOtherwise() {
    assertThat(LinearSchedule.progressRemaining(0, 100)).isEqualTo(1.0);
    assertThat(LinearSchedule.progressRemaining(25, 100)).isEqualTo(0.75);
    assertThat(LinearSchedule.progressRemaining(150, 100)).isEqualTo(0.0);
    LinearSchedule lr = LinearSchedule.linear(3e-4, true);
    assertThat(lr.at(1.0)).isEqualTo(3e-4);
    assertThat(lr.at(0.5)).isEqualTo(3e-4 * 0.5);
    assertThat(lr.at(0.0)).isEqualTo(0.0);
    assertThat(new LinearSchedule(0.2, true, 1e-8).at(0.0)).isEqualTo(0.2 * 1e-8);
    assertThat(LinearSchedule.linear(0.2, false).at(0.1)).isEqualTo(0.2);
  }
}
