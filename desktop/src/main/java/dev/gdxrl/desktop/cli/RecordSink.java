package dev.gdxrl.desktop.cli;

import dev.gdxrl.desktop.record.EpisodeFile;
import dev.gdxrl.desktop.record.EpisodeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code --record FILE}: writes each finished episode as a line of an {@link EpisodeFile}. A write
 * failure is kept (the game goes on) and reported when the command ends; a file that got no
 * episode, or one {@linkplain #discard() discarded} (the game failed), is removed on close.
 */
final class RecordSink implements Consumer<EpisodeRecord>, AutoCloseable {
  private final Path file;
  private final EpisodeFile.Writer writer;
  private String error;
  private boolean discarded;

  RecordSink(Path file) throws IOException {
    this.file = file;
    this.writer = new EpisodeFile.Writer(file);
  }

  private void write(EpisodeRecord e) {
    try {
      writer.write(e);
    } catch (IOException ex) {
      error = "could not write " + file + ": " + ex.getMessage();
    }
  }

  int episodes() {
    return writer.episodes();
  }

  /** The first write failure, or null. */
  String error() {
    return error;
  }

  Path file() {
    return file;
  }

  /** The run failed: write nothing more and remove the file on {@link #close()}. */
  void discard() {
    discarded = true;
  }

  @Override
  public void accept(EpisodeRecord e) {
    if (error != null || discarded) {
      return;
    }
    write(e);
  }

  @Override
  public void close() throws IOException {
    writer.close();
    if (discarded || writer.episodes() == 0) {
      Files.deleteIfExists(file);
    }
  }
}
