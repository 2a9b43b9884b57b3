package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.say;

import cn.bj.hrss.card.contract.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * What the run left on disk, for the capacity model (docs/capacity.md): the event store's bytes per
 * stored event (table, indexes and TOAST), each service schema's size, and the card topic's bytes
 * per record on one replica.
 */
final class Storage {

  private final Benchmark benchmark;

  Storage(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  void measure() throws Exception {
    Map<String, Object> d = new LinkedHashMap<>();
    try (Connection c =
            DriverManager.getConnection(
                benchmark.infra.postgres().jdbcUrl(),
                benchmark.infra.postgres().user(),
                benchmark.infra.postgres().password());
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*), pg_total_relation_size('application.domain_event_entry')"
                  + " FROM application.domain_event_entry")) {
        r.next();
        long events = r.getLong(1);
        long bytes = r.getLong(2);
        d.put("eventStoreEvents", events);
        d.put("eventStoreBytes", bytes);
        if (events > 0) {
          row(
              "event store: bytes per stored event (table, indexes, TOAST)",
              bytes / (double) events);
        }
      }
      Map<String, Long> schemas = new LinkedHashMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT n.nspname, sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                  + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'benchmark')"
                  + " AND n.nspname NOT LIKE 'pg_toast%' GROUP BY n.nspname ORDER BY 1")) {
        while (r.next()) {
          schemas.put(r.getString(1), r.getLong(2));
        }
      }
      d.put("schemaBytes", schemas);
    }
    try (Admin admin = benchmark.admin()) {
      long bytes = 0;
      for (Map<String, LogDirDescription> dirs :
          admin
              .describeLogDirs(
                  admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList())
              .allDescriptions()
              .get()
              .values()) {
        for (LogDirDescription dir : dirs.values()) {
          for (var replica : dir.replicaInfos().entrySet()) {
            if (replica.getKey().topic().equals(Topics.CARD_LIFECYCLE)) {
              bytes += replica.getValue().size();
            }
          }
        }
      }
      long records =
          new Replay(benchmark).endOffsets().values().stream().mapToLong(Long::longValue).sum();
      d.put("cardTopicBytesOneReplica", bytes);
      d.put("cardTopicRecords", records);
      if (records > 0) {
        row("card topic: bytes per record on one replica (lz4)", bytes / (double) records);
      }
    }
    benchmark.report.details().put("storage", d);
    say("storage: " + d);
  }

  private void row(String what, double value) {
    benchmark.report.row(
        new Report.Row(what, "B", Stats.summary(List.of(value)), null, null, null));
  }
}
