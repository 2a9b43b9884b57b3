package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.production.config.BackgroundLoop;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Applied;
import cn.bj.hrss.card.production.factory.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Outcome;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Refused;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Retry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers the stored factory reports to application-service, each as its command, until
 * application-service accepted or definitively refused it. While application-service is down or
 * slow, reports stay stored and are sent again with a growing pause; the pending ones survive a
 * restart of this service, since they are rows. One card's reports go in the order received.
 */
@ApplicationScoped
public class ReportDelivery {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final FactoryReports reports;
  private final ApplicationServiceClient applicationService;
  private final int batchSize;
  private final int concurrency;
  private volatile boolean applicationServiceDown;
  private final long leaseMs;
  private final long firstBackoffMs;
  private final long maxBackoffMs;
  private final ExecutorService senders;
  private final BackgroundLoop loop;

  ReportDelivery(
      FactoryReports reports,
      ApplicationServiceClient applicationService,
      @ConfigProperty(name = "factory-reports.delivery.batch-size") int batchSize,
      @ConfigProperty(name = "factory-reports.delivery.concurrency") int concurrency,
      @ConfigProperty(name = "factory-reports.delivery.interval") Duration interval,
      @ConfigProperty(name = "factory-reports.delivery.lease") Duration lease,
      @ConfigProperty(name = "factory-reports.retry.first-backoff") Duration firstBackoff,
      @ConfigProperty(name = "factory-reports.retry.max-backoff") Duration maxBackoff) {
    this.reports = reports;
    this.applicationService = applicationService;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
    this.leaseMs = lease.toMillis();
    this.firstBackoffMs = firstBackoff.toMillis();
    this.maxBackoffMs = maxBackoff.toMillis();
    this.senders =
        Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "factory-report-sender"));
    this.loop = new BackgroundLoop("factory-report-delivery", interval, this::deliverDue);
  }

  void start(@Observes StartupEvent startup) {
    loop.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    loop.close();
    senders.shutdownNow();
  }

  public BackgroundLoop loop() {
    return loop;
  }

  /**
   * One round: the due reports, sent in parallel (at most one per card). When application-service
   * does not answer, the rest of the round is put back, to wait with the others.
   *
   * @return true if reports were settled and more may be due
   */
  boolean deliverDue() throws Exception {
    // While application-service does not answer, a round only probes it with a few reports.
    List<FactoryReport> due =
        reports.claimDue(applicationServiceDown ? concurrency : batchSize, leaseMs);
    if (due.isEmpty()) {
      return false;
    }
    AtomicBoolean unreachable = new AtomicBoolean();
    List<Future<?>> sent = new ArrayList<>();
    for (FactoryReport report : due) {
      sent.add(senders.submit(() -> deliver(report, unreachable)));
    }
    for (Future<?> one : sent) {
      try {
        one.get();
      } catch (ExecutionException e) {
        // The report stays PENDING under its lease; the next attempt reads the card first.
        LOG.errorf(e.getCause(), "could not record what became of a factory report");
        unreachable.set(true);
      }
    }
    applicationServiceDown = unreachable.get();
    return !applicationServiceDown;
  }

  private Void deliver(FactoryReport report, AtomicBoolean unreachable) throws SQLException {
    long backoff = DeliveryDecision.backoffMs(report.attempts(), firstBackoffMs, maxBackoffMs);
    if (unreachable.get()) {
      reports.release(report.reportId(), backoff);
      return null;
    }
    Outcome outcome;
    try {
      outcome = attempt(report);
    } catch (IOException e) {
      outcome = new Retry("application-service did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new Retry("interrupted");
    }
    if (outcome instanceof Applied applied) {
      reports.applied(report.reportId(), applied.cardStatus(), applied.detail());
    } else if (outcome instanceof Duplicate duplicate) {
      reports.duplicate(report.reportId(), duplicate.cardStatus(), duplicate.detail());
    } else if (outcome instanceof Refused refused) {
      LOG.warnf(
          "factory report %s (%s of card %s) refused: %s %s",
          report.reportId(),
          report.kind(),
          report.cardId(),
          refused.refusal().rule(),
          refused.refusal().detail());
      reports.refused(report.reportId(), refused.refusal());
    } else if (outcome instanceof Retry retry) {
      unreachable.set(true);
      LOG.infof(
          "factory report %s not delivered (attempt %d): %s; again in %d ms",
          report.reportId(), report.attempts(), retry.error(), backoff);
      reports.retryLater(report.reportId(), retry.error(), backoff);
    }
    return null;
  }

  /** Sends the report, after checking the card first if an earlier attempt's answer was lost. */
  private Outcome attempt(FactoryReport report) throws IOException, InterruptedException {
    if (report.attempts() > 1) {
      Optional<Outcome> settled =
          DeliveryDecision.beforeResend(report, applicationService.card(report.cardId()));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    Outcome outcome = DeliveryDecision.afterCommand(report, applicationService.send(report));
    if (outcome instanceof CheckCard check) {
      return DeliveryDecision.afterConflict(
          report, check.refusal(), applicationService.card(report.cardId()));
    }
    return outcome;
  }
}
