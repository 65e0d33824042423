package dev.gdxrl.desktop.cli;

import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.PlayerCharacter;
import dev.gdxrl.desktop.game.Driver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code play --env ID [--driver human|heuristic|random|agent] [--checkpoint DIR] [--act MODE] [--npcs N]
 * [--speed X|fast] [--seed S] [--record FILE] [--episodes N] [--screenshot FILE --frames N]}:
 * opens the rendered game, the keyboard driving first. With {@code --checkpoint} the learned
 * agent is one key away (key 1). With {@code --screenshot} it renders N frames (each 1/60 s of
 * game time), saves the last one as PNG and exits.
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description = "Play a game in a window (keyboard; the heuristic, random or a learned agent"
        + " one key away).",
    footer = {
      "",
      "Keys: 1-9 pick a driver (listed in the window), C next driver, Space pause, . step,",
      "-/+ slower/faster (0.25x..8x), F fast, R restart (same seed), N next seed,",
      "I show/hide the agent's action values, Esc quit.",
      "cartpole: Left/A and Right/D push the cart.",
      "lunarlander, lunarlander-continuous: Up/W main engine, Left/A and Right/D side engines.",
      "arena, arena-continuous: you are the runner against the learned chasers (the shipped",
      "demo unless --checkpoint); Arrows/WASD run, G shows/hides the chasers' rays.",
      "Other games: their own keys (listed in the window); without any, F1..F12 hold discrete",
      "actions 0..11."
    })
final class PlayCommand implements Callable<Integer> {
  static final String AGENT = "agent";

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin WindowOptions window;

  @Option(names = "--env", paramLabel = "ID", description = "Env id to play.")
  String envId;

  @Option(names = {"--driver", "--policy"}, paramLabel = "DRIVER", defaultValue = "human",
      description = "Who acts first: human, heuristic, random, or agent with --checkpoint"
          + " (default: ${DEFAULT-VALUE}).")
  String driver;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "A trained agent of the same env, offered as the driver 'agent'.")
  String checkpoint;

  @Override
  public Integer call() {
    String id = Main.requireEnv(spec, main.registry(), envId);
    var views = Windowed.requireView(spec, main, id, window.genericView);
    boolean versus;
    try (var probe = main.registry().make(id)) {
      versus = probe.unwrapped() instanceof PlayerCharacter;
    }
    boolean driverGiven = spec.commandLine().getParseResult().hasMatchedOption("--driver");
    if (versus && checkpoint == null && (!driverGiven || driver.equals(AGENT))) {
      // A game where the person plays against the NPCs: the learned NPCs of its shipped demo.
      Path demo = Checkpoint.demo(id);
      if (demo != null) {
        checkpoint = demo.toString();
      }
    }
    if (versus && checkpoint != null && !driverGiven) {
      driver = AGENT;
    }
    List<String> drivers = new ArrayList<>(
        Arrays.stream(Driver.values()).map(Driver::label).collect(Collectors.toList()));
    if (checkpoint != null) {
      drivers.add(AGENT);
    }
    if (!drivers.contains(driver)) {
      throw Main.usage(spec, "unknown driver '" + driver + "'; use one of "
          + String.join(", ", drivers) + (driver.equals(AGENT) ? " (agent needs --checkpoint DIR)" : ""));
    }
    if (driver.equals(Driver.HEURISTIC.label()) && main.registry().entry(id).heuristic() == null) {
      throw Main.usage(spec, "env '" + id + "' has no heuristic driver; use human or random");
    }
    window.validate(spec);
    Checkpoint ckpt = null;
    if (checkpoint != null) {
      ckpt = Checkpoint.resolve(spec, "--checkpoint", checkpoint, main.controllerProviders());
      if (!ckpt.envId().equals(id)) {
        throw Main.usage(spec, "--checkpoint " + ckpt.dir() + " is for env '" + ckpt.envId()
            + "', not '" + id + "'");
      }
    }
    ActingMode mode = window.actingMode(spec);
    if (ckpt == null && mode.kind() != ActingMode.Kind.GREEDY) {
      throw Main.usage(spec, "--act " + mode + " needs --checkpoint DIR (it sets how the agent"
          + " acts)");
    }
    String headless = "gdx-rl eval --env " + id + " --policy heuristic";
    Controller<?> agent = ckpt == null ? null
        : ckpt.open(spec, main.registry(), "--checkpoint", mode);
    try {
      Windowed.requireDisplay(spec, main, "play", headless);
    } catch (RuntimeException e) {
      Windowed.close(agent);
      throw e;
    }
    return Windowed.launch(spec, main, window.config(spec, id, driver), window.recordPath(spec),
        agent, null, views, headless);
  }
}
