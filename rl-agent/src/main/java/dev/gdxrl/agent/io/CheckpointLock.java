package dev.gdxrl.agent.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a checkpoint directory R: an exclusive {@link FileChannel#tryLock} on the
 * hidden sibling file {@code .R.lock}, held for a training run's whole life. The operating system
 * releases it when the process ends, however it ends, so a dead run never holds it; the file
 * itself stays once the checkpoint exists (deleting a lock file lets two processes lock two
 * different files). A lock whose file this run created and whose checkpoint was never written (a
 * run refused before it started) removes its file on release, so a refused command leaves
 * nothing on disk.
 */
public final class CheckpointLock implements AutoCloseable {
  private final Path file;
  private final Path dir;
  private final boolean created;
  private final FileChannel channel;
  private final FileLock lock;

  private CheckpointLock(Path file, Path dir, boolean created, FileChannel channel,
      FileLock lock) {
    this.file = file;
    this.dir = dir;
    this.created = created;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of checkpoint directory {@code dir}: {@code .NAME.lock} beside it. */
  public static Path lockFile(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code dir} for a run that writes it.
   *
   * @throws IllegalArgumentException one line when another process (or another run in this one)
   *     holds it, or when the lock file cannot be made
   */
  public static CheckpointLock acquire(Path dir, String option) {
    CheckpointLock l;
    try {
      l = tryAcquire(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + dir + ": cannot create its lock file "
          + lockFile(dir) + ": " + e.getMessage());
    }
    if (l == null) {
      String pid = holder(dir);
      throw new IllegalArgumentException(option + " " + dir + " is being written by another"
          + " running 'gdx-rl train'" + (pid.isEmpty() ? "" : " (pid " + pid + ")")
          + "; wait for it to finish, or pass another --out");
    }
    return l;
  }

  /** The lock of {@code dir}, or null when someone else holds it. */
  static CheckpointLock tryAcquire(Path dir) throws IOException {
    Path file = lockFile(dir);
    Files.createDirectories(file.getParent());
    boolean created = !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already (another run in the same process)
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      return null;
    }
    try {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.US_ASCII)), 0);
    } catch (IOException e) {
      // the pid is only for the message of a refused second writer
    }
    return new CheckpointLock(file, dir, created, ch, lock);
  }

  /** The pid written by the lock's holder, or empty. */
  private static String holder(Path dir) {
    try {
      return Files.readString(lockFile(dir), StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (created && !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.deleteIfExists(file); // still held: nobody else locks this file meanwhile
      } catch (IOException e) {
        // an empty lock file left beside nothing; harmless
      }
    }
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    try {
      channel.close();
    } catch (IOException e) {
      // the process's end releases it
    }
  }
}
