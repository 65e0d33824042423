package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.Controller;
import dev.gdxrl.control.ControllerProvider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code watch --checkpoint DIR | --env ID [--act MODE] [--npcs N] [--speed X|fast] [--seed S] [--record FILE]
 * [--episodes N] [--screenshot FILE --frames N]}: a trained agent drives the rendered game (with
 * the checkpoint's observation normalisation); the viewer can take over with the driver keys.
 * {@code --env ID} watches the demo shipped in {@code assets/demos/ID}. The checkpoint is opened
 * by the {@code ControllerProvider} found on the classpath (rl-agent's).
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = "Watch a trained agent play in a window; take over with the driver keys.",
    footer = {
      "",
      "Keys: 1-9 pick a driver (agent, human, heuristic, random), C next driver, Space pause,",
      ". step, -/+ slower/faster (0.25x..8x), F fast, R restart (same seed), N next seed,",
      "I show/hide the agent's action values, Esc quit."
    })
final class WatchCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin WindowOptions window;

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "The checkpoint to watch.")
  String checkpoint;

  @Option(names = "--env", paramLabel = "ID",
      description = "Watch the demo checkpoint shipped for this env (assets/demos/ID).")
  String envId;

  @Override
  public Integer call() {
    if ((checkpoint == null) == (envId == null)) {
      throw Main.usage(spec, "give either --checkpoint DIR or --env ID (the shipped demo)");
    }
    String dir = checkpoint;
    String option = "--checkpoint";
    if (envId != null) {
      String id = Main.requireEnv(spec, main.registry(), envId);
      Path demo = Checkpoint.demo(id);
      if (demo == null) {
        throw Main.usage(spec, "no demo checkpoint for env '" + id + "' (looked for "
            + Checkpoint.DEMOS + "/" + id + "/); train one with 'gdx-rl train --env " + id
            + " --algo dqn --out DIR' and run 'gdx-rl watch --checkpoint DIR'");
      }
      dir = demo.toString();
      option = "demo";
    }
    window.validate(spec);
    Checkpoint ckpt = Checkpoint.resolve(spec, option, dir, main.controllerProviders());
    if (!main.registry().contains(ckpt.envId())) {
      throw Main.usage(spec, option + " " + ckpt.dir() + " is for env '" + ckpt.envId()
          + "', which is not registered; known envs: " + String.join(", ", main.registry().ids())
          + Main.OWN_GAME_HINT);
    }
    var views = Windowed.requireView(spec, main, ckpt.envId(), window.genericView);
    String headless = "gdx-rl eval --checkpoint " + ckpt.dir();
    Controller<?> agent = ckpt.open(spec, main.registry(), option, window.actingMode(spec));
    try {
      Windowed.requireDisplay(spec, main, "watch", headless);
    } catch (RuntimeException e) {
      Windowed.close(agent);
      throw e;
    }
    return Windowed.launch(spec, main, window.config(spec, ckpt.envId(), agent.name()),
        window.recordPath(spec), agent, null, views, headless);
  }
}
