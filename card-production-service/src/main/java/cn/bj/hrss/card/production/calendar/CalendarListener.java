package cn.bj.hrss.card.production.calendar;

import cn.bj.hrss.card.contract.Topics;
import cn.bj.hrss.card.contract.calendar.OfficialCalendarYearLoaded;
import cn.bj.hrss.card.contract.codec.CalendarCodec;
import cn.bj.hrss.card.deadline.CalendarYear;
import cn.bj.hrss.card.deadline.OfficialCalendar;
import cn.bj.hrss.card.deadline.ProductionDeadlines;
import cn.bj.hrss.card.identity.KafkaClientSecurity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Receives the official calendar from application-service, its one owner (issue 17, ADR 19): reads
 * official-calendar.v1 from the start at every start-up (a handful of records), and for each
 * version newer than the one it counts on, in one transaction, keeps it in official_calendar_year
 * and counts again the due dates of the orders that reach into that year, each change in the
 * order's deadline history. At start-up it also gives a date to every order left without one.
 *
 * <p>An order recorded by the card consumer while a version is being applied may have been counted
 * on the older calendar; the year is counted once more a few seconds later to catch it.
 */
@ApplicationScoped
public class CalendarListener {

  private static final Logger LOG = Logger.getLogger(CalendarListener.class);
  private static final Duration SECOND_PASS = Duration.ofSeconds(5);

  private record Pass(int year, String reason, Instant at) {}

  private final CalendarHolder holder;
  private final DataSource dataSource;
  private final String bootstrapServers;
  private final Deque<Pass> secondPasses = new ArrayDeque<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private Thread thread;

  CalendarListener(
      CalendarHolder holder,
      DataSource dataSource,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.holder = holder;
    this.dataSource = dataSource;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent startup) {
    fillMissingDueDates();
    running = true;
    thread = new Thread(this::run, "official-calendar-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** Orders that got no due date before issue 17 (a year outside the calendar) get one now. */
  void fillMissingDueDates() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      int changed =
          DeadlineRecompute.missing(connection, holder.deadlines(), "补全：此前因日历未覆盖而没有到期日的订单，按现行日历计算");
      connection.commit();
      if (changed > 0) {
        LOG.infof("gave a due date to %d order(s) that had none", changed);
      }
    } catch (SQLException e) {
      LOG.errorf(e, "orders without a due date not filled in (retried at the next start)");
    }
  }

  private void run() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    KafkaClientSecurity.apply(props);
    // Read from the start at every start-up; nothing committed, so the group leaves no offsets.
    props.put(
        ConsumerConfig.GROUP_ID_CONFIG, "card-production-service-calendar-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka =
          new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer = kafka;
        kafka.subscribe(List.of(Topics.OFFICIAL_CALENDAR));
        while (running) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofSeconds(1))) {
            receive(record);
          }
          runDueSecondPasses();
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.errorf(e, "the official calendar listener failed; it starts again in 5 s");
        sleep(Duration.ofSeconds(5));
      }
    }
  }

  private void receive(ConsumerRecord<String, byte[]> record) {
    OfficialCalendarYearLoaded message;
    CalendarYear year;
    try {
      message = CalendarCodec.decode(record.value());
      year = CalendarHolder.toYear(message);
    } catch (RuntimeException e) {
      // Not a calendar application-service would publish: counting on it would be a guess.
      LOG.errorf("official-calendar.v1 offset %d refused: %s", record.offset(), e.getMessage());
      return;
    }
    boolean applied = false;
    while (!applied && running) {
      try {
        applied = apply(message, year);
      } catch (SQLException e) {
        LOG.errorf(
            "calendar %s not applied yet (database): %s; retried in 5 s", message.calendarId(), e);
        sleep(Duration.ofSeconds(5));
      }
    }
  }

  /**
   * Keeps a newer version and counts the year's orders again on it.
   *
   * @return true when done (applied, or not newer than the version in force)
   */
  boolean apply(OfficialCalendarYearLoaded message, CalendarYear year) throws SQLException {
    OfficialCalendar current = holder.current();
    Optional<CalendarYear> known = current.officialYear(year.year());
    if (known.isPresent() && known.get().version() >= year.version()) {
      return true;
    }
    OfficialCalendar newer = current.with(year);
    String reason =
        message.calendarId() + "：" + message.notice() + "（" + message.loadedBy() + "导入）";
    holder.use(newer); // orders recorded from now on count on it
    int changed;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement keep =
          connection.prepareStatement(
              "INSERT INTO official_calendar_year (year, version, calendar_id, notice, loaded_by,"
                  + " loaded_at, days, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, now())"
                  + " ON CONFLICT (year) DO UPDATE SET version = EXCLUDED.version,"
                  + " calendar_id = EXCLUDED.calendar_id, notice = EXCLUDED.notice,"
                  + " loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at,"
                  + " days = EXCLUDED.days, received_at = now()"
                  + " WHERE official_calendar_year.version < EXCLUDED.version")) {
        keep.setInt(1, year.year());
        keep.setInt(2, year.version());
        keep.setString(3, message.calendarId());
        keep.setString(4, message.notice());
        keep.setString(5, message.loadedBy());
        keep.setTimestamp(6, Timestamp.from(message.loadedAt()));
        keep.setString(7, OfficialCalendar.csv(year.listedDays()));
        keep.executeUpdate();
      }
      changed =
          DeadlineRecompute.year(connection, new ProductionDeadlines(newer), year.year(), reason);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      holder.use(current);
      throw e;
    }
    secondPasses.add(new Pass(year.year(), reason, Instant.now().plus(SECOND_PASS)));
    LOG.infof(
        "official calendar %s (%s) applied: %d order(s) got a new due date",
        message.calendarId(), message.notice(), changed);
    return true;
  }

  private void runDueSecondPasses() {
    while (!secondPasses.isEmpty() && secondPasses.peek().at().isBefore(Instant.now())) {
      Pass pass = secondPasses.poll();
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        int changed =
            DeadlineRecompute.year(connection, holder.deadlines(), pass.year(), pass.reason());
        connection.commit();
        if (changed > 0) {
          LOG.infof("second pass of %d: %d more order(s) got a new due date", pass.year(), changed);
        }
      } catch (SQLException e) {
        LOG.errorf("second pass of %d failed (%s); tried again", pass.year(), e);
        secondPasses.add(new Pass(pass.year(), pass.reason(), Instant.now().plus(SECOND_PASS)));
        return;
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
