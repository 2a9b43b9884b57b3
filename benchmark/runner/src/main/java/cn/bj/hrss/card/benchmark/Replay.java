package cn.bj.hrss.card.benchmark;

import static cn.bj.hrss.card.benchmark.Benchmark.CONSUMERS;
import static cn.bj.hrss.card.benchmark.Benchmark.number;
import static cn.bj.hrss.card.benchmark.Benchmark.ofString;
import static cn.bj.hrss.card.benchmark.Benchmark.say;
import static cn.bj.hrss.card.benchmark.Benchmark.text;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.codec.GoldenSamples;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventTypes;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The replay: golden-sample events written to the card topic, how fast each consumer service
 * catches up, and each projection's rebuild from the topic.
 */
final class Replay {

  private final Benchmark benchmark;

  Replay(Benchmark benchmark) {
    this.benchmark = benchmark;
  }

  static final List<Class<? extends CardEvent>> LIFE =
      List.of(
          CardRequested.class,
          CardProduced.class,
          CardDispatched.class,
          CardCollected.class,
          SocialFunctionEnabled.class);

  /**
   * The golden sample of {@code type} for the replay's {@code c}-th card. Each card is a person of
   * its own (a valid, distinct ID number and mobile), as on the programme's real topic: with the
   * golden sample's one person for every card, the projections' per-person lookups (the anti-fraud
   * check of a person's previous mobile) would see hundreds of thousands of cards of one person.
   */
  static byte[] replayEvent(Class<? extends CardEvent> type, String card, int c) {
    byte[] json = GoldenSamples.jsonForCard(EventTypes.require(type), card);
    if (type != CardRequested.class) {
      return json;
    }
    return new String(json, StandardCharsets.UTF_8)
        .replace(GOLDEN_ID_NUMBER, Readiness.idNumber(c))
        .replace(GOLDEN_MOBILE, String.format("137%08d", c))
        .getBytes(StandardCharsets.UTF_8);
  }

  static final String GOLDEN_ID_NUMBER = "11010519491231002X";

  static final String GOLDEN_MOBILE = "13800138000";

  void replay(Map<String, Stats.Summary> kafka) throws Exception {
    int cards = benchmark.size.replayEvents / LIFE.size();
    say(
        "replay: "
            + cards * LIFE.size()
            + " contract events ("
            + cards
            + " cards × 5, golden samples) into "
            + Topics.CARD_LIFECYCLE
            + " ...");
    Map<String, Object> d = new LinkedHashMap<>();
    Properties props = benchmark.infra.kafka().adminProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    long t0 = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int c = 0; c < cards; c++) {
        String card = UUID.randomUUID().toString();
        for (Class<? extends CardEvent> type : LIFE) {
          producer.send(
              new ProducerRecord<>(Topics.CARD_LIFECYCLE, card, replayEvent(type, card, c)));
        }
      }
      producer.flush();
    }
    double injectSeconds = (System.nanoTime() - t0) / 1e9;
    long topicEvents = endOffsets().values().stream().mapToLong(Long::longValue).sum();
    d.put("injectedEvents", cards * LIFE.size());
    d.put("injectSeconds", Stats.round(injectSeconds));
    d.put("eventsInTopic", topicEvents);
    say(
        String.format(
            "  injected in %.1f s; %d events in the topic; waiting for the three consumers to catch up (all three at once) ...",
            injectSeconds, topicEvents));
    Map<String, Object> catchUp = new LinkedHashMap<>();
    Map<String, Double> done = waitForGroups(List.of(CONSUMERS), t0, Duration.ofMinutes(60));
    done.forEach(
        (g, s) ->
            catchUp.put(
                g,
                Map.of(
                    "seconds",
                    Stats.round(s),
                    "eventsPerSecond",
                    Stats.round(cards * LIFE.size() / s))));
    d.put("liveCatchUpAllThreeAtOnce", catchUp);
    say("  caught up: " + catchUp);
    Map<String, Stats.Summary> rebuild = new LinkedHashMap<>();
    if (benchmark.size.rebuild) {
      for (String consumer : CONSUMERS) {
        if (!benchmark.services.containsKey(consumer)) continue;
        List<Double> rates = new ArrayList<>();
        int rebuildRepeats =
            benchmark.size.rebuildRepeats < 0
                ? benchmark.size.repeats
                : benchmark.size.rebuildRepeats;
        for (int r = 0; r < rebuildRepeats; r++) {
          Suite.Service s = benchmark.services.get(consumer);
          Path jfr = benchmark.work.resolve(consumer + "-rebuild.jfr");
          boolean profile = benchmark.size.profile && r == 0;
          if (profile) s.startJfr(jfr);
          HttpResponse<String> resp =
              benchmark.http.send(
                  benchmark.operatorRequest(s.url() + "/projection/rebuild", true), ofString());
          if (resp.statusCode() != 202) {
            benchmark.report.note(
                consumer + " rebuild answered " + resp.statusCode() + ": " + resp.body());
            break;
          }
          // The rebuild's own progress: events applied from the copy's start to the switch.
          String progress;
          do {
            Thread.sleep(500);
            progress =
                benchmark
                    .http
                    .send(
                        benchmark.operatorRequest(s.url() + "/projection/rebuild", false),
                        ofString())
                    .body();
          } while (!progress.contains("\"state\":\"DONE\"")
              && !progress.contains("\"state\":\"FAILED\""));
          if (profile) {
            s.stopJfr();
            d.put("jfr " + consumer + " rebuild", JfrSummary.summarise(jfr, 15));
          }
          if (progress.contains("\"state\":\"FAILED\"")) {
            benchmark.report.note(consumer + " rebuild failed: " + progress);
            break;
          }
          long applied = number(progress, "eventsApplied");
          long millis =
              Duration.between(
                      java.time.Instant.parse(text(progress, "startedAt")),
                      java.time.Instant.parse(text(progress, "finishedAt")))
                  .toMillis();
          double rate = applied * 1000.0 / Math.max(1, millis);
          rates.add(rate);
          d.put(consumer + " rebuild " + (r + 1), progress);
          say(
              String.format(
                  "  %s rebuild %d: %d events in %.1f s = %.0f events/s (identical: %s)",
                  consumer,
                  r + 1,
                  applied,
                  millis / 1000.0,
                  rate,
                  progress.contains("\"identical\":true")));
        }
        rebuild.put(consumer, Stats.summary(rates));
        d.put(consumer + " rebuildEventsPerSecond", Stats.summary(rates).toMap());
      }
    }
    benchmark.report.details().put("replay", d);
    for (String g : CONSUMERS) {
      if (done.containsKey(g)) {
        benchmark.report.row(
            new Report.Row(
                "live catch-up of "
                    + g
                    + " ("
                    + cards * LIFE.size()
                    + " events, three services at once)",
                "events/s",
                Stats.summary(List.of(cards * LIFE.size() / done.get(g))),
                "Kafka ConsumerPerformance",
                kafka.get("consumer"),
                "ratio ≥0.15"));
      }
    }
    for (var e : rebuild.entrySet()) {
      benchmark.report.row(
          new Report.Row(
              "rebuild of " + e.getKey() + " (whole topic, " + topicEvents + " events)",
              "events/s",
              e.getValue(),
              "Kafka ConsumerPerformance",
              kafka.get("consumer"),
              "ratio ≥0.15"));
    }
    benchmark.report.row(
        new Report.Row(
            "publication: inject "
                + cards * LIFE.size()
                + " events with a Kafka producer (one run)",
            "events/s",
            Stats.summary(List.of(cards * LIFE.size() / injectSeconds)),
            "Kafka ProducerPerformance",
            kafka.get("producer"),
            null));
  }

  Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin = benchmark.admin()) {
      int partitions =
          admin
              .describeTopics(List.of(Topics.CARD_LIFECYCLE))
              .allTopicNames()
              .get()
              .get(Topics.CARD_LIFECYCLE)
              .partitions()
              .size();
      Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
      for (int p = 0; p < partitions; p++)
        specs.put(new TopicPartition(Topics.CARD_LIFECYCLE, p), OffsetSpec.latest());
      Map<TopicPartition, Long> out = new LinkedHashMap<>();
      admin.listOffsets(specs).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    }
  }

  /** Seconds from {@code start} until each group's committed offsets reach the topic's end. */
  private Map<String, Double> waitForGroups(List<String> groups, long start, Duration timeout)
      throws Exception {
    Map<String, Double> done = new LinkedHashMap<>();
    Map<TopicPartition, Long> end = endOffsets();
    long deadline = start + timeout.toNanos();
    try (Admin admin = benchmark.admin()) {
      while (done.size() < groups.size() && System.nanoTime() < deadline) {
        for (String g : groups) {
          if (done.containsKey(g)) continue;
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
          boolean caughtUp = true;
          for (var e : end.entrySet()) {
            OffsetAndMetadata o = committed.get(e.getKey());
            if (e.getValue() > 0 && (o == null || o.offset() < e.getValue())) {
              caughtUp = false;
            }
          }
          if (caughtUp) done.put(g, (System.nanoTime() - start) / 1e9);
        }
        Thread.sleep(100);
      }
    }
    for (String g : groups) {
      if (!done.containsKey(g)) benchmark.report.note(g + " did not catch up within " + timeout);
    }
    return done;
  }
}
