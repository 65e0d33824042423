package dev.gdxrl.npc;

/**
 * One part of an NPC's observation: {@link #size()} floats within [{@link #low()}, {@link
 * #high()}], written by {@link #read}. A sensor reads the world; it never changes it.
 */
public interface Sensor {

  /** Floats this sensor contributes. */
  int size();

  /** Lower bounds, {@link #size()} values (may be -infinity). */
  float[] low();

  /** Upper bounds, {@link #size()} values (may be +infinity). */
  float[] high();

  /** Writes this sensor's values for {@code npc} into {@code out[offset .. offset + size)}. */
  void read(Npc<?> npc, float[] out, int offset);

  /** Bounds of {@code n} values, all {@code v}. */
  static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
