package dev.gdxrl.agent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A game that takes gdx-rl-core and gdx-rl-agent for its NPCs gets no Spark: Spark is the sweep
 * command's, provided to the desktop module only. This module's test classpath is its own
 * dependencies (core's included), so Spark must not be found here.
 */
class NoSparkTest {
  @Test
  void sparkIsNotOnTheLibrarysClasspath() {
    assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("scala.Predef"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.fs.FileSystem"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
