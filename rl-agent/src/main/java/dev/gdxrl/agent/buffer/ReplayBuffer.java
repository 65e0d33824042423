package dev.gdxrl.agent.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.random.RandomGenerator;

/**
 * Fixed-capacity ring of transitions in primitive arrays: observation, action, reward, next
 * observation and the terminated flag. Truncation is not stored: a truncated transition is stored
 * with its real final observation and {@code terminated = false}, so the learner bootstraps from
 * it. Sampling is uniform with replacement, using the caller's seeded generator, into a {@link
 * Batch} the caller owns (no allocation per sample).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int obsDim;
  private final float[] obs;
  private final float[] nextObs;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] terminated;
  private final int[] horizons;
  private int next;
  private int size;
  private long added;

  public ReplayBuffer(int capacity, int obsDim) {
    if (capacity < 1 || obsDim < 1) {
      throw new IllegalArgumentException(
          "replay buffer needs capacity and obsDim >= 1, got " + capacity + ", " + obsDim);
    }
    this.capacity = capacity;
    this.obsDim = obsDim;
    obs = new float[capacity * obsDim];
    nextObs = new float[capacity * obsDim];
    actions = new int[capacity];
    rewards = new float[capacity];
    terminated = new boolean[capacity];
    horizons = new int[capacity];
  }

  /** Stores one transition, overwriting the oldest when full. The arrays are copied. */
  public void add(float[] o, int action, double reward, float[] nextO, boolean term) {
    add(o, action, reward, nextO, term, 1);
  }

  /**
   * Stores an n-step transition: {@code reward} is the discounted sum of the {@code horizon}
   * rewards after {@code o}, and {@code nextO} the observation {@code horizon} steps later (the
   * learner bootstraps with gamma^horizon unless {@code term}).
   */
  public void add(float[] o, int action, double reward, float[] nextO, boolean term,
      int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    if (o.length != obsDim || nextO.length != obsDim) {
      throw new IllegalArgumentException("observation length " + o.length + "/" + nextO.length
          + " does not match buffer obsDim " + obsDim);
    }
    System.arraycopy(o, 0, obs, next * obsDim, obsDim);
    System.arraycopy(nextO, 0, nextObs, next * obsDim, obsDim);
    actions[next] = action;
    rewards[next] = (float) reward;
    terminated[next] = term;
    horizons[next] = horizon;
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    added++;
  }

  /** Fills {@code out} with {@code out.size()} transitions drawn uniformly with {@code rng}. */
  public void sample(RandomGenerator rng, Batch out) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    if (out.obsDim() != obsDim) {
      throw new IllegalArgumentException("batch obsDim " + out.obsDim() + " != " + obsDim);
    }
    for (int b = 0; b < out.size(); b++) {
      int i = rng.nextInt(size);
      out.indices()[b] = i;
      System.arraycopy(obs, i * obsDim, out.obs(), b * obsDim, obsDim);
      System.arraycopy(nextObs, i * obsDim, out.nextObs(), b * obsDim, obsDim);
      out.actions()[b] = actions[i];
      out.rewards()[b] = rewards[i];
      out.terminated()[b] = terminated[i];
      out.horizons()[b] = horizons[i];
    }
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public int obsDim() {
    return obsDim;
  }

  /** Transitions ever added (also those since overwritten). */
  public long added() {
    return added;
  }

  private static final int MAGIC = 0x47445242; // "GDRB"
  private static final int FORMAT = 1;
  private static final int HEADER_BYTES = 6 * 4 + 8;
  private static final int CHUNK_BYTES = 1 << 20;

  /**
   * Writes the buffer to {@code file}: a header (magic, format, capacity, obsDim, size, next
   * slot, transitions ever added) and then slots {@code 0..size-1} as they lie (observation, next
   * observation, action, reward, terminated, horizon), little-endian, in chunks of about 1 MiB.
   */
  public void write(Path file) throws IOException {
    int row = rowBytes();
    int rowsPerChunk = Math.max(1, CHUNK_BYTES / row);
    ByteBuffer buf = ByteBuffer.allocate(Math.max(HEADER_BYTES, rowsPerChunk * row))
        .order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      buf.putInt(MAGIC).putInt(FORMAT).putInt(capacity).putInt(obsDim).putInt(size).putInt(next)
          .putLong(added);
      drain(buf, ch);
      for (int i = 0; i < size; i++) {
        for (int k = 0; k < obsDim; k++) {
          buf.putFloat(obs[i * obsDim + k]);
        }
        for (int k = 0; k < obsDim; k++) {
          buf.putFloat(nextObs[i * obsDim + k]);
        }
        buf.putInt(actions[i]).putFloat(rewards[i]).put((byte) (terminated[i] ? 1 : 0))
            .putInt(horizons[i]);
        if (buf.remaining() < row) {
          drain(buf, ch);
        }
      }
      drain(buf, ch);
    }
  }

  private static void drain(ByteBuffer buf, FileChannel ch) throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    buf.clear();
  }

  private static void fill(ByteBuffer buf, FileChannel ch, int bytes) throws IOException {
    buf.clear().limit(bytes);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
    buf.flip();
  }

  /**
   * Replaces this buffer's contents with those written by {@link #write}. With the same capacity
   * the slots come back as they were (the same samples for the same generator); with another
   * capacity the transitions are added again oldest first, so the newest ones are kept. Nothing
   * changes if the file is refused.
   *
   * @throws IOException if the file is not such a buffer, is truncated, or has another
   *     observation size (the message says which)
   */
  public void read(Path file) throws IOException {
    String name = file.getFileName().toString();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int row = rowBytes();
      int rowsPerChunk = Math.max(1, CHUNK_BYTES / row);
      ByteBuffer buf = ByteBuffer.allocate(Math.max(HEADER_BYTES, rowsPerChunk * row))
          .order(ByteOrder.LITTLE_ENDIAN);
      if (ch.size() < HEADER_BYTES) {
        throw new IOException(name + " is not a replay buffer file");
      }
      fill(buf, ch, HEADER_BYTES);
      if (buf.getInt() != MAGIC) {
        throw new IOException(name + " is not a replay buffer file");
      }
      int format = buf.getInt();
      if (format != FORMAT) {
        throw new IOException(name + " has replay buffer format " + format + ", this build reads "
            + FORMAT);
      }
      int cap = buf.getInt();
      int dim = buf.getInt();
      int n = buf.getInt();
      int nxt = buf.getInt();
      long total = buf.getLong();
      if (dim != obsDim) {
        throw new IOException(name + " holds observations of size " + dim + ", expected "
            + obsDim);
      }
      if (cap < 1 || n < 0 || n > cap || nxt < 0 || nxt >= cap || total < n
          || (n < cap && nxt != n % cap)) {
        throw new IOException(name + " has an inconsistent header (capacity " + cap + ", size "
            + n + ", next " + nxt + ")");
      }
      long expected = (long) n * row;
      if (ch.size() - HEADER_BYTES != expected) {
        throw new IOException(name + " is truncated or too long: " + (ch.size() - HEADER_BYTES)
            + " bytes of transitions, expected " + expected);
      }
      float[] o = new float[n * obsDim];
      float[] no = new float[n * obsDim];
      int[] a = new int[n];
      float[] r = new float[n];
      boolean[] t = new boolean[n];
      int[] h = new int[n];
      for (int i = 0; i < n; i += rowsPerChunk) {
        int rows = Math.min(rowsPerChunk, n - i);
        fill(buf, ch, rows * row);
        for (int j = i; j < i + rows; j++) {
          for (int k = 0; k < obsDim; k++) {
            o[j * obsDim + k] = buf.getFloat();
          }
          for (int k = 0; k < obsDim; k++) {
            no[j * obsDim + k] = buf.getFloat();
          }
          a[j] = buf.getInt();
          r[j] = buf.getFloat();
          t[j] = buf.get() != 0;
          h[j] = buf.getInt();
          if (h[j] < 1) {
            throw new IOException(name + " has a transition with horizon " + h[j]);
          }
        }
      }
      restore(o, no, a, r, t, h, n, cap, nxt, total);
    }
  }

  private void restore(float[] o, float[] no, int[] a, float[] r, boolean[] t, int[] h, int n,
      int cap, int nxt, long total) {
    if (cap == capacity) {
      System.arraycopy(o, 0, obs, 0, o.length);
      System.arraycopy(no, 0, nextObs, 0, no.length);
      System.arraycopy(a, 0, actions, 0, n);
      System.arraycopy(r, 0, rewards, 0, n);
      System.arraycopy(t, 0, terminated, 0, n);
      System.arraycopy(h, 0, horizons, 0, n);
      size = n;
      next = nxt;
      added = total;
      return;
    }
    size = 0;
    next = 0;
    int oldest = n < cap ? 0 : nxt;
    float[] oi = new float[obsDim];
    float[] ni = new float[obsDim];
    for (int j = 0; j < n; j++) {
      int i = (oldest + j) % n;
      System.arraycopy(o, i * obsDim, oi, 0, obsDim);
      System.arraycopy(no, i * obsDim, ni, 0, obsDim);
      add(oi, a[i], r[i], ni, t[i], h[i]);
    }
    added = total;
  }

  private int rowBytes() {
    return 2 * obsDim * 4 + 4 + 4 + 1 + 4;
  }

  /**
   * A minibatch, one row per sampled transition, in flat primitive arrays (row-major: {@code
   * obs[b * obsDim + i]}) that {@link #sample} overwrites: allocate one with {@link
   * #Batch(int, int)} and reuse it.
   *
   * @param size rows
   * @param obsDim observation size
   * @param obs each row's observation s (size x obsDim)
   * @param actions each row's action a
   * @param rewards each row's reward r (the discounted sum of {@code horizon} rewards if n-step)
   * @param nextObs each row's next observation s' (size x obsDim)
   * @param terminated whether s' is terminal (then no bootstrap; a truncation is not)
   * @param horizons env steps between s and s' (1 unless n-step): bootstrap with gamma^horizon
   * @param indices buffer slots the rows came from (for tests and diagnostics)
   */
  public record Batch(int size, int obsDim, float[] obs, int[] actions, float[] rewards,
      float[] nextObs, boolean[] terminated, int[] horizons, int[] indices) {
    public Batch {
      if (size < 1 || obsDim < 1) {
        throw new IllegalArgumentException("batch needs size and obsDim >= 1");
      }
      if (obs.length != size * obsDim || nextObs.length != size * obsDim
          || actions.length != size || rewards.length != size || terminated.length != size
          || horizons.length != size || indices.length != size) {
        throw new IllegalArgumentException("a batch of " + size + " rows of " + obsDim
            + " needs arrays of " + size + " rows");
      }
    }

    /** An empty batch of {@code size} rows (horizons 1), to sample into. */
    public Batch(int size, int obsDim) {
      this(size, obsDim, new float[rows(size, obsDim) * obsDim], new int[size],
          new float[size], new float[size * obsDim], new boolean[size], ones(size),
          new int[size]);
    }

    private static int rows(int size, int obsDim) {
      if (size < 1 || obsDim < 1) {
        throw new IllegalArgumentException("batch needs size and obsDim >= 1");
      }
      return size;
    }

    private static int[] ones(int n) {
      int[] a = new int[n];
      java.util.Arrays.fill(a, 1);
      return a;
    }
  }
}
