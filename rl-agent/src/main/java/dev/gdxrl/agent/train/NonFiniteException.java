package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;

/**
 * Training became non-finite: the loss of an update, or the parameters before an evaluation or a
 * checkpoint, are NaN or infinite (a learning rate far too high, exploding gradients). The run
 * stops there, so that no checkpoint and no kept-best snapshot ever holds such parameters; the
 * message is one line naming the env step. The command line reports it with exit status 1.
 */
public final class NonFiniteException extends RuntimeException {
  private final long envStep;

  public NonFiniteException(long envStep, String what) {
    super("training became non-finite at env step " + envStep + " (" + what + ")");
    this.envStep = envStep;
  }

  private NonFiniteException(long envStep, String message, NonFiniteException cause) {
    super(message, cause);
    this.envStep = envStep;
  }

  /** The same failure, its message followed by {@code more} (what was kept, what to do). */
  public NonFiniteException with(String more) {
    return new NonFiniteException(envStep, getMessage() + more, this);
  }

  /** The env step at which it was found. */
  public long envStep() {
    return envStep;
  }

  /** Throws unless the loss of the update the agent just ran is finite. */
  static void checkLoss(Agent<?> agent, long envStep) {
    double loss = agent.lastLoss();
    if (!Double.isFinite(loss)) {
      throw new NonFiniteException(envStep, "the loss of the update is " + loss);
    }
  }

  /** Throws unless every parameter of the agent is finite. */
  public static void checkParameters(Agent<?> agent, long envStep) {
    if (!agent.parametersFinite()) {
      throw new NonFiniteException(envStep, "the parameters hold NaN or infinite numbers");
    }
  }
}
