package cn.bj.hrss.card.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Gauges whose value costs a query (a count of outbox rows, a consumer group's lag): measured on
 * one background thread every {@code observability.gauge-interval} (10 s by default), so that a
 * scrape of {@code /q/metrics} only reads the last value and never waits for a database or a
 * broker. A gauge reads NaN until its first measurement and after a failed one: "unknown", never a
 * stale number.
 */
@ApplicationScoped
public class PolledGauges {

  public static final String OUTBOX_WAITING = "card.outbox.waiting";

  private static final Logger LOG = Logger.getLogger(PolledGauges.class);

  private final MeterRegistry registry;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "polled-gauges");
            thread.setDaemon(true);
            return thread;
          });

  PolledGauges(MeterRegistry registry) {
    this.registry = registry;
    this.interval =
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("observability.gauge-interval", Duration.class)
            .orElse(Duration.ofSeconds(10));
  }

  /**
   * Registers a gauge {@code name} with {@code tags} (low-cardinality only) whose value is {@code
   * measure}'s answer, measured now and then every interval.
   */
  public void register(String name, String description, Tags tags, Callable<Long> measure) {
    AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
    AtomicBoolean failing = new AtomicBoolean();
    Gauge.builder(name, value, AtomicReference::get)
        .description(description)
        .tags(tags)
        .register(registry);
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            value.set(measure.call().doubleValue());
            failing.set(false);
          } catch (Exception e) {
            value.set(Double.NaN);
            if (scheduler.isShutdown()) {
              return;
            }
            if (failing.compareAndSet(false, true)) {
              LOG.warnf("could not measure %s (it reads NaN until it can): %s", name, e.toString());
            } else {
              LOG.debugf("could not measure %s: %s", name, e.toString());
            }
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Registers {@code card.outbox.waiting{outbox=...}}: the rows of an outbox not yet relayed,
   * counted by {@code countSql} (one row, one number).
   */
  public void registerOutbox(String outbox, DataSource dataSource, String countSql) {
    register(
        OUTBOX_WAITING,
        "Outbox rows waiting to be relayed",
        Tags.of("outbox", outbox),
        () -> {
          try (Connection connection = dataSource.getConnection();
              Statement statement = connection.createStatement();
              ResultSet row = statement.executeQuery(countSql)) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
