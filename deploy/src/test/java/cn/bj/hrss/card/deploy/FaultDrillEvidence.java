package cn.bj.hrss.card.deploy;

import cn.bj.hrss.card.infra.LocalInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What FaultDrillIT keeps when it fails. */
final class FaultDrillEvidence {

  private FaultDrillEvidence() {}

  private static final Pattern STUCK =
      Pattern.compile("could not apply (\\w+) #(\\d+) of card ([0-9a-f-]{36})");

  /**
   * On failure, keeps what is needed to tell a lost event from a late or misordered one: for the
   * cards the consumers refused (their logs), the store's rows (global index, sequence, time
   * stamp), the topic's records (partition, offset, the event), and the publisher's tokens; in
   * {@code deploy/target/fault-drill-logs/evidence.txt}.
   */
  static void keep(LocalInfrastructure infra, Path logs) {
    StringBuilder out = new StringBuilder("EVIDENCE of the failed drill\n");
    try {
      Set<String> cards = new LinkedHashSet<>();
      for (String service : DrillSuite.CONSUMERS) {
        Path log = logs.resolve(service + ".log");
        if (Files.exists(log)) {
          Matcher m = STUCK.matcher(Files.readString(log, StandardCharsets.UTF_8));
          while (m.find() && cards.size() < 5) {
            if (cards.add(m.group(3))) {
              out.append(service).append(" refused ").append(m.group(0)).append('\n');
            }
          }
        }
      }
      query(
          infra,
          out,
          "SELECT processor_name, segment, owner, time_stamp, convert_from(token, 'UTF8')"
              + " FROM application.token_entry ORDER BY processor_name, segment");
      for (String card : cards) {
        query(
            infra,
            out,
            "SELECT global_index, sequence_number, payload_type, time_stamp, event_identifier"
                + " FROM application.domain_event_entry WHERE aggregate_identifier = '"
                + card
                + "' ORDER BY sequence_number");
      }
      topic(infra, out, cards);
    } catch (Throwable e) {
      out.append("evidence incomplete: ").append(e).append('\n');
    }
    System.out.println(out);
    try {
      Files.writeString(logs.resolve("evidence.txt"), out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("could not write evidence.txt: " + e);
    }
  }

  private static void query(LocalInfrastructure infra, StringBuilder out, String sql) {
    out.append("SQL ").append(sql).append('\n');
    try (Connection connection =
            DriverManager.getConnection(
                infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      int columns = row.getMetaData().getColumnCount();
      while (row.next()) {
        out.append("  ");
        for (int c = 1; c <= columns; c++) {
          out.append(c > 1 ? " | " : "").append(row.getString(c));
        }
        out.append('\n');
      }
    } catch (Exception e) {
      out.append("  failed: ").append(e).append('\n');
    }
  }

  /** Every record of the topic whose key is one of {@code cards}, read from the beginning. */
  private static void topic(LocalInfrastructure infra, StringBuilder out, Set<String> cards) {
    Properties props = infra.cluster().orElseThrow().adminProperties();
    props.put("group.id", "fault-drill-evidence");
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    String topic = "card-lifecycle.v1";
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(20))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(20));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long read = 0;
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          read++;
          if (cards.contains(record.key())) {
            String value = String.valueOf(record.value());
            out.append("  topic ")
                .append(record.partition())
                .append('@')
                .append(record.offset())
                .append(' ')
                .append(Instant.ofEpochMilli(record.timestamp()))
                .append(' ')
                .append(value, 0, Math.min(400, value.length()))
                .append('\n');
          }
        }
      }
      if (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        out.append("topic NOT read to its end within 60 s\n");
      }
      out.append("topic: ")
          .append(read)
          .append(" records read, end offsets ")
          .append(ends)
          .append('\n');
    } catch (Exception e) {
      out.append("topic not read: ").append(e).append('\n');
    }
  }
}
