package cn.bj.hrss.card.application.calendar;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.CalendarCodec;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import cn.bj.hrss.card.identity.KeptTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the loaded calendar versions to {@code official-calendar.v1} (outbox relay, no dual
 * write): it locks the unpublished versions, sends them keyed by year with an idempotent producer
 * (acks=all), waits for the acknowledgements and only then marks them published, in the same
 * transaction. A failure leaves them to be sent again; readers keep the highest version of a year,
 * so a version sent twice changes nothing.
 */
@ApplicationScoped
public class CalendarRelay {

  private static final Logger LOG = Logger.getLogger(CalendarRelay.class);

  private final DataSource dataSource;
  private final String bootstrapServers;
  private final short replicationFactor;
  private final Duration interval;
  private volatile KafkaProducer<String, byte[]> producer;
  private volatile boolean topicReady;
  private ScheduledExecutorService executor;

  CalendarRelay(
      DataSource dataSource,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "card-events.replication-factor") short replicationFactor,
      @ConfigProperty(name = "official-calendar.relay-interval", defaultValue = "2s")
          Duration interval) {
    this.dataSource = dataSource;
    this.bootstrapServers = bootstrapServers;
    this.replicationFactor = replicationFactor;
    this.interval = interval;
  }

  void start(@Observes StartupEvent startup) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "official-calendar-relay");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (executor != null) {
      executor.shutdownNow();
    }
    KafkaProducer<String, byte[]> current = producer;
    if (current != null) {
      current.close(Duration.ofSeconds(5));
    }
  }

  private void round() {
    try {
      publishPending();
    } catch (Exception e) {
      LOG.warnf("official calendar not published yet, retried in %s: %s", interval, e.toString());
    }
  }

  /** Publishes every unpublished version; returns how many. */
  @Transactional(rollbackOn = Exception.class)
  public int publishPending() throws Exception {
    if (!topicReady) {
      Properties admin = new Properties();
      admin.put("bootstrap.servers", bootstrapServers);
      KafkaClientSecurity.apply(admin);
      KeptTopics.ensure(admin, Topics.OFFICIAL_CALENDAR, 1, replicationFactor);
      topicReady = true;
    }
    try (Connection connection = dataSource.getConnection()) {
      List<int[]> pending = new ArrayList<>();
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT year, version FROM official_calendar_year WHERE published_at IS NULL"
                      + " ORDER BY loaded_at, year, version FOR UPDATE SKIP LOCKED");
          ResultSet row = select.executeQuery()) {
        while (row.next()) {
          pending.add(new int[] {row.getInt(1), row.getInt(2)});
        }
      }
      if (pending.isEmpty()) {
        return 0;
      }
      List<OfficialCalendarYearLoaded> all = CalendarStore.versions(connection, null);
      for (int[] key : pending) {
        OfficialCalendarYearLoaded version =
            all.stream()
                .filter(v -> v.year() == key[0] && v.version() == key[1])
                .findFirst()
                .orElseThrow();
        producer()
            .send(
                new ProducerRecord<>(
                    Topics.OFFICIAL_CALENDAR,
                    Integer.toString(version.year()),
                    CalendarCodec.encode(version)))
            .get(45, TimeUnit.SECONDS);
      }
      try (PreparedStatement mark =
          connection.prepareStatement(
              "UPDATE official_calendar_year SET published_at = now()"
                  + " WHERE year = ? AND version = ?")) {
        for (int[] key : pending) {
          mark.setInt(1, key[0]);
          mark.setInt(2, key[1]);
          mark.addBatch();
        }
        mark.executeBatch();
      }
      LOG.infof(
          "published %d official calendar version(s) to %s",
          pending.size(), Topics.OFFICIAL_CALENDAR);
      return pending.size();
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      KafkaClientSecurity.apply(props);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "40000");
      producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }
}
