package dev.gdxrl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL defaults: set only where absent, idempotent, and in effect when a JVM started without
 * the launcher's flags reaches DJL through rl-agent (checked in child JVMs, since this test JVM
 * gets the flags from surefire's argLine).
 */
class DjlDefaultsTest {
  @TempDir
  Path tmp;

  @Test
  void setsEveryDefaultOnEmptyPropertiesAndNothingTheSecondTime() {
    Properties p = new Properties();
    Map<String, String> set = DjlDefaults.apply(p, true);
    assertThat(set).containsExactly(
        Map.entry(DjlDefaults.NUM_THREADS, "1"),
        Map.entry(DjlDefaults.NUM_INTEROP_THREADS, "1"),
        Map.entry(DjlDefaults.OFFLINE, "true"),
        Map.entry(DjlDefaults.DJL_LOG_LEVEL, "warn"),
        Map.entry(DjlDefaults.DJL_CUDA_LOG_LEVEL, "error"));
    assertThat(p).hasSize(5).containsEntry(DjlDefaults.NUM_THREADS, "1");
    assertThat(DjlDefaults.apply(p, true)).isEmpty();
    assertThat(p).hasSize(5);
  }

  @Test
  void theApplicationsOwnSettingsWin() {
    Properties p = new Properties();
    p.setProperty(DjlDefaults.NUM_THREADS, "4");
    p.setProperty(DjlDefaults.OFFLINE, "false");
    p.setProperty(DjlDefaults.DJL_LOG_LEVEL, "info");
    p.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    Map<String, String> set = DjlDefaults.apply(p, true);
    assertThat(set).containsOnlyKeys(DjlDefaults.NUM_INTEROP_THREADS);
    assertThat(p.getProperty(DjlDefaults.NUM_THREADS)).isEqualTo("4");
    assertThat(p.getProperty(DjlDefaults.OFFLINE)).isEqualTo("false");
    assertThat(p.getProperty(DjlDefaults.DJL_LOG_LEVEL)).isEqualTo("info");
    // an application that chose DJL's level does not get the CUDA probe silenced behind its back
    assertThat(p).doesNotContainKey(DjlDefaults.DJL_CUDA_LOG_LEVEL);
    assertThat(p.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("debug");
  }

  @Test
  void staysOnlineWithoutABundledNativeLibrary() {
    Properties p = new Properties();
    assertThat(DjlDefaults.apply(p, false)).doesNotContainKey(DjlDefaults.OFFLINE);
    assertThat(p).doesNotContainKey(DjlDefaults.OFFLINE);
  }

  @Test
  void theTestClasspathBundlesTheCpuNativeLibrary() {
    assertThat(getClass().getClassLoader().getResource(DjlDefaults.BUNDLED_NATIVE)).isNotNull();
  }

  @Test
  void aJvmWithoutFlagsGetsOnePyTorchThreadAndNoDjlInfoLines() throws Exception {
    Child c = run(List.of(), "library");
    assertThat(c.stdout()).contains("threads=1 interop=1 offline=true");
    assertThat(c.stderr()).doesNotContain("INFO ai.djl").doesNotContain("WARN ai.djl.util.cuda");
  }

  @Test
  void withoutTheDefaultsDjlLogsItsInfoLines() throws Exception {
    // the control: the same child without rl-agent's entry point shows what the defaults remove
    Child c = run(List.of(), "raw");
    assertThat(c.stdout()).contains("offline=null");
    assertThat(c.stderr()).contains("INFO ai.djl.pytorch.engine.PtEngine");
  }

  @Test
  void anExplicitFlagWinsAndTakesEffect() throws Exception {
    Child c = run(List.of("-Dai.djl.pytorch.num_threads=2",
        "-Dorg.slf4j.simpleLogger.log.ai.djl=info"), "library");
    assertThat(c.stdout()).contains("threads=2 interop=1 offline=true");
    assertThat(c.stderr()).contains("Number of intra-op threads is 2");
  }

  record Child(String stdout, String stderr) {}

  /** Runs {@link Probe} in a child JVM with this test's classpath and only {@code flags}. */
  private Child run(List<String> flags, String mode) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(Probe.class.getName());
    cmd.add(mode);
    Path out = tmp.resolve(mode + flags.size() + ".out");
    Path err = tmp.resolve(mode + flags.size() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish in 120 s");
    }
    Child c = new Child(Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    assertThat(p.exitValue()).as("probe exit status; stderr:\n%s", c.stderr()).isZero();
    return c;
  }

  /**
   * The child: {@code library} reaches DJL's engine through rl-agent ({@link Training#device}),
   * {@code raw} directly; then prints PyTorch's thread counts and the offline property.
   */
  public static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      if (args[0].equals("library")) {
        Training.device("auto");
      }
      Engine.getInstance();
      System.out.println("threads=" + JniUtils.getNumThreads() + " interop="
          + JniUtils.getNumInteropThreads() + " offline=" + System.getProperty("ai.djl.offline"));
    }
  }
}
