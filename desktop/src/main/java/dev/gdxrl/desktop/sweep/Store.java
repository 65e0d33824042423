package dev.gdxrl.desktop.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a sweep's outputs live: a local directory, or any Hadoop file system URI
 * ({@code hdfs://}, {@code s3a://}, ...) that every Spark executor can write. Paths are relative
 * to the sweep's output ({@code RUN_ID/metrics.csv}). Writes are whole-file and atomic where the
 * file system allows (a temporary name, then a rename), so a killed sweep leaves no half file.
 * Serializable: Spark tasks take it with them.
 */
public abstract class Store implements Serializable {

  /** {@code out} as a store: a URI with a scheme other than {@code file} is a Hadoop one. */
  public static Store of(String out) {
    int colon = out.indexOf("://");
    if (colon > 1 && !out.startsWith("file:")) {
      return new HadoopStore(URI.create(out));
    }
    if (out.startsWith("file:")) {
      return new LocalStore(Path.of(URI.create(out)));
    }
    return new LocalStore(Path.of(out));
  }

  /** The store's root as the user wrote it. */
  public abstract String describe();

  /** The local directory of a local store; null for a Hadoop one. */
  public abstract Path localRoot();

  public final boolean isLocal() {
    return localRoot() != null;
  }

  /** The file's text, or null if there is none. */
  public abstract String read(String rel) throws IOException;

  /** Writes the whole file, replacing any old one. */
  public abstract void write(String rel, byte[] data) throws IOException;

  public void write(String rel, String text) throws IOException {
    write(rel, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes a file or directory tree; nothing if absent. */
  public abstract void delete(String rel) throws IOException;

  /** The local directory where a run writes its checkpoint (a fresh temp one if not local). */
  public abstract Path localRunDir(String runId) throws IOException;

  /** Brings a run's local directory into the store (nothing to do for a local store). */
  public abstract void publish(Path localDir, String runId) throws IOException;

  /** A local directory. */
  static final class LocalStore extends Store {
    private final String root; // a String: Path is not Serializable

    LocalStore(Path root) {
      this.root = root.toString();
    }

    @Override
    public Path localRoot() {
      return Path.of(root);
    }

    @Override
    public String describe() {
      return root;
    }

    @Override
    public String read(String rel) throws IOException {
      try {
        return Files.readString(localRoot().resolve(rel));
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    @Override
    public void write(String rel, byte[] data) throws IOException {
      Path target = localRoot().resolve(rel);
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
      Files.write(tmp, data);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    @Override
    public void delete(String rel) throws IOException {
      Path p = localRoot().resolve(rel);
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(q);
        }
      }
    }

    @Override
    public Path localRunDir(String runId) {
      return localRoot().resolve(runId);
    }

    @Override
    public void publish(Path localDir, String runId) {}
  }
}
