package dev.gdxrl.desktop.game;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.utils.Align;
import dev.gdxrl.control.Insight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text overlay in screen pixels: session numbers top left, key help at the bottom, and a
 * banner when the episode is over or the game is paused. Uses libGDX's built-in bitmap font.
 */
final class Hud {
  private static final float MARGIN = 10;
  private static final Color PANEL = new Color(0f, 0f, 0f, 0.55f);
  private static final Color TEXT = new Color(1f, 1f, 1f, 1f);
  private static final Color BANNER = new Color(1f, 0.85f, 0.3f, 1f);

  private final BitmapFont font;
  private final GlyphLayout layout = new GlyphLayout();
  private final List<String> lines = new ArrayList<>();

  Hud(BitmapFont font) {
    this.font = font;
  }

  void draw(ShapeRenderer shapes, SpriteBatch batch, float width, float height, Session<?> s,
      boolean paused, String keysHelp) {
    lines.clear();
    lines.add(String.format(Locale.ROOT, "%s   episode %d   seed %d   driver %s",
        s.envId(), s.episode(), s.seed(), s.driver().name()));
    lines.add(String.format(Locale.ROOT, "step %d   return %.2f   last reward %+.3f",
        s.steps(), s.episodeReturn(), s.lastReward()));
    s.view().hudLines(lines);
    insightLine(s.driver().insight());

    float lineHeight = font.getLineHeight();
    float panelWidth = 0;
    for (String l : lines) {
      layout.setText(font, l);
      panelWidth = Math.max(panelWidth, layout.width);
    }
    layout.setText(font, keysHelp);
    float helpWidth = layout.width;
    String banner = banner(s, paused);

    Gdx.gl.glEnable(GL20.GL_BLEND);
    Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
    shapes.begin(ShapeRenderer.ShapeType.Filled);
    shapes.setColor(PANEL);
    shapes.rect(0, height - lines.size() * lineHeight - 2 * MARGIN,
        panelWidth + 2 * MARGIN, lines.size() * lineHeight + 2 * MARGIN);
    shapes.rect(0, 0, helpWidth + 2 * MARGIN, lineHeight + MARGIN);
    if (banner != null) {
      shapes.rect(0, height / 2 - lineHeight, width, 2 * lineHeight);
    }
    shapes.end();

    batch.begin();
    font.setColor(TEXT);
    float y = height - MARGIN;
    for (String l : lines) {
      font.draw(batch, l, MARGIN, y);
      y -= lineHeight;
    }
    font.draw(batch, keysHelp, MARGIN, MARGIN + lineHeight * 0.75f);
    if (banner != null) {
      font.setColor(BANNER);
      font.draw(batch, banner, 0, height / 2 + lineHeight * 0.4f, width, Align.center, false);
    }
    batch.end();
    Gdx.gl.glDisable(GL20.GL_BLEND);
  }

  /** What a learned driver thought at its last decision, when it can say. */
  private void insightLine(Insight insight) {
    if (insight == null) {
      return;
    }
    StringBuilder b = new StringBuilder(switch (insight.kind()) {
      case ACTION_VALUES -> "Q";
      case ACTION_PROBABILITIES -> "p";
      case GAUSSIAN -> "mean";
    });
    appendValues(b, insight.values(), insight.chosen());
    if (insight.std() != null) {
      b.append("   std");
      appendValues(b, insight.std(), -1);
    }
    if (!Double.isNaN(insight.stateValue())) {
      b.append(String.format(Locale.ROOT, "   V %.2f", insight.stateValue()));
    }
    lines.add(b.toString());
  }

  private static void appendValues(StringBuilder b, float[] values, int chosen) {
    for (int i = 0; i < values.length; i++) {
      b.append(i == chosen ? "  [" : "  ").append(String.format(Locale.ROOT, "%.2f", values[i]))
          .append(i == chosen ? "]" : "");
    }
  }

  private static String banner(Session<?> s, boolean paused) {
    if (s.done()) {
      return String.format(Locale.ROOT,
          "episode over: %s   return %.2f   (next seed follows; R replays this one)",
          s.outcome(), s.episodeReturn());
    }
    return paused ? "PAUSED   (Space resumes, period steps once)" : null;
  }
}
