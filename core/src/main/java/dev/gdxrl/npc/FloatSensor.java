package dev.gdxrl.npc;

import java.util.function.ToDoubleFunction;

/**
 * Any one figure of the game (health, ammo, a timer), read by {@code value} and clipped to
 * [{@code low}, {@code high}].
 */
public final class FloatSensor implements Sensor {
  private final float low;
  private final float high;
  private final ToDoubleFunction<Npc<?>> value;

  public FloatSensor(float low, float high, ToDoubleFunction<Npc<?>> value) {
    if (!(low <= high)) {
      throw new IllegalArgumentException("FloatSensor needs low <= high: " + low + ", " + high);
    }
    this.low = low;
    this.high = high;
    this.value = value;
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public float[] low() {
    return new float[] {low};
  }

  @Override
  public float[] high() {
    return new float[] {high};
  }

  @Override
  public void read(Npc<?> npc, float[] out, int offset) {
    float v = (float) value.applyAsDouble(npc);
    if (Float.isNaN(v)) {
      throw new IllegalStateException("FloatSensor read NaN for " + npc.name());
    }
    out[offset] = v < low ? low : (v > high ? high : v);
  }
}
