package dev.gdxrl.npc;

/** The NPC's heading as {@code (cos angle, sin angle)}: continuous all round, in [-1, 1]. */
public final class HeadingSensor implements Sensor {

  @Override
  public int size() {
    return 2;
  }

  @Override
  public float[] low() {
    return Sensor.filled(2, -1f);
  }

  @Override
  public float[] high() {
    return Sensor.filled(2, 1f);
  }

  @Override
  public void read(Npc<?> npc, float[] out, int offset) {
    float a = npc.body().getAngle();
    out[offset] = (float) Math.cos(a);
    out[offset + 1] = (float) Math.sin(a);
  }
}
