package dev.gdxrl.desktop.game;

import dev.gdxrl.control.Controller;
import dev.gdxrl.desktop.record.EpisodeRecord;
import java.util.List;

/**
 * Plays recorded episodes back: the driver of {@code replay FILE}. It returns the recorded actions
 * in order; {@link #reset()} rewinds to the current episode's first action, and {@link #advance()}
 * moves to the next episode (after the last, the first again) and gives its seed.
 */
final class ReplayController<A> implements Controller<A> {
  static final String NAME = "replay";

  private final List<EpisodeRecord> episodes;
  private int index;
  private int cursor;

  ReplayController(List<EpisodeRecord> episodes) {
    this.episodes = List.copyOf(episodes);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  @SuppressWarnings("unchecked")
  public A decide(float[] observation) {
    EpisodeRecord e = episodes.get(index);
    int t = Math.min(cursor, e.length() - 1);
    cursor++;
    return (A) e.action(t);
  }

  @Override
  public void reset() {
    cursor = 0;
  }

  /** Moves to the next episode and returns its seed. */
  long advance() {
    index = (index + 1) % episodes.size();
    cursor = 0;
    return episodes.get(index).seed();
  }

  EpisodeRecord current() {
    return episodes.get(index);
  }

  int index() {
    return index;
  }

  int size() {
    return episodes.size();
  }
}
