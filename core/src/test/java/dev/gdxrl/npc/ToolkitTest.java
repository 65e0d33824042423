package dev.gdxrl.npc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.PolygonShape;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.box2d.Box2DNatives;
import dev.gdxrl.env.Box;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sensors and actuators against hand-computed values in a small world. */
class ToolkitTest {
  private World world;

  @BeforeAll
  static void natives() {
    Box2DNatives.load();
  }

  @BeforeEach
  void newWorld() {
    world = new World(new Vector2(0, 0), true);
  }

  @AfterEach
  void dispose() {
    world.dispose();
  }

  private Body disc(float x, float y, float radius, String tag) {
    BodyDef def = new BodyDef();
    def.type = BodyDef.BodyType.DynamicBody;
    def.position.set(x, y);
    Body b = world.createBody(def);
    CircleShape c = new CircleShape();
    c.setRadius(radius);
    b.createFixture(c, 1f);
    c.dispose();
    return Tags.tag(b, tag);
  }

  private Body wall(float x, float y, float hw, float hh, String tag) {
    BodyDef def = new BodyDef();
    def.position.set(x, y);
    Body b = world.createBody(def);
    PolygonShape p = new PolygonShape();
    p.setAsBox(hw, hh);
    b.createFixture(p, 0f);
    p.dispose();
    return Tags.tag(b, tag);
  }

  @Test
  void aRayHittingAWallReportsItsDistanceAndTag() {
    Body self = disc(0, 0, 0.5f, "me");
    wall(3.5f, 0, 0.5f, 5f, "wall"); // its near face at x = 3
    wall(0, -7f, 5f, 0.5f, "pit"); // near face at y = -6.5, an unlisted tag
    RaySensor rays = new RaySensor(4, 360, 10f, List.of("wall", "runner"), false);
    Npc<Integer> npc = new Npc<>("n", self, DiscreteMoves.eightWay(1f), List.of(rays));
    float[] obs = npc.observe();
    assertEquals(12, obs.length);
    // Ray 0 along +x meets the wall at 3 m of 10 (the own disc is not seen): tag wall.
    assertEquals(0.3f, obs[0], 1e-4f);
    assertArrayEquals(new float[] {1, 0}, new float[] {obs[1], obs[2]});
    // Ray 1 (+y) meets nothing.
    assertEquals(1f, obs[3], 0f);
    assertArrayEquals(new float[] {0, 0}, new float[] {obs[4], obs[5]});
    // Ray 3 (-y) meets the pit at 6.5 m: distance, but no listed tag.
    assertEquals(0.65f, obs[9], 1e-4f);
    assertArrayEquals(new float[] {0, 0}, new float[] {obs[10], obs[11]});
    assertEquals(0.3f, rays.lastFraction(0), 1e-4f);
    assertEquals(0, rays.lastTag(0));
    assertEquals(-1, rays.lastTag(3));
  }

  @Test
  void theClosestOfTwoBodiesOnARayIsReported() {
    Body self = disc(0, 0, 0.5f, "me");
    wall(8.5f, 0, 0.5f, 5f, "wall");
    disc(4f, 0, 0.5f, "runner"); // near edge at 3.5 m, in front of the wall
    RaySensor rays = new RaySensor(1, 90, 10f, List.of("wall", "runner"), true);
    float[] obs = new Npc<>("n", self, DiscreteMoves.eightWay(1f), List.of(rays)).observe();
    assertEquals(0.35f, obs[0], 1e-4f);
    assertArrayEquals(new float[] {0, 1}, new float[] {obs[1], obs[2]});
  }

  @Test
  void raysInTheBodyFrameTurnWithTheBody() {
    Body self = disc(0, 0, 0.5f, "me");
    wall(0, 2.5f, 5f, 0.5f, "wall"); // near face at y = 2
    self.setTransform(0, 0, (float) (Math.PI / 2)); // heading +y
    RaySensor ahead = new RaySensor(1, 10, 10f, List.of("wall"), true);
    RaySensor world = new RaySensor(1, 10, 10f, List.of("wall"), false);
    Npc<Integer> npc = new Npc<>("n", self, DiscreteMoves.eightWay(1f), List.of(ahead, world));
    float[] obs = npc.observe();
    assertEquals(0.2f, obs[0], 1e-4f); // straight ahead: the wall
    assertEquals(1f, obs[2], 0f); // world +x: nothing
  }

  @Test
  void observationSpaceIsDerivedFromTheSensors() {
    Body self = disc(0, 0, 0.5f, "me");
    Body target = disc(3, 4, 0.5f, "runner");
    Npc<float[]> npc = new Npc<>("n", self, Thrust.planar(1f), List.of(
        new RaySensor(3, 120, 5f, List.of("a", "b"), true),
        new RelativeSensor(target, 10f, 2f, false),
        new VelocitySensor(5f),
        new HeadingSensor(),
        new FloatSensor(0f, 100f, n -> 42)));
    Box space = npc.observationSpace();
    assertEquals(3 * 3 + 4 + 2 + 2 + 1, space.dim());
    assertEquals(-1f, space.low(9), 0f);
    assertEquals(100f, space.high(space.dim() - 1), 0f);
    target.setLinearVelocity(1, -3);
    float[] obs = npc.observe();
    assertEquals(0.3f, obs[9], 1e-6f);
    assertEquals(0.4f, obs[10], 1e-6f);
    assertEquals(0.5f, obs[11], 1e-6f);
    assertEquals(-1f, obs[12], 0f); // -1.5 clipped
    assertEquals(1f, obs[15], 1e-6f); // cos 0
    assertEquals(42f, obs[17], 0f);
    assertEquals(Thrust.planar(1f).space(), npc.actionSpace());
  }

  @Test
  void aDiscreteMoveAppliesTheDocumentedImpulse() {
    Body self = disc(0, 0, 0.5f, "me");
    float mass = self.getMass();
    DiscreteMoves moves = DiscreteMoves.eightWay(10f);
    Npc<Integer> npc = new Npc<>("n", self, moves, List.of(new VelocitySensor(100f)));
    npc.act(3); // north
    npc.applyAction(0.02f);
    // Impulse 10 N x 0.02 s along +y: velocity 0.2 / m.
    assertEquals(0f, self.getLinearVelocity().x, 1e-5f);
    assertEquals(0.2f / mass, self.getLinearVelocity().y, 1e-5f);
    npc.act(2); // north-east, the same force
    npc.applyAction(0.02f);
    float d = (float) (0.2 / Math.sqrt(2) / mass);
    assertEquals(d, self.getLinearVelocity().x, 1e-5f);
    assertEquals(0.2f / mass + d, self.getLinearVelocity().y, 1e-5f);
    assertArrayEquals(new float[] {0, 0}, moves.force(0));
    assertThrows(IllegalArgumentException.class, () -> npc.act(9));
  }

  @Test
  void thrustPushesAlongTheHeadingAndTurns() {
    Body self = disc(0, 0, 0.5f, "me");
    self.setTransform(0, 0, (float) Math.PI); // heading -x
    Npc<float[]> npc = new Npc<>("n", self, Thrust.steering(5f, 2f),
        List.of(new HeadingSensor()));
    npc.act(new float[] {1f, -0.5f});
    npc.applyAction(0.1f);
    assertEquals(-0.5f / self.getMass(), self.getLinearVelocity().x, 1e-5f);
    assertEquals(0f, self.getLinearVelocity().y, 1e-5f);
    assertEquals(-0.1f / self.getInertia(), self.getAngularVelocity(), 1e-4f);
    assertThrows(IllegalArgumentException.class, () -> npc.act(new float[] {2f, 0f}));
  }

  @Test
  void rewardsAreCollectedOncePerDecision() {
    Npc<Integer> npc = new Npc<>("n", disc(0, 0, 0.5f, "me"), DiscreteMoves.eightWay(1f),
        List.of(new HeadingSensor()));
    npc.addReward(1.5);
    npc.addReward(-0.25);
    assertEquals(1.25, npc.takeReward(), 0);
    assertEquals(0, npc.takeReward(), 0);
    assertThrows(IllegalArgumentException.class, () -> npc.addReward(Double.NaN));
  }
}
