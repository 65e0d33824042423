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
 * The overlay in screen pixels: session numbers top left (lane 0's episode, who drives, speed,
 * the decision cost per tick), what the driver "thinks" top right (Q-value or probability bars
 * with the chosen action highlighted, or Gaussian mean and std, and V(s)), key help at the bottom,
 * and a banner when the episode is over or the game is paused. Uses libGDX's built-in font.
 */
final class Hud {
  private static final float MARGIN = 10;
  private static final float BAR_WIDTH = 160;
  private static final float LABEL_WIDTH = 70;
  private static final float VALUE_WIDTH = 80;
  /** Colours of the overlay; tests look for the panel and bars in screenshots. */
  static final Color PANEL = new Color(0f, 0f, 0f, 0.55f);
  static final Color TEXT = new Color(1f, 1f, 1f, 1f);
  static final Color BANNER = new Color(1f, 0.85f, 0.3f, 1f);
  static final Color BAR = new Color(0.35f, 0.6f, 0.95f, 1f);
  static final Color BAR_CHOSEN = new Color(1f, 0.75f, 0.15f, 1f);
  static final Color STD = new Color(0.9f, 0.9f, 0.9f, 1f);

  private final BitmapFont font;
  private final GlyphLayout layout = new GlyphLayout();
  private final List<String> lines = new ArrayList<>();

  Hud(BitmapFont font) {
    this.font = font;
  }

  /** What the HUD shows besides the session: speed and mode, supplied by the screen. */
  record Status(String speed, boolean paused, boolean showInsight, String extra) {}

  void draw(ShapeRenderer shapes, SpriteBatch batch, float width, float height, Session<?> s,
      Status status, List<String> keysHelp) {
    lines.clear();
    lines.add(String.format(Locale.ROOT, "%s   episode %d   seed %d   driver %s",
        s.envId(), s.episode(), s.seed(), s.driver().name()));
    lines.add(String.format(Locale.ROOT, "step %d   return %.2f   last reward %+.3f",
        s.steps(), s.episodeReturn(), s.lastReward()));
    s.view().hudLines(lines);
    String npcs = s.env().unwrapped() instanceof dev.gdxrl.npc.SceneEnv<?> scene
        && scene.scene().agents() > 1 ? scene.scene().agents() + " NPCs in one world"
        : s.laneCount() == 1 ? "1 NPC" : s.laneCount() + " NPCs";
    double ms = s.recentDecisionMs();
    lines.add(String.format(Locale.ROOT, "speed %s   %s   decide %s ms/tick   episodes done %d",
        status.speed(), npcs, Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.4f", ms),
        s.finishedEpisodes()));
    if (status.extra() != null) {
      lines.add(status.extra());
    }
    Insight insight = status.showInsight() ? s.driver().insight() : null;

    float lineHeight = font.getLineHeight();
    float panelWidth = 0;
    for (String l : lines) {
      layout.setText(font, l);
      panelWidth = Math.max(panelWidth, layout.width);
    }
    float helpWidth = 0;
    for (String l : keysHelp) {
      layout.setText(font, l);
      helpWidth = Math.max(helpWidth, layout.width);
    }
    String banner = banner(s, status.paused());
    int insightRows = insight == null ? 0 : insight.values().length + 1
        + (Double.isNaN(insight.stateValue()) ? 0 : 1);
    float insightWidth = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH + 2 * MARGIN;
    float insightTop = height - MARGIN;
    float insightLeft = width - insightWidth - MARGIN;

    Gdx.gl.glEnable(GL20.GL_BLEND);
    Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
    shapes.begin(ShapeRenderer.ShapeType.Filled);
    shapes.setColor(PANEL);
    shapes.rect(0, height - lines.size() * lineHeight - 2 * MARGIN,
        panelWidth + 2 * MARGIN, lines.size() * lineHeight + 2 * MARGIN);
    shapes.rect(0, 0, helpWidth + 2 * MARGIN, keysHelp.size() * lineHeight + MARGIN);
    if (banner != null) {
      shapes.rect(0, height / 2 - lineHeight, width, 2 * lineHeight);
    }
    if (insight != null) {
      shapes.rect(insightLeft, insightTop - insightRows * lineHeight - MARGIN, insightWidth,
          insightRows * lineHeight + MARGIN);
      bars(shapes, insight, insightLeft + MARGIN + LABEL_WIDTH, insightTop - lineHeight,
          lineHeight);
    }
    shapes.end();

    batch.begin();
    font.setColor(TEXT);
    float y = height - MARGIN;
    for (String l : lines) {
      font.draw(batch, l, MARGIN, y);
      y -= lineHeight;
    }
    float hy = MARGIN / 2 + lineHeight * (keysHelp.size() - 0.25f);
    for (String l : keysHelp) {
      font.draw(batch, l, MARGIN, hy);
      hy -= lineHeight;
    }
    if (insight != null) {
      insightText(batch, insight, s.view(), insightLeft + MARGIN, insightTop - MARGIN / 2,
          lineHeight);
    }
    if (banner != null) {
      font.setColor(BANNER);
      font.draw(batch, banner, 0, height / 2 + lineHeight * 0.4f, width, Align.center, false);
    }
    batch.end();
    Gdx.gl.glDisable(GL20.GL_BLEND);
  }

  /** One bar per action (or per action dimension), in rows below the panel's title row. */
  private static void bars(ShapeRenderer shapes, Insight in, float left, float top, float row) {
    float[] v = in.values();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    float h = row * 0.6f;
    for (int i = 0; i < v.length; i++) {
      float y = top - (i + 1) * row + (row - h) / 2 - row * 0.15f;
      shapes.setColor(i == in.chosen() ? BAR_CHOSEN : BAR);
      switch (in.kind()) {
        case ACTION_VALUES -> {
          // Relative to the worst action: the best is a full bar, the worst a sliver.
          float f = max > min ? (v[i] - min) / (max - min) : 1f;
          shapes.rect(left, y, Math.max(3f, f * BAR_WIDTH), h);
        }
        case ACTION_PROBABILITIES -> shapes.rect(left, y, Math.max(2f, clamp01(v[i]) * BAR_WIDTH), h);
        case GAUSSIAN -> {
          float mid = left + BAR_WIDTH / 2;
          float m = Math.max(-1f, Math.min(1f, v[i]));
          shapes.rect(Math.min(mid, mid + m * BAR_WIDTH / 2), y, Math.max(2f,
              Math.abs(m) * BAR_WIDTH / 2), h);
          float sd = in.std()[i] * BAR_WIDTH / 2;
          shapes.setColor(STD);
          shapes.rect(Math.max(left, mid + m * BAR_WIDTH / 2 - sd), y + h / 2 - 1,
              Math.min(BAR_WIDTH, 2 * sd), 2);
          shapes.rect(mid - 1, y - 2, 2, h + 4);
        }
      }
    }
  }

  private void insightText(SpriteBatch batch, Insight in, GameView<?> view, float left, float top,
      float row) {
    String title = switch (in.kind()) {
      case ACTION_VALUES -> "Q(s, a)   (I hides)";
      case ACTION_PROBABILITIES -> "pi(a | s)   (I hides)";
      case GAUSSIAN -> "mean +- std   (I hides)";
    };
    font.setColor(TEXT);
    font.draw(batch, title, left, top);
    float[] v = in.values();
    for (int i = 0; i < v.length; i++) {
      float y = top - (i + 1) * row;
      font.setColor(i == in.chosen() ? BAR_CHOSEN : TEXT);
      font.draw(batch, view.actionLabel(i), left, y);
      String value = in.kind() == Insight.Kind.GAUSSIAN
          ? String.format(Locale.ROOT, "%+.2f+-%.2f", v[i], in.std()[i])
          : String.format(Locale.ROOT, "%.3f", v[i]);
      font.draw(batch, value, left + LABEL_WIDTH + BAR_WIDTH + 6, y);
    }
    if (!Double.isNaN(in.stateValue())) {
      font.setColor(TEXT);
      font.draw(batch, String.format(Locale.ROOT, "V(s) %.3f", in.stateValue()), left,
          top - (v.length + 1) * row);
    }
  }

  private static float clamp01(float x) {
    return Math.max(0f, Math.min(1f, x));
  }

  private static String banner(Session<?> s, boolean paused) {
    if (s.done() && s.laneCount() == 1) {
      return String.format(Locale.ROOT,
          "episode over: %s   return %.2f   (next seed follows; R replays this one)",
          s.outcome(), s.episodeReturn());
    }
    return paused ? "PAUSED   (Space resumes, period steps once)" : null;
  }
}
