package dev.gdxrl.desktop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both stores: a local directory and a Hadoop file system (here Hadoop's local one). */
class StoreTest {
  @TempDir Path dir;

  @Test
  void aHadoopStoreReadsWritesPublishesAndDeletes() throws IOException {
    Store s = new HadoopStore(dir.resolve("out").toUri());
    assertThat(s.isLocal()).isFalse();
    assertThat(s.read("a/x.json")).isNull();
    s.write("a/x.json", "one");
    s.write("a/x.json", "two"); // replaced whole
    assertThat(s.read("a/x.json")).isEqualTo("two");
    Path local = s.localRunDir("run-1");
    Files.createDirectories(local);
    Files.writeString(local.resolve("metrics.csv"), "kind,env_step\n");
    s.publish(local, "run-1");
    assertThat(s.read("run-1/metrics.csv")).isEqualTo("kind,env_step\n");
    assertThat(local).doesNotExist(); // the temporary copy is gone
    s.delete("run-1");
    assertThat(s.read("run-1/metrics.csv")).isNull();
  }

  @Test
  void uriSchemesChooseTheStore() throws IOException {
    assertThat(Store.of(dir.toString()).isLocal()).isTrue();
    assertThat(Store.of(dir.toUri().toString()).isLocal()).isTrue();
    assertThat(Store.of("hdfs://namenode:8020/sweeps/a").isLocal()).isFalse();
    Store local = Store.of(dir.resolve("l").toString());
    local.write("r/sweep-run.json", "{}");
    assertThat(Files.readString(dir.resolve("l/r/sweep-run.json"))).isEqualTo("{}");
    try (var files = Files.list(dir.resolve("l/r"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sweep-run.json");
    }
  }
}
