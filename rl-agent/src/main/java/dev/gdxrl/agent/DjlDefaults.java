package dev.gdxrl.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * DJL settings that suit the small networks of RL, applied by rl-agent itself so that a game
 * depending on it runs as the {@code gdx-rl} command does without copying the launcher's JVM
 * flags. Each is a system property set <em>only if absent</em>: a {@code -D} flag or an earlier
 * {@link System#setProperty} of the application always wins.
 *
 * <ul>
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code ai.djl.pytorch.num_interop_threads=1}:
 *       one PyTorch thread; for these networks thread hand-off costs more than it saves (PyTorch's
 *       default, one thread per core, doubled DQN's CPU time on two cores).
 *   <li>{@code ai.djl.offline=true}, only when DJL's CPU PyTorch is bundled on the classpath
 *       (resource {@code native/lib/pytorch.properties}, the default build): nothing is
 *       downloaded at run time. Without it (a CUDA build) DJL may fetch its native library.
 *   <li>{@code org.slf4j.simpleLogger.log.ai.djl=warn} and, unless the application set either
 *       key, {@code org.slf4j.simpleLogger.log.ai.djl.util.cuda=error}: DJL's start-up INFO lines
 *       and the "no CUDA" warning are silent under slf4j-simple. rl-agent chooses no logging
 *       binding; with another one (Logback, Log4j 2) set the {@code ai.djl} logger's level in its
 *       configuration. The default level of the application's own loggers is never touched.
 * </ul>
 *
 * <p>PyTorch reads the thread counts once, when DJL's engine first loads, and slf4j-simple reads
 * a logger's level when the logger is made. rl-agent calls {@link #apply()} at its entry points
 * ({@link Training}, {@code AgentLoader}, {@code LearnedPolicy}, the controller provider, the
 * agents' networks) before touching the engine; an application that uses DJL itself before that
 * calls {@link #apply()} first, or passes the {@code -D} flags. Other values: pass them as
 * {@code -D} flags (e.g. {@code -Dai.djl.pytorch.num_threads=4}).
 */
public final class DjlDefaults {
  /** System property: PyTorch intra-op threads. */
  public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
  /** System property: PyTorch inter-op threads. */
  public static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
  /** System property: DJL downloads nothing when true. */
  public static final String OFFLINE = "ai.djl.offline";
  /** slf4j-simple's level of the loggers under {@code ai.djl}. */
  public static final String DJL_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl";
  /** slf4j-simple's level of DJL's CUDA probe (it warns when there is no GPU). */
  public static final String DJL_CUDA_LOG_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda";

  /** Where DJL finds a PyTorch native library bundled in a jar (pytorch-native-cpu has it). */
  static final String BUNDLED_NATIVE = "native/lib/pytorch.properties";

  private DjlDefaults() {}

  /**
   * Sets the defaults on the system properties where absent; idempotent and thread-safe (each
   * key is put atomically).
   *
   * @return the properties this call set, in order (empty when all were present already)
   */
  public static Map<String, String> apply() {
    boolean bundled = DjlDefaults.class.getClassLoader().getResource(BUNDLED_NATIVE) != null;
    return apply(System.getProperties(), bundled);
  }

  /**
   * Sets the defaults on {@code props} where absent.
   *
   * @param bundledNative whether a PyTorch native library is on the classpath (then offline)
   * @return the keys and values set, in order
   */
  static Map<String, String> apply(Properties props, boolean bundledNative) {
    Map<String, String> set = new LinkedHashMap<>();
    putIfAbsent(props, NUM_THREADS, "1", set);
    putIfAbsent(props, NUM_INTEROP_THREADS, "1", set);
    if (bundledNative) {
      putIfAbsent(props, OFFLINE, "true", set);
    }
    // the CUDA key is ours only if the application chose no DJL level at all
    boolean djlLevelChosen = props.containsKey(DJL_LOG_LEVEL);
    putIfAbsent(props, DJL_LOG_LEVEL, "warn", set);
    if (!djlLevelChosen) {
      putIfAbsent(props, DJL_CUDA_LOG_LEVEL, "error", set);
    }
    return set;
  }

  private static void putIfAbsent(Properties props, String key, String value,
      Map<String, String> set) {
    if (props.putIfAbsent(key, value) == null) {
      set.put(key, value);
    }
  }

  /**
   * Switches PyTorch's gradient recording off on the calling thread, as DJL's engine does only on
   * the thread that first loads it (PyTorch keeps the mode per thread). Without it, a network
   * built on another thread (a second training in one JVM, a test's timeout thread, a Spark task)
   * gets parameter arrays that are not leaves, and DQN's host kernel fails with "you can only
   * change requires_grad flags of leaf variables". Gradient collectors switch it on for their own
   * scope as before. Safe to call any number of times.
   */
  public static void noGradientRecordingOnThisThread() {
    ai.djl.engine.Engine.getInstance(); // loads the engine (and its first thread's mode)
    if (ai.djl.pytorch.jni.JniUtils.isGradMode()) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }
  }
}
