package dev.gdxrl.desktop.game.cartpole;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.MathUtils;
import dev.gdxrl.control.Policy;
import dev.gdxrl.desktop.game.GameView;
import dev.gdxrl.desktop.game.KeyInput;
import dev.gdxrl.env.Step;
import dev.gdxrl.sim.cartpole.CartPoleEnv;
import dev.gdxrl.sim.cartpole.CartPoleSim;
import java.util.List;
import java.util.Locale;

/**
 * Draws the cart-pole: the track with its limits at +-2.4 m, the cart on two wheels and the pole
 * hinged at the cart's centre, interpolated between the last two steps. Reads the env's current
 * {@link CartPoleSim} each time: the env disposes its sim and builds a new one on every reset.
 *
 * <p>Keys: Left/A push left, Right/D push right. CartPole has no "do nothing" action, so with no
 * key held the cart is pushed left and right in turn (no net push).
 */
public final class CartPoleView implements GameView<Integer> {
  /** Colours of the scene; tests look for them in screenshots. */
  public static final Color SKY = new Color(0.93f, 0.95f, 0.98f, 1f);
  public static final Color GROUND = new Color(0.8f, 0.82f, 0.85f, 1f);
  public static final Color TRACK = new Color(0.25f, 0.25f, 0.28f, 1f);
  public static final Color LIMIT = new Color(0.85f, 0.2f, 0.2f, 1f);
  public static final Color CART = new Color(0.2f, 0.4f, 0.8f, 1f);
  public static final Color POLE = new Color(0.9f, 0.55f, 0.15f, 1f);
  public static final Color WHEEL = new Color(0.1f, 0.1f, 0.12f, 1f);

  /** Visible half-width of the rod; the simulated one is thinner than a pixel line. */
  private static final float POLE_DRAW_HALF_WIDTH = 0.04f;
  private static final float WHEEL_RADIUS = 0.07f;
  private static final float TRACK_Y = -CartPoleSim.CART_HALF_HEIGHT - 2 * WHEEL_RADIUS;

  private final CartPoleEnv env;
  private float prevX;
  private float prevTheta;

  /** A view of {@code env}, built before its first reset. */
  public CartPoleView(CartPoleEnv env) {
    if (env == null) {
      throw new IllegalArgumentException("CartPoleView needs an env");
    }
    this.env = env;
  }

  @Override
  public float stepSeconds() {
    return CartPoleSim.DT;
  }

  @Override
  public float worldWidth() {
    return 6.4f;
  }

  @Override
  public float worldHeight() {
    return 3.6f;
  }

  @Override
  public float worldLeft() {
    return -3.2f;
  }

  @Override
  public float worldBottom() {
    return -1.0f;
  }

  @Override
  public Color background() {
    return SKY;
  }

  @Override
  public Policy<float[], Integer> keyboard(KeyInput keys) {
    return new Policy<>() {
      private boolean flip;

      @Override
      public Integer act(float[] observation) {
        boolean left = keys.anyPressed(Keys.LEFT, Keys.A);
        boolean right = keys.anyPressed(Keys.RIGHT, Keys.D);
        if (left != right) {
          return right ? 1 : 0;
        }
        flip = !flip;
        return flip ? 1 : 0;
      }

      @Override
      public void reset() {
        flip = false;
      }
    };
  }

  @Override
  public String keysHelp() {
    return "Left/A, Right/D: push the cart";
  }

  @Override
  public String actionLabel(int index) {
    return index == 0 ? "left" : index == 1 ? "right" : GameView.super.actionLabel(index);
  }

  @Override
  public void afterReset() {
    CartPoleSim sim = env.sim();
    prevX = sim.x();
    prevTheta = sim.theta();
  }

  @Override
  public void beforeStep() {
    CartPoleSim sim = env.sim();
    prevX = sim.x();
    prevTheta = sim.theta();
  }

  @Override
  public void afterStep(Integer action, Step<float[]> step) {}

  /** The cart's x to draw, {@code alpha} of the way from the previous step to the current sim. */
  float cartX(float alpha) {
    return MathUtils.lerp(prevX, env.sim().x(), alpha);
  }

  /** The pole's angle to draw (classic convention, radians), interpolated like {@link #cartX}. */
  float poleTheta(float alpha) {
    return MathUtils.lerp(prevTheta, env.sim().theta(), alpha);
  }

  @Override
  public void render(ShapeRenderer shapes, float alpha) {
    float x = cartX(alpha);
    float theta = poleTheta(alpha);
    float limit = CartPoleEnv.X_THRESHOLD;

    shapes.setColor(GROUND);
    shapes.rect(worldLeft(), worldBottom(), worldWidth(), TRACK_Y - worldBottom());
    shapes.setColor(TRACK);
    shapes.rect(worldLeft(), TRACK_Y - 0.03f, worldWidth(), 0.03f);
    shapes.setColor(LIMIT);
    shapes.rect(-limit - 0.02f, TRACK_Y - 0.03f, 0.04f, 0.25f);
    shapes.rect(limit - 0.02f, TRACK_Y - 0.03f, 0.04f, 0.25f);

    float hw = CartPoleSim.CART_HALF_WIDTH;
    float hh = CartPoleSim.CART_HALF_HEIGHT;
    shapes.setColor(WHEEL);
    shapes.circle(x - hw * 0.6f, TRACK_Y + WHEEL_RADIUS, WHEEL_RADIUS, 20);
    shapes.circle(x + hw * 0.6f, TRACK_Y + WHEEL_RADIUS, WHEEL_RADIUS, 20);
    shapes.setColor(CART);
    shapes.rect(x - hw, -hh, 2 * hw, 2 * hh);

    float length = 2 * CartPoleSim.POLE_HALF_LENGTH;
    float tipX = x + length * MathUtils.sin(theta);
    float tipY = length * MathUtils.cos(theta);
    shapes.setColor(POLE);
    shapes.rectLine(x, 0, tipX, tipY, 2 * POLE_DRAW_HALF_WIDTH);
    shapes.setColor(WHEEL);
    shapes.circle(x, 0, 0.035f, 16);
  }

  @Override
  public void hudLines(List<String> lines) {
    CartPoleSim sim = env.sim();
    lines.add(String.format(Locale.ROOT, "x %+.3f m   theta %+.2f deg",
        sim.x(), Math.toDegrees(sim.theta())));
  }
}
