package dev.gdxrl.desktop.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A sweep's outputs on a Hadoop file system (HDFS, S3 through s3a, a shared directory through
 * {@code file:}), through Hadoop's {@link FileSystem} API that comes with Spark. Runs train into
 * a local temporary directory and are copied in when they end.
 */
final class HadoopStore extends Store {
  private final String uri;

  HadoopStore(URI uri) {
    String s = uri.toString();
    this.uri = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private org.apache.hadoop.fs.Path path(String rel) {
    return new org.apache.hadoop.fs.Path(rel.isEmpty() ? uri : uri + "/" + rel);
  }

  private FileSystem fs() throws IOException {
    return FileSystem.get(URI.create(uri), new Configuration());
  }

  @Override
  public String describe() {
    return uri;
  }

  @Override
  public Path localRoot() {
    return null;
  }

  @Override
  public String read(String rel) throws IOException {
    FileSystem fs = fs();
    org.apache.hadoop.fs.Path p = path(rel);
    if (!fs.exists(p)) {
      return null;
    }
    try (InputStream in = fs.open(p)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void write(String rel, byte[] data) throws IOException {
    FileSystem fs = fs();
    org.apache.hadoop.fs.Path target = path(rel);
    org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
        "." + target.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(data);
    }
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  @Override
  public void delete(String rel) throws IOException {
    fs().delete(path(rel), true);
  }

  @Override
  public Path localRunDir(String runId) throws IOException {
    return Files.createTempDirectory("gdx-rl-sweep-").resolve(runId);
  }

  @Override
  public void publish(Path localDir, String runId) throws IOException {
    FileSystem fs = fs();
    fs.delete(path(runId), true);
    fs.copyFromLocalFile(true, true, new org.apache.hadoop.fs.Path(localDir.toUri()),
        path(runId));
    new Store.LocalStore(localDir.getParent()).delete("");
  }
}
