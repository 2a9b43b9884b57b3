package cn.bj.hrss.card.consumer.rebuild;

import cn.bj.hrss.card.consumer.rebuild.ProjectionRebuild.State;
import cn.bj.hrss.card.consumer.rebuild.ShadowSchema.Comparison;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a rebuild is (a value: each step of the rebuild publishes a new one).
 *
 * @param from null: every card rebuilt from the start of the topic; else the point in time: the
 *     cards with events at or after it are rebuilt from their whole history, the others carried
 *     over from the live projection as they stand
 * @param cardsRebuilt with {@code from}, the cards with events at or after it
 * @param cardsCarriedOver with {@code from}, the cards carried over
 * @param eventsLeft records of the topic not replayed yet (an estimate while the topic grows)
 * @param liveConsumerPausedMillis how long the live consumer was stopped for the switch
 * @param comparedWithPrevious per projection table, the rebuilt rows against the replaced ones
 * @param identical whether every table came out identical (null before the switch)
 */
public record RebuildProgress(
    String service,
    State state,
    Instant from,
    Long cardsRebuilt,
    Long cardsCarriedOver,
    Instant startedAt,
    Instant finishedAt,
    long eventsApplied,
    long recordsSkipped,
    long eventsPerSecond,
    long eventsLeft,
    Long liveConsumerPausedMillis,
    Map<String, Comparison> comparedWithPrevious,
    Boolean identical,
    String error) {

  /** A service's rebuild before its first run. */
  static RebuildProgress neverRun(String service) {
    return initial(service, State.NEVER_RUN, null, null);
  }

  /** A rebuild that starts now by copying the tables. */
  static RebuildProgress starting(String service, Instant from) {
    return initial(service, State.COPYING, from, Instant.now());
  }

  private static RebuildProgress initial(
      String service, State state, Instant from, Instant startedAt) {
    return new RebuildProgress(
        service, state, from, null, null, startedAt, null, 0, 0, 0, 0, null, Map.of(), null, null);
  }

  /** This progress moved on to {@code state} with what {@code tally} counted so far. */
  RebuildProgress next(Tally tally, State state, String error) {
    long millis = Math.max(1, Duration.between(startedAt, Instant.now()).toMillis());
    boolean finished = state == State.DONE || state == State.FAILED;
    Boolean allIdentical =
        tally.compared.isEmpty()
            ? null
            : tally.compared.values().stream().allMatch(Comparison::identical);
    return new RebuildProgress(
        service,
        state,
        from,
        tally.rebuilt,
        tally.carried,
        startedAt,
        finished ? Instant.now() : null,
        tally.applied,
        tally.skipped,
        tally.applied * 1000 / millis,
        tally.left,
        tally.paused,
        tally.compared,
        allIdentical,
        error);
  }

  /** What a running rebuild has done so far: written by its one thread only. */
  static final class Tally {
    Map<TopicPartition, Long> end = Map.of();
    final Map<TopicPartition, Long> blocked = new HashMap<>();
    long applied;
    long skipped;
    long left;
    Long paused;
    Long rebuilt;
    Long carried;
    Map<String, Comparison> compared = Map.of();
  }
}
