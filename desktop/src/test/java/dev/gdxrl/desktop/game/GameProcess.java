package dev.gdxrl.desktop.game;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gdxrl.desktop.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gdx-rl} in a child JVM with this test's classpath: under the current display if
 * there is one, else under {@code xvfb-run}; skips the test (with the reason) when neither exists.
 */
final class GameProcess {
  record Result(int status, String output) {}

  private static final String STATUS_FILE = "child.status";

  private GameProcess() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return runWith(workDir, classPath(), args);
  }

  /** This test's classpath. */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Runs {@code gdx-rl args} in a child JVM with the given classpath. */
  static Result runWith(Path workDir, String classPath, String... args)
      throws IOException, InterruptedException {
    return runMain(workDir, classPath, Main.class.getName(), args);
  }

  /** Runs {@code mainClass args} in a child JVM with the given classpath (a gdx-rl main). */
  static Result runMain(Path workDir, String classPath, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (!hasDisplay()) {
      String xvfb = onPath("xvfb-run");
      assumeTrue(xvfb != null,
          "skipped: no DISPLAY/WAYLAND_DISPLAY and no xvfb-run on PATH to make a virtual display"
              + " (apt-get install xvfb xauth libgl1-mesa-dri libglx-mesa0)");
      cmd.addAll(List.of(xvfb, "-a", "-s", "-screen 0 1280x720x24"));
      // The child's own status, kept in a file: xvfb-run replaces it with 5 when its cleanup of
      // its temporary directory fails, which happens now and then on a busy machine.
      cmd.addAll(List.of("sh", "-c", "\"$@\"; s=$?; echo $s > " + STATUS_FILE + "; exit $s",
          "sh"));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    Path log = workDir.resolve("process.log");
    Process p = new ProcessBuilder(cmd)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("gdx-rl " + String.join(" ", args) + " did not finish in 180 s:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    int status = p.exitValue();
    Path statusFile = workDir.resolve(STATUS_FILE);
    if (Files.exists(statusFile)) {
      status = Integer.parseInt(Files.readString(statusFile, StandardCharsets.UTF_8).strip());
      Files.delete(statusFile);
    }
    return new Result(status, Files.readString(log, StandardCharsets.UTF_8));
  }

  static boolean hasDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase();
    if (os.contains("win") || os.contains("mac")) {
      return true;
    }
    return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static String onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, program);
      if (f.isFile() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
