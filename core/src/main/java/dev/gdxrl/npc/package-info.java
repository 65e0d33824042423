/**
 * The agent toolkit: turn a game object (a Box2D body) into a learning NPC.
 *
 * <ul>
 *   <li>An {@link dev.gdxrl.npc.Npc} is a body plus {@link dev.gdxrl.npc.Sensor}s, which produce
 *       its observation (rays {@link dev.gdxrl.npc.RaySensor}, a tagged body's relative position
 *       and velocity {@link dev.gdxrl.npc.RelativeSensor}, own velocity {@link
 *       dev.gdxrl.npc.VelocitySensor}, heading {@link dev.gdxrl.npc.HeadingSensor}, any float
 *       {@link dev.gdxrl.npc.FloatSensor}), and an {@link dev.gdxrl.npc.Actuator}, which turns an
 *       action into impulses ({@link dev.gdxrl.npc.DiscreteMoves}, {@link dev.gdxrl.npc.Thrust}).
 *       Observation and action spaces are derived from them.
 *   <li>Rewards and the end of an episode come from game events: {@link
 *       dev.gdxrl.npc.Npc#addReward}, {@link dev.gdxrl.npc.Npc#endEpisode}.
 *   <li>A {@link dev.gdxrl.npc.Scene} is the game's round: it builds the world and its NPCs on
 *       every reset, steps physics {@code decisionPeriod} times per decision (the action is held
 *       in between), and is a {@link dev.gdxrl.env.MultiAgentEnv}: all its NPCs share one policy,
 *       one batched decision per tick. {@link dev.gdxrl.npc.SceneEnv} is the same scene with one
 *       NPC as a plain {@link dev.gdxrl.env.Env}, for every command and learner.
 *   <li>Tags ({@link dev.gdxrl.npc.Tags}) name what a ray hit: a body's user data.
 * </ul>
 */
package dev.gdxrl.npc;
