package dev.gdxrl.sim.lunarlander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdxrl.env.Env;
import dev.gdxrl.env.Info;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.env.Step;
import dev.gdxrl.env.TimeLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the reference episodes of {@code shared/testdata/lunarlander}: the recorded random draws
 * are injected, the recorded actions fed, and every step compared. Skipped (with the reason) where
 * that folder is not beside the checkout.
 */
class LunarLanderTraceTest {
  private static final double OBS_TOLERANCE = 1e-3;
  private static final double RETURN_TOLERANCE = 0.1;

  @TestFactory
  Stream<DynamicTest> replaysEveryReferenceEpisode() throws IOException {
    Path dir = findTraceDir();
    Assumptions.assumeTrue(dir != null,
        "shared/testdata/lunarlander not found above " + Path.of("").toAbsolutePath()
            + "; reference traces unavailable, replay skipped");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(files).as("trace files in " + dir).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> replay(Trace.read(f))));
  }

  static Path findTraceDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("testdata").resolve("lunarlander");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void replay(Trace trace) {
    RandomSource replay = trace.draws();
    AbstractLunarLanderEnv<?> raw = trace.continuous
        ? new LunarLanderContinuousEnv(seed -> replay)
        : new LunarLanderEnv(seed -> replay);
    double[] maxDev = new double[AbstractLunarLanderEnv.OBS_DIM];
    double ret = 0;
    double refRet = 0;
    int steps = 0;
    Step<float[]> last = null;
    try (Env<float[], Object> env = timeLimited(raw)) {
      float[] obs = env.reset(0);
      track(maxDev, obs, trace.obs.get(0));
      for (int t = 1; t < trace.obs.size(); t++) {
        Object action = trace.continuous ? toFloats(trace.actions.get(t)) : (Object) (int) trace.actions.get(t)[0];
        last = env.step(action);
        steps = t;
        ret += last.reward();
        refRet += trace.rewards.get(t);
        track(maxDev, last.observation(), trace.obs.get(t));
        boolean refDone = trace.terminated.get(t) || trace.truncated.get(t);
        if (last.done() || refDone) {
          assertThat(last.terminated()).as("terminated at step %d", t).isEqualTo(trace.terminated.get(t));
          assertThat(last.truncated()).as("truncated at step %d", t).isEqualTo(trace.truncated.get(t));
          if (last.terminated()) {
            double refReward = trace.rewards.get(t);
            assertThat(last.info().get(Info.OUTCOME)).as("outcome at step %d", t)
                .isIn(refReward > 0 ? List.of("landed") : List.of("crashed", "flew_off"));
          }
          break;
        }
      }
    }
    double overall = 0;
    for (double d : maxDev) {
      overall = Math.max(overall, d);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "TRACE %-32s steps=%d ret=%.4f ref=%.4f dRet=%.2e maxObsDev=%.2e per-component:",
        trace.name, steps, ret, refRet, Math.abs(ret - refRet), overall));
    for (double d : maxDev) {
      sb.append(String.format(Locale.ROOT, " %.1e", d));
    }
    System.out.println(sb);
    assertThat(steps).as("episode length").isEqualTo(trace.obs.size() - 1);
    assertThat(last).isNotNull();
    assertThat(last.done()).as("episode ended at the recorded last step").isTrue();
    assertThat(ret).as("return").isCloseTo(refRet, within(RETURN_TOLERANCE));
    assertThat(overall).as("largest observation deviation").isLessThanOrEqualTo(OBS_TOLERANCE);
  }

  @SuppressWarnings("unchecked")
  private static Env<float[], Object> timeLimited(AbstractLunarLanderEnv<?> raw) {
    return new TimeLimit<>((Env<float[], Object>) (Env<float[], ?>) raw, 1000);
  }

  private static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  private static void track(double[] maxDev, float[] got, double[] want) {
    for (int i = 0; i < maxDev.length; i++) {
      maxDev[i] = Math.max(maxDev[i], Math.abs(got[i] - want[i]));
    }
  }

  /** One parsed reference CSV. */
  record Trace(String name, boolean continuous, double[] resetDraws, List<double[]> actions,
      List<double[]> dispersion, List<Double> rewards, List<Boolean> terminated,
      List<Boolean> truncated, List<double[]> obs) {

    static Trace read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      String[] first = lines.get(0).split(",");
      if (!first[0].equals("reset_draws") || first.length != 17) {
        throw new IOException(file + ": first line is not 16 reset draws");
      }
      double[] reset = new double[16];
      for (int i = 0; i < 16; i++) {
        reset[i] = Double.parseDouble(first[i + 1]);
      }
      List<String> header = List.of(lines.get(1).split(","));
      boolean continuous = header.contains("a1");
      int nA = continuous ? 2 : 1;
      int iD0 = header.indexOf("d0");
      int iReward = header.indexOf("reward");
      int iTerm = header.indexOf("terminated");
      int iTrunc = header.indexOf("truncated");
      int iObs = header.indexOf("obs0");
      Trace tr = new Trace(file.getFileName().toString(), continuous, reset, new ArrayList<>(),
          new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
          new ArrayList<>());
      for (int r = 2; r < lines.size(); r++) {
        if (lines.get(r).isBlank()) {
          continue;
        }
        String[] c = lines.get(r).split(",", -1);
        int step = Integer.parseInt(c[0]);
        if (step != r - 2) {
          throw new IOException(file + ": step " + step + " on row " + r);
        }
        double[] o = new double[8];
        for (int i = 0; i < 8; i++) {
          o[i] = Double.parseDouble(c[iObs + i]);
        }
        tr.obs.add(o);
        if (step == 0) {
          tr.actions.add(null);
          tr.dispersion.add(null);
          tr.rewards.add(0.0);
          tr.terminated.add(false);
          tr.truncated.add(false);
          continue;
        }
        float[] a = new float[nA];
        for (int i = 0; i < nA; i++) {
          a[i] = (float) Double.parseDouble(c[1 + i]);
        }
        tr.actions.add(toDoubles(a));
        tr.dispersion.add(new double[] {Double.parseDouble(c[iD0]), Double.parseDouble(c[iD0 + 1])});
        tr.rewards.add(Double.parseDouble(c[iReward]));
        tr.terminated.add(parseBool(c[iTerm]));
        tr.truncated.add(parseBool(c[iTrunc]));
      }
      return tr;
    }

    private static double[] toDoubles(float[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }

    private static boolean parseBool(String s) {
      return s.equals("1") || s.equalsIgnoreCase("true");
    }

    /** The recorded draws in the order the env makes them; throws if it asks for more. */
    RandomSource draws() {
      double[] all = new double[16 + 2 * (dispersion.size() - 1)];
      System.arraycopy(resetDraws, 0, all, 0, 16);
      for (int t = 1; t < dispersion.size(); t++) {
        all[16 + 2 * (t - 1)] = dispersion.get(t)[0];
        all[17 + 2 * (t - 1)] = dispersion.get(t)[1];
      }
      int[] next = {0};
      return (lo, hi) -> {
        if (next[0] >= all.length) {
          throw new IllegalStateException(name + ": env drew more numbers than recorded");
        }
        double v = all[next[0]++];
        if (v < lo || v > hi) {
          throw new IllegalStateException(
              name + ": recorded draw " + v + " outside the asked range [" + lo + ", " + hi + ")");
        }
        return v;
      };
    }
  }
}
