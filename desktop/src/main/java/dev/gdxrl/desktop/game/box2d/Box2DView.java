package dev.gdxrl.desktop.game.box2d;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.MathUtils;
import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef.BodyType;
import com.badlogic.gdx.physics.box2d.ChainShape;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.Contact;
import com.badlogic.gdx.physics.box2d.EdgeShape;
import com.badlogic.gdx.physics.box2d.Fixture;
import com.badlogic.gdx.physics.box2d.Joint;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import com.badlogic.gdx.physics.box2d.WorldManifold;
import com.badlogic.gdx.utils.Array;
import dev.gdxrl.box2d.Box2DWorldEnv;
import dev.gdxrl.control.HasKeyBindings;
import dev.gdxrl.control.KeyBindings;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.game.GameView;
import dev.gdxrl.desktop.game.KeyInput;
import dev.gdxrl.desktop.game.KeyboardPolicies;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The view of any game that exposes its Box2D world ({@link Box2DWorldEnv}), with no code of the
 * game's own: every fixture of every body (circles with a radius line showing the angle,
 * polygons, edges, chains), filled in a colour per body (static bodies grey, kinematic teal,
 * dynamic ones each their own hue) with a light outline, joints as lines from each body's origin
 * to its anchor,
 * touching contact points as red squares; bodies interpolated between the last two steps.
 *
 * <p>The camera: at each reset the world rectangle is the bodies' bounds plus a 10 % margin;
 * when bodies leave it, it grows (by a quarter more than needed, so it does not change every
 * frame), up to four times its size at reset; it does not shrink before the next reset. The world
 * is asked for again every frame (envs may build a new one on reset).
 *
 * <p>Keys: the env's {@link KeyBindings} ({@link HasKeyBindings}) or those given to the
 * constructor; else {@link KeyboardPolicies}' defaults (F1..F12 for discrete actions; the zero
 * action for a box).
 *
 * @param <A> the env's action type
 */
public final class Box2DView<A> implements GameView<A> {
  /** Colours of the scene; tests look for them in screenshots. */
  public static final Color BACKGROUND = new Color(0.11f, 0.12f, 0.15f, 1f);
  public static final Color STATIC = new Color(0.45f, 0.47f, 0.5f, 1f);
  public static final Color KINEMATIC = new Color(0.3f, 0.62f, 0.65f, 1f);
  public static final Color JOINT = new Color(0.95f, 0.85f, 0.3f, 1f);
  public static final Color CONTACT = new Color(0.95f, 0.2f, 0.2f, 1f);

  private static final float MARGIN = 0.10f;
  private static final float GROW_EXTRA = 0.25f;
  private static final float MAX_GROWTH = 4f;
  private static final float MIN_SIZE = 1f;
  private static final int CIRCLE_SEGMENTS = 32;

  private final Env<float[], A> env;
  private final Box2DWorldEnv game;
  private final KeyBindings bindings;
  private final Array<Body> bodies = new Array<>();
  private final Array<Body> prevBodies = new Array<>();
  private final java.util.IdentityHashMap<Body, Integer> colourNumbers =
      new java.util.IdentityHashMap<>();
  private final Array<Joint> joints = new Array<>();
  private float[] prevPose = new float[0];
  private final Bounds bounds = new Bounds();
  private final Vector2 v = new Vector2();
  private final Vector2 w = new Vector2();
  private final float[] ring = new float[2 * 9];
  private float left = -5;
  private float bottom = -5;
  private float width = 10;
  private float height = 10;
  private float maxWidth = 40;
  private float maxHeight = 40;
  private int contactsTouching;

  /**
   * The generic view of {@code env}, whose raw game ({@code env.unwrapped()}) must be a {@link
   * Box2DWorldEnv}.
   *
   * @param env the registry env (with wrappers)
   * @param bindings the keys of the human driver; null: the env's own ({@link HasKeyBindings}) or
   *     the defaults. Checked against the env's action space.
   */
  public Box2DView(Env<float[], A> env, KeyBindings bindings) {
    if (!(env.unwrapped() instanceof Box2DWorldEnv g)) {
      throw new IllegalArgumentException("env '" + env.spec().id() + "' does not expose a Box2D"
          + " world (" + Box2DWorldEnv.class.getName() + ")");
    }
    this.env = env;
    this.game = g;
    if (bindings == null && env.unwrapped() instanceof HasKeyBindings k) {
      bindings = k.keyBindings();
    }
    if (bindings != null) {
      bindings.check(env.actionSpace());
    }
    this.bindings = bindings;
  }

  @Override
  public float stepSeconds() {
    return game.stepSeconds();
  }

  @Override
  public float worldWidth() {
    return width;
  }

  @Override
  public float worldHeight() {
    return height;
  }

  @Override
  public float worldLeft() {
    return left;
  }

  @Override
  public float worldBottom() {
    return bottom;
  }

  @Override
  public Color background() {
    return BACKGROUND;
  }

  @Override
  public Policy<float[], A> keyboard(KeyInput keys) {
    return KeyboardPolicies.of(bindings, env.actionSpace(), keys);
  }

  @Override
  public String keysHelp() {
    return KeyboardPolicies.help(bindings, env.actionSpace(), this::actionLabel);
  }

  @Override
  public void afterReset() {
    World world = game.world();
    remember(world);
    numberDynamicBodies(world);
    if (world == null || !measure(world)) {
      return;
    }
    float size = Math.max(Math.max(bounds.width(), bounds.height()), MIN_SIZE);
    float m = MARGIN * size;
    width = Math.max(bounds.width(), MIN_SIZE) + 2 * m;
    height = Math.max(bounds.height(), MIN_SIZE) + 2 * m;
    left = bounds.centreX() - width / 2;
    bottom = bounds.centreY() - height / 2;
    maxWidth = MAX_GROWTH * width;
    maxHeight = MAX_GROWTH * height;
  }

  @Override
  public void beforeStep() {
    remember(game.world());
  }

  @Override
  public void afterStep(A action, Step<float[]> step) {
    World world = game.world();
    if (world == null || !measure(world)) {
      return;
    }
    growToFit();
  }

  /** Grows the rectangle to hold {@link #bounds}, with room to spare, up to the cap. */
  private void growToFit() {
    float[] x = grown(left, width, bounds.minX, bounds.maxX, maxWidth);
    if (x != null) {
      left = x[0];
      width = x[1];
    }
    float[] y = grown(bottom, height, bounds.minY, bounds.maxY, maxHeight);
    if (y != null) {
      bottom = y[0];
      height = y[1];
    }
  }

  /**
   * One axis of {@link #growToFit}: the new {start, size} holding [min, max] with {@link
   * #GROW_EXTRA} spare on the side(s) that grew (less when that would pass {@code cap}), or null
   * when it already fits or when [min, max] alone is wider than {@code cap}.
   */
  static float[] grown(float start, float size, float min, float max, float cap) {
    float end = start + size;
    if (min >= start && max <= end) {
      return null;
    }
    float s = Math.min(start, min);
    float e = Math.max(end, max);
    float needed = e - s;
    if (needed > cap) {
      return null; // a body far away (flying off): keep the frame rather than follow it
    }
    boolean before = min < start;
    boolean after = max > end;
    int sides = (before ? 1 : 0) + (after ? 1 : 0);
    float share = Math.min(GROW_EXTRA * (needed - size) * sides, cap - needed) / sides;
    s -= before ? share : 0;
    e += after ? share : 0;
    return new float[] {s, e - s};
  }

  /**
   * Gives the dynamic bodies their colour numbers in an order that does not depend on native
   * addresses (libGDX lists a world's bodies in hash order): by position at reset, x then y;
   * bodies created later are numbered as they appear.
   */
  private void numberDynamicBodies(World world) {
    colourNumbers.clear();
    if (world == null) {
      return;
    }
    world.getBodies(bodies);
    List<Body> dynamic = new ArrayList<>();
    for (Body b : bodies) {
      if (b.getType() == BodyType.DynamicBody) {
        dynamic.add(b);
      }
    }
    dynamic.sort(java.util.Comparator.<Body>comparingDouble(b -> b.getPosition().x)
        .thenComparingDouble(b -> b.getPosition().y).thenComparingDouble(Body::getMass));
    for (Body b : dynamic) {
      colourNumbers.put(b, colourNumbers.size());
    }
  }

  private int colourNumber(Body b) {
    Integer k = colourNumbers.get(b);
    if (k == null) {
      k = colourNumbers.size();
      colourNumbers.put(b, k);
    }
    return k;
  }

  /** Keeps every body's pose to interpolate from. */
  private void remember(World world) {
    prevBodies.clear();
    if (world == null) {
      return;
    }
    world.getBodies(prevBodies);
    if (prevPose.length < 3 * prevBodies.size) {
      prevPose = new float[3 * prevBodies.size];
    }
    for (int i = 0; i < prevBodies.size; i++) {
      Body b = prevBodies.get(i);
      prevPose[3 * i] = b.getPosition().x;
      prevPose[3 * i + 1] = b.getPosition().y;
      prevPose[3 * i + 2] = b.getAngle();
    }
  }

  /** The bounds of every fixture now; false if the world has none. */
  private boolean measure(World world) {
    bounds.clear();
    world.getBodies(bodies);
    for (Body b : bodies) {
      float x = b.getPosition().x;
      float y = b.getPosition().y;
      float cos = MathUtils.cos(b.getAngle());
      float sin = MathUtils.sin(b.getAngle());
      for (Fixture f : b.getFixtureList()) {
        switch (f.getType()) {
          case Circle -> {
            CircleShape c = (CircleShape) f.getShape();
            Vector2 p = c.getPosition();
            float cx = x + cos * p.x - sin * p.y;
            float cy = y + sin * p.x + cos * p.y;
            bounds.add(cx - c.getRadius(), cy - c.getRadius());
            bounds.add(cx + c.getRadius(), cy + c.getRadius());
          }
          case Polygon -> {
            PolygonShape s = (PolygonShape) f.getShape();
            for (int i = 0; i < s.getVertexCount(); i++) {
              s.getVertex(i, v);
              bounds.add(x + cos * v.x - sin * v.y, y + sin * v.x + cos * v.y);
            }
          }
          case Edge -> {
            EdgeShape s = (EdgeShape) f.getShape();
            s.getVertex1(v);
            bounds.add(x + cos * v.x - sin * v.y, y + sin * v.x + cos * v.y);
            s.getVertex2(v);
            bounds.add(x + cos * v.x - sin * v.y, y + sin * v.x + cos * v.y);
          }
          case Chain -> {
            ChainShape s = (ChainShape) f.getShape();
            for (int i = 0; i < s.getVertexCount(); i++) {
              s.getVertex(i, v);
              bounds.add(x + cos * v.x - sin * v.y, y + sin * v.x + cos * v.y);
            }
          }
          default -> { }
        }
      }
    }
    return !bounds.empty();
  }

  @Override
  public void render(ShapeRenderer shapes, float alpha) {
    World world = game.world();
    if (world == null) {
      return;
    }
    world.getBodies(bodies);
    float px = Math.max(width / Math.max(1, Gdx.graphics.getWidth()),
        height / Math.max(1, Gdx.graphics.getHeight()));
    for (int pass = 0; pass < 2; pass++) {
      use(shapes, pass == 0 ? ShapeRenderer.ShapeType.Filled : ShapeRenderer.ShapeType.Line);
      for (int i = 0; i < bodies.size; i++) {
        Body b = bodies.get(i);
        float x = b.getPosition().x;
        float y = b.getPosition().y;
        float angle = b.getAngle();
        if (i < prevBodies.size && prevBodies.get(i) == b) {
          x = MathUtils.lerp(prevPose[3 * i], x, alpha);
          y = MathUtils.lerp(prevPose[3 * i + 1], y, alpha);
          angle = MathUtils.lerp(prevPose[3 * i + 2], angle, alpha);
        }
        Color fill = colour(b);
        shapes.setColor(pass == 0 ? fill : outline(fill));
        drawBody(shapes, b, x, y, angle, pass == 0, px);
      }
    }
    drawJoints(shapes, world, px);
    drawContacts(shapes, world, px);
    use(shapes, ShapeRenderer.ShapeType.Filled);
  }

  /** Switches the (begun) renderer to {@code type}. */
  private static void use(ShapeRenderer shapes, ShapeRenderer.ShapeType type) {
    if (shapes.getCurrentType() != type) {
      shapes.end();
      shapes.begin(type);
    }
  }

  private void drawBody(ShapeRenderer shapes, Body b, float x, float y, float angle,
      boolean filled, float px) {
    float cos = MathUtils.cos(angle);
    float sin = MathUtils.sin(angle);
    for (Fixture f : b.getFixtureList()) {
      switch (f.getType()) {
        case Circle -> {
          CircleShape c = (CircleShape) f.getShape();
          Vector2 p = c.getPosition();
          float cx = x + cos * p.x - sin * p.y;
          float cy = y + sin * p.x + cos * p.y;
          float r = c.getRadius();
          shapes.circle(cx, cy, r, CIRCLE_SEGMENTS);
          if (!filled) {
            shapes.line(cx, cy, cx + r * cos, cy + r * sin);
          }
        }
        case Polygon -> {
          PolygonShape s = (PolygonShape) f.getShape();
          int n = Math.min(s.getVertexCount(), ring.length / 2);
          for (int k = 0; k < n; k++) {
            s.getVertex(k, v);
            ring[2 * k] = x + cos * v.x - sin * v.y;
            ring[2 * k + 1] = y + sin * v.x + cos * v.y;
          }
          for (int k = 1; k + 1 < n; k++) {
            if (filled) {
              shapes.triangle(ring[0], ring[1], ring[2 * k], ring[2 * k + 1], ring[2 * k + 2],
                  ring[2 * k + 3]);
            }
          }
          if (!filled) {
            for (int k = 0; k < n; k++) {
              int j = (k + 1) % n;
              shapes.line(ring[2 * k], ring[2 * k + 1], ring[2 * j], ring[2 * j + 1]);
            }
          }
        }
        case Edge -> {
          EdgeShape s = (EdgeShape) f.getShape();
          s.getVertex1(v);
          s.getVertex2(w);
          segment(shapes, x, y, cos, sin, v, w, filled, px);
        }
        case Chain -> {
          ChainShape s = (ChainShape) f.getShape();
          int n = s.getVertexCount();
          int segments = s.isLooped() ? n : n - 1;
          for (int k = 0; k < segments; k++) {
            s.getVertex(k, v);
            s.getVertex((k + 1) % n, w);
            segment(shapes, x, y, cos, sin, v, w, filled, px);
          }
        }
        default -> { }
      }
    }
  }

  /** A line segment in body coordinates, 3 px thick (drawn in the filled pass only). */
  private static void segment(ShapeRenderer shapes, float x, float y, float cos, float sin,
      Vector2 a, Vector2 b, boolean filled, float px) {
    if (!filled) {
      return;
    }
    float ax = x + cos * a.x - sin * a.y;
    float ay = y + sin * a.x + cos * a.y;
    float bx = x + cos * b.x - sin * b.y;
    float by = y + sin * b.x + cos * b.y;
    shapes.rectLine(ax, ay, bx, by, 3 * px);
  }

  private void drawJoints(ShapeRenderer shapes, World world, float px) {
    world.getJoints(joints);
    use(shapes, ShapeRenderer.ShapeType.Filled);
    shapes.setColor(JOINT);
    for (Joint j : joints) {
      Vector2 a = j.getAnchorA();
      float ax = a.x;
      float ay = a.y;
      Vector2 pa = j.getBodyA().getPosition();
      shapes.rectLine(pa.x, pa.y, ax, ay, 2 * px);
      Vector2 pb = j.getBodyB().getPosition();
      float bx = pb.x;
      float by = pb.y;
      Vector2 b = j.getAnchorB();
      shapes.rectLine(ax, ay, b.x, b.y, 2 * px);
      shapes.rectLine(b.x, b.y, bx, by, 2 * px);
      shapes.circle(ax, ay, 3 * px, 12);
      shapes.circle(b.x, b.y, 3 * px, 12);
    }
  }

  private void drawContacts(ShapeRenderer shapes, World world, float px) {
    shapes.setColor(CONTACT);
    contactsTouching = 0;
    Array<Contact> contacts = world.getContactList();
    for (int i = 0; i < contacts.size; i++) {
      Contact c = contacts.get(i);
      if (!c.isTouching()) {
        continue;
      }
      contactsTouching++;
      WorldManifold m = c.getWorldManifold();
      Vector2[] points = m.getPoints();
      for (int k = 0; k < m.getNumberOfContactPoints(); k++) {
        shapes.rect(points[k].x - 3 * px, points[k].y - 3 * px, 6 * px, 6 * px);
      }
    }
  }

  /** Static grey, kinematic teal, dynamic bodies a hue each (golden-ratio steps by number). */
  private Color colour(Body b) {
    if (b.getType() == BodyType.StaticBody) {
      return STATIC;
    }
    if (b.getType() == BodyType.KinematicBody) {
      return KINEMATIC;
    }
    return dynamicColour(colourNumber(b));
  }

  /**
   * The fill of the dynamic body numbered {@code index}: numbered by position at reset (x, then
   * y), bodies created later in order of appearance.
   */
  public static Color dynamicColour(int index) {
    float hue = (0.6f + 0.618034f * index) % 1f;
    return new Color().fromHsv(hue * 360f, 0.6f, 0.9f).add(0, 0, 0, 1);
  }

  private static Color outline(Color fill) {
    return new Color(fill).lerp(Color.WHITE, 0.6f);
  }

  @Override
  public void hudLines(List<String> lines) {
    World world = game.world();
    lines.add(String.format(Locale.ROOT,
        "bodies %d   joints %d   contacts %d   view %.1f x %.1f at (%.1f, %.1f)",
        world == null ? 0 : world.getBodyCount(), world == null ? 0 : world.getJointCount(),
        contactsTouching, width, height, left, bottom));
    if (bindings == null && env.actionSpace() instanceof dev.gdxrl.env.Box) {
      lines.add("no keyboard map: the human driver holds the zero action");
    }
  }

  /** Axis-aligned bounds accumulated point by point. */
  private static final class Bounds {
    float minX;
    float minY;
    float maxX;
    float maxY;

    void clear() {
      minX = minY = Float.POSITIVE_INFINITY;
      maxX = maxY = Float.NEGATIVE_INFINITY;
    }

    void add(float x, float y) {
      if (Float.isFinite(x) && Float.isFinite(y)) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }

    boolean empty() {
      return minX > maxX;
    }

    float width() {
      return maxX - minX;
    }

    float height() {
      return maxY - minY;
    }

    float centreX() {
      return (minX + maxX) / 2;
    }

    float centreY() {
      return (minY + maxY) / 2;
    }
  }
}
