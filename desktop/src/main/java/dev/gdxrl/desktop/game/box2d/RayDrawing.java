package dev.gdxrl.desktop.game.box2d;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import dev.gdxrl.npc.Npc;
import dev.gdxrl.npc.RaySensor;
import dev.gdxrl.npc.Sensor;
import java.util.List;

/**
 * Debug drawing of the toolkit's ray sensors: each ray of each NPC from its origin to where it
 * last hit (or its full range), in {@link #MISS} when it met nothing and in the colour of the tag
 * it hit otherwise. Reads the sensors' last readings; draws nothing before the first observation.
 */
public final class RayDrawing {
  public static final Color MISS = new Color(0.55f, 0.58f, 0.62f, 0.5f);

  private RayDrawing() {}

  /** Draws every RaySensor of {@code npcs} as lines; leaves the renderer in line mode. */
  public static void draw(ShapeRenderer shapes, List<? extends Npc<?>> npcs, Color[] tagColours) {
    if (shapes.getCurrentType() != ShapeRenderer.ShapeType.Line) {
      shapes.end();
      shapes.begin(ShapeRenderer.ShapeType.Line);
    }
    for (Npc<?> npc : npcs) {
      for (Sensor s : npc.sensors()) {
        if (s instanceof RaySensor r) {
          draw(shapes, r, tagColours);
        }
      }
    }
  }

  private static void draw(ShapeRenderer shapes, RaySensor r, Color[] tagColours) {
    for (int k = 0; k < r.rays(); k++) {
      float len = r.lastFraction(k) * r.range();
      float a = r.lastAngle(k);
      int tag = r.lastTag(k);
      shapes.setColor(tag >= 0 && tag < tagColours.length ? tagColours[tag] : MISS);
      shapes.line(r.originX(), r.originY(), r.originX() + len * (float) Math.cos(a),
          r.originY() + len * (float) Math.sin(a));
    }
  }
}
