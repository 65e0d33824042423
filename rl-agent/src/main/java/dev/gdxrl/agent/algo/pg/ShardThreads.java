package dev.gdxrl.agent.algo.pg;

import java.util.function.IntConsumer;

/**
 * Threads to run one task on at once: lane 0 on the caller, the others on their own threads
 * (the vector env's shard threads, {@link dev.gdxrl.env.VectorEnv#forEachShard}); {@link #run}
 * returns when every lane has finished. The gradient of a minibatch is split over them ({@link
 * ManualActorCritic}).
 */
interface ShardThreads {
  /** Only the calling thread. */
  ShardThreads CALLER = new ShardThreads() {
    @Override
    public int count() {
      return 1;
    }

    @Override
    public void run(IntConsumer task) {
      task.accept(0);
    }
  };

  /** Lanes {@link #run} runs at once. */
  int count();

  /** Runs {@code task.accept(lane)} for every lane, and returns when all have finished. */
  void run(IntConsumer task);
}
