package dev.gdxrl.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal command line for running training before the {@code gdx-rl} command is wired (and
 * for scripts): {@code train ENV ALGO [STEPS] [SEED] [OUT] [key=value ...]} or {@code eval
 * CHECKPOINT [EPISODES] [SEED]}. Prints the RESULT line on stdout; bad input is one line on
 * stderr and exit status 2.
 */
public final class TrainMain {
  private TrainMain() {}

  public static void main(String[] args) {
    try {
      if (args.length >= 3 && args[0].equals("train")) {
        Map<String, String> overrides = new LinkedHashMap<>();
        String[] pos = new String[5];
        int n = 0;
        for (int i = 1; i < args.length; i++) {
          int eq = args[i].indexOf('=');
          if (eq > 0) {
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
          } else if (n < pos.length) {
            pos[n++] = args[i];
          }
        }
        Long steps = pos[2] == null ? null : Long.parseLong(pos[2]);
        long seed = pos[3] == null ? 1 : Long.parseLong(pos[3]);
        Path out = pos[4] == null ? null : Path.of(pos[4]);
        String device = overrides.containsKey("device") ? overrides.remove("device") : "cpu";
        Path resume = overrides.containsKey("resume") ? Path.of(overrides.remove("resume")) : null;
        boolean progress = !"false".equals(overrides.remove("progress"));
        TrainResult r = new Training().train(new TrainRequest(pos[0], pos[1], steps, seed, device,
            null, overrides, out, resume, progress));
        System.out.println(r.resultLine());
      } else if (args.length >= 2 && args[0].equals("eval")) {
        int episodes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.println(new Training().evaluate(Path.of(args[1]), episodes, seed)
            .resultLine());
      } else {
        System.err.println("usage: train ENV ALGO [STEPS] [SEED] [OUT] [key=value ...]"
            + " | eval CHECKPOINT [EPISODES] [SEED]");
        System.exit(2);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }
}
