package dev.gdxrl.sim.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.assertj.core.data.Offset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sim's events: what they carry, their order, and that they cost no allocation. */
class LunarLanderEventsTest {

  @Test
  void engineEventsCarryWhatThePhysicsApplied() {
    LunarLanderSim sim = new LunarLanderSim();
    try {
      List<String> events = new ArrayList<>();
      sim.addListener(new Recorder(events));
      sim.reset(flatHeights(), 0, 0);
      // straight up, no dispersion: the main nozzle is 4 px below the centre, impulse straight up
      float[] main = new float[5];
      sim.addListener(new LunarLanderListener() {
        @Override
        public void mainEngineFired(double power, float x, float y, float ix, float iy) {
          main[0] = (float) power;
          main[1] = x;
          main[2] = y;
          main[3] = ix;
          main[4] = iy;
        }
      });
      sim.step(1.0, 0, 0, 0, 0);
      assertThat(events).hasSize(1);
      assertThat(events.get(0)).startsWith("main 1.00");
      Offset<Float> eps = Offset.offset(1e-5f);
      assertThat(main[0]).isEqualTo(1f);
      assertThat(main[1]).isCloseTo((float) (LunarLanderSim.W / 2), eps);
      assertThat(main[2]).isCloseTo((float) (LunarLanderSim.H - 4 / LunarLanderSim.SCALE), eps);
      assertThat(main[3]).isCloseTo(0f, eps);
      assertThat(main[4]).isCloseTo((float) (13 * 4 / LunarLanderSim.SCALE), eps);
      events.clear();
      sim.step(0, 1, 0.5, 0, 0);
      assertThat(events).hasSize(1);
      assertThat(events.get(0)).startsWith("side +1 0.50");
      events.clear();
      sim.step(0, 0, 0, 0, 0);
      assertThat(events).isEmpty();
    } finally {
      sim.dispose();
    }
  }

  @Test
  void touchdownsThenOneEndOfEpisode() {
    LunarLanderSim sim = new LunarLanderSim();
    try {
      List<String> events = new ArrayList<>();
      sim.addListener(new Recorder(events));
      sim.reset(flatHeights(), 0, 0);
      Outcome o = Outcome.NONE;
      for (int t = 0; t < 2000 && !o.terminal(); t++) {
        // a gentle descent: the main engine whenever it falls faster than 1 m/s
        o = sim.step(sim.hullVelocityY() < -1 ? 1.0 : 0, 0, 0, 0, 0);
      }
      events.removeIf(e -> e.startsWith("main"));
      assertThat(o.terminal()).isTrue();
      assertThat(events).hasSizeGreaterThanOrEqualTo(3);
      assertThat(events.subList(0, events.size() - 1)).allMatch(e -> e.startsWith("leg"));
      assertThat(events).contains("leg 0", "leg 1");
      assertThat(events.get(events.size() - 1)).isEqualTo(o.word());
    } finally {
      sim.dispose();
    }
  }

  @Test
  void stepsAllocateNothingForEvents() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    if (!mx.isThreadAllocatedMemorySupported()) {
      return;
    }
    mx.setThreadAllocatedMemoryEnabled(true);
    LunarLanderSim sim = new LunarLanderSim();
    try {
      int steps = 2000;
      double[] main = new double[steps];
      int[] dir = new int[steps];
      double[] draws = new double[2 * steps];
      SplittableRandom rng = new SplittableRandom(3);
      for (int t = 0; t < steps; t++) {
        main[t] = rng.nextBoolean() ? 0.5 + rng.nextDouble() / 2 : 0;
        dir[t] = rng.nextInt(3) - 1;
        draws[2 * t] = rng.nextDouble() * 2 - 1;
        draws[2 * t + 1] = rng.nextDouble() * 2 - 1;
      }
      double[] heights = flatHeights();
      long tid = Thread.currentThread().getId();
      long[] bytes = new long[2];
      for (int pass = 0; pass < 4; pass++) { // passes 0-1 warm up, 2 without and 3 with a listener
        if (pass == 3) {
          sim.addListener(new LunarLanderListener() {
            @Override
            public void mainEngineFired(double p, float x, float y, float ix, float iy) {}
          });
        }
        sim.reset(heights, 0, 0);
        long before = mx.getThreadAllocatedBytes(tid);
        for (int t = 0; t < steps; t++) {
          sim.step(main[t], dir[t], 0.75, draws[2 * t], draws[2 * t + 1]);
        }
        long used = mx.getThreadAllocatedBytes(tid) - before;
        if (pass >= 2) {
          bytes[pass - 2] = used;
        }
      }
      // one object per step would be >= 16 bytes x 2000 steps
      assertThat(bytes[0]).as("bytes allocated by %d steps, no listener", steps).isLessThan(2000);
      assertThat(bytes[1]).as("bytes allocated by %d steps, one listener", steps).isLessThan(2000);
    } finally {
      sim.dispose();
    }
  }

  private static double[] flatHeights() {
    double[] h = new double[LunarLanderSim.HEIGHT_DRAWS];
    java.util.Arrays.fill(h, LunarLanderSim.HELIPAD_Y);
    return h;
  }

  /** Writes every event as a short line. */
  private record Recorder(List<String> events) implements LunarLanderListener {
    @Override
    public void mainEngineFired(double power, float x, float y, float impulseX, float impulseY) {
      events.add(String.format(java.util.Locale.ROOT, "main %.2f at (%.4f, %.4f) impulse (%.4f, %.4f)",
          power, x, y, impulseX, impulseY));
    }

    @Override
    public void sideEngineFired(int direction, double power, float x, float y, float impulseX,
        float impulseY) {
      events.add(String.format(java.util.Locale.ROOT, "side %+d %.2f at (%.4f, %.4f) impulse (%.4f, %.4f)",
          direction, power, x, y, impulseX, impulseY));
    }

    @Override
    public void legTouchdown(int leg) {
      events.add("leg " + leg);
    }

    @Override
    public void landed() {
      events.add("landed");
    }

    @Override
    public void crashed() {
      events.add("crashed");
    }

    @Override
    public void flewOff() {
      events.add("flew_off");
    }
  }
}
