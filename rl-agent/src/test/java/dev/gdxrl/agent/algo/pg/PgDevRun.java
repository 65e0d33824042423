package dev.gdxrl.agent.algo.pg;

import ai.djl.Device;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvRegistry;
import dev.gdxrl.env.VectorEnv;
import java.util.ArrayList;
import java.util.List;

/** Development runner (not a test): java ... PgDevRun ENV ALGO STEPS SEED. */
public final class PgDevRun {
  public static void main(String[] args) {
    String envId = args[0];
    String algo = args[1];
    long steps = Long.parseLong(args[2]);
    long seed = Long.parseLong(args[3]);
    EnvRegistry reg = EnvRegistry.builtin();
    OnPolicyConfig cfg = switch (algo) {
      case "ppo" -> Ppo.PpoConfig.forEnv(envId);
      default -> throw new IllegalArgumentException(algo);
    };
    List<Env<float[], ?>> envs = new ArrayList<>();
    for (int i = 0; i < cfg.nEnvs(); i++) {
      envs.add(reg.make(envId));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    VectorEnv<?> venv = new VectorEnv(envs, 1);
    long t0 = System.nanoTime();
    double[] recent = new double[20];
    int[] count = {0};
    try (OnPolicyLearner<?> l = new Ppo((Ppo.PpoConfig) cfg, venv, seed, Device.cpu(), null)) {
      l.onEpisode(e -> recent[count[0]++ % recent.length] = e.episodeReturn());
      l.start(seed);
      long[] lastPrint = {0};
      l.learn(steps, s -> {
        if (l.envSteps() - lastPrint[0] >= steps / 20) {
          lastPrint[0] = l.envSteps();
          double m = 0;
          int c = Math.min(count[0], recent.length);
          for (int i = 0; i < c; i++) {
            m += recent[i];
          }
          System.out.printf("steps=%d eps=%d mean20=%.1f %s sps=%.0f%n", l.envSteps(), count[0],
              c == 0 ? 0 : m / c, s, l.envSteps() / ((System.nanoTime() - t0) / 1e9));
        }
      });
      double wall = (System.nanoTime() - t0) / 1e9;
      System.out.printf("done wall=%.1fs sps=%.0f collect=%.1fs update=%.1fs%n", wall, l.envSteps() / wall, l.collectSeconds(), l.updateSeconds());
    }
    venv.close();
  }
}
