package dev.gdxrl.example.reach;

import com.badlogic.gdx.math.Vector2;
import com.badlogic.gdx.physics.box2d.Body;
import com.badlogic.gdx.physics.box2d.BodyDef;
import com.badlogic.gdx.physics.box2d.ChainShape;
import com.badlogic.gdx.physics.box2d.CircleShape;
import com.badlogic.gdx.physics.box2d.World;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.RandomSource;
import dev.gdxrl.npc.DiscreteMoves;
import dev.gdxrl.npc.Npc;
import dev.gdxrl.npc.RaySensor;
import dev.gdxrl.npc.RelativeSensor;
import dev.gdxrl.npc.Scene;
import dev.gdxrl.npc.Tags;
import dev.gdxrl.npc.VelocitySensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide's game again, built with the agent toolkit: M balls on one table race to one target,
 * all driven by one shared policy. Each ball is an {@link Npc}: its observation comes from
 * sensors (the target's relative position, its own velocity, 8 rays that see walls and the other
 * balls), its action is one of 5 pushes. Each ball earns the metres it gains toward the target,
 * -0.01 per step, +10 when it gets there; the first to arrive ends the round for all.
 */
public final class ReachTogether extends Scene<Integer> {
  public static final EnvSpec SPEC = new EnvSpec("reach-together", 200, Double.NaN);
  private static final float HALF = 5f;
  private static final float REACHED = 0.75f;
  private final List<Body> balls = new ArrayList<>();
  private final List<Double> distances = new ArrayList<>();
  private Body target;

  public ReachTogether(int balls) {
    super(SPEC, balls, 1 / 30f, 1);   // 30 physics steps a second, a decision at each
  }

  @Override
  protected List<Npc<Integer>> populate(World world, RandomSource rng) {
    ChainShape edge = new ChainShape();
    edge.createLoop(new float[] {-HALF, -HALF, HALF, -HALF, HALF, HALF, -HALF, HALF});
    Tags.tag(world.createBody(new BodyDef()), "wall").createFixture(edge, 0);
    edge.dispose();
    BodyDef mark = new BodyDef();               // the target: a sensor, seen by no ray
    mark.position.set((float) rng.uniform(-4, 4), (float) rng.uniform(-4, 4));
    target = world.createBody(mark);
    CircleShape circle = new CircleShape();
    circle.setRadius(REACHED);
    target.createFixture(circle, 0).setSensor(true);
    circle.dispose();
    balls.clear();
    distances.clear();
    List<Npc<Integer>> npcs = new ArrayList<>();
    DiscreteMoves pushes = new DiscreteMoves(new float[][] {
        {0, 0}, {20, 0}, {-20, 0}, {0, 20}, {0, -20}});   // newtons: none, +x, -x, +y, -y
    for (int i = 0; i < agents(); i++) {
      BodyDef def = new BodyDef();
      def.type = BodyDef.BodyType.DynamicBody;
      def.position.set((float) rng.uniform(-4, 4), (float) rng.uniform(-4, 4));
      def.linearDamping = 1.5f;
      Body ball = Tags.tag(world.createBody(def), "ball");
      circle = new CircleShape();
      circle.setRadius(0.4f);
      ball.createFixture(circle, 1).setRestitution(0.5f);
      circle.dispose();
      balls.add(ball);
      distances.add((double) ball.getPosition().dst(target.getPosition()));
      npcs.add(new Npc<>("ball-" + i, ball, pushes, List.of(
          new RelativeSensor(target, 10f, 10f, false),
          new VelocitySensor(10f),
          new RaySensor(8, 360, 3f, List.of("wall", "ball"), false))));
    }
    return npcs;
  }

  @Override
  protected void afterDecision() {
    for (int i = 0; i < balls.size(); i++) {
      double now = balls.get(i).getPosition().dst(target.getPosition());
      Npc<Integer> npc = npcs().get(i);
      npc.addReward(distances.get(i) - now - 0.01);
      distances.set(i, now);
      if (now < REACHED) {
        npc.addReward(10);
        npc.endEpisode();                      // the round ends for every ball
      }
    }
  }
}
