package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.APP;
import static cn.bj.hrss.card.benchmark.Benchmark.ofString;
import static cn.bj.hrss.card.benchmark.Benchmark.say;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full republication (`POST /audit/republish`, README's operations table): the whole event store
 * sent to the card topic again, timed from the request to the topic's end offsets having grown by
 * the number of stored events, against Kafka's own producer on the same broker. Run after the
 * replay, so that the consumers' catch-up is not timed with the republished copies in the way.
 */
final class Republish {

  private final Benchmark benchmark;

  Republish(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  void republish(Map<String, Stats.Summary> kafka) throws Exception {
    long stored = storedEvents();
    if (stored == 0) {
      return;
    }
    Replay replay = new Replay(benchmark);
    long before = sum(replay);
    say("republish: " + stored + " stored events to the card topic again ...");
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        benchmark.http.send(
            benchmark.operatorRequest(benchmark.url(APP) + "/audit/republish", true), ofString());
    if (r.statusCode() != 202) {
      benchmark.report.note("republish answered " + r.statusCode() + ": " + r.body());
      return;
    }
    long deadline = t0 + 30L * 60 * 1_000_000_000L;
    long now = before;
    while (now < before + stored && System.nanoTime() < deadline) {
      Thread.sleep(200);
      now = sum(replay);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (now < before + stored) {
      benchmark.report.note(
          "republish: " + (now - before) + " of " + stored + " events in 30 minutes");
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("storedEvents", stored);
    d.put("seconds", Stats.round(seconds));
    d.put("eventsPerSecond", Stats.round(stored / seconds));
    benchmark.report.details().put("republish", d);
    say("  " + d);
    benchmark.report.row(
        new Report.Row(
            "full republication of the event store (" + stored + " events)",
            "events/s",
            Stats.summary(List.of(stored / seconds)),
            "Kafka ProducerPerformance",
            kafka.get("producer"),
            null));
  }

  private long storedEvents() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                benchmark.infra.postgres().jdbcUrl(),
                benchmark.infra.postgres().user(),
                benchmark.infra.postgres().password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM application.domain_event_entry")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long sum(Replay replay) throws Exception {
    return replay.endOffsets().values().stream().mapToLong(Long::longValue).sum();
  }
}
