package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import dev.gdxrl.control.Insight;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in provider registered only in desktop's test resources: a directory holding {@code
 * fake-controller.txt} (first line: the env id) opens as a controller named "agent" that flies the
 * env's heuristic and reports action probabilities (discrete) or a Gaussian (continuous) with a
 * V(s), so the HUD's other insight kinds can be tested without a trained policy-gradient agent.
 */
public final class FakeControllerProvider implements ControllerProvider {
  public static final String MARKER = "fake-controller.txt";

  /** Makes {@code dir} a fake checkpoint of {@code envId}. */
  public static Path write(Path dir, String envId) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), envId + "\n");
    return dir;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String envId(Path source) {
    try {
      return Files.readAllLines(source.resolve(MARKER)).get(0).strip();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(source + " is not a fake controller (no " + MARKER + ")");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Controller<A> open(Path source, Env<float[], A> env) {
    String id = envId(source);
    if (!id.equals(env.spec().id())) {
      throw new IllegalArgumentException("fake controller for '" + id + "', not '"
          + env.spec().id() + "'");
    }
    Policy<float[], A> heuristic = (Policy<float[], A>) EnvRegistry.discovered().heuristic(id);
    return new Controller<>() {
      private Insight last;

      @Override
      public String name() {
        return "agent";
      }

      @Override
      public A decide(float[] observation) {
        A a = heuristic.act(observation);
        if (env.actionSpace() instanceof Discrete d) {
          float[] p = new float[d.n()];
          int chosen = (Integer) a;
          for (int i = 0; i < p.length; i++) {
            p[i] = i == chosen ? 0.7f : 0.3f / (p.length - 1);
          }
          last = new Insight(Insight.Kind.ACTION_PROBABILITIES, p, null, 1.5, chosen);
        } else if (env.actionSpace() instanceof Box) {
          float[] mean = ((float[]) a).clone();
          float[] std = new float[mean.length];
          java.util.Arrays.fill(std, 0.2f);
          last = new Insight(Insight.Kind.GAUSSIAN, mean, std, -0.5, -1);
        }
        return a;
      }

      @Override
      public Insight insight() {
        return last;
      }
    };
  }
}
