package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.config.BackgroundLoop;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Applied;
import cn.bj.hrss.card.bank.report.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Outcome;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Refused;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Retry;
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
 * Delivers the stored bank reports to application-service, each as its command, until it accepted
 * or refused it for good. While application-service is down or slow, reports stay stored and are
 * sent again with a doubling pause (a round then only probes it with a few); pending reports
 * survive a restart, since they are rows. One card's reports go in the order received.
 */
@ApplicationScoped
public class ReportDelivery {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final BankReports reports;
  private final ApplicationServiceClient applicationService;
  private final int batchSize;
  private final int concurrency;
  private final long leaseMs;
  private final long firstBackoffMs;
  private final long maxBackoffMs;
  private final ExecutorService senders;
  private final BackgroundLoop loop;
  private volatile boolean applicationServiceDown;

  ReportDelivery(
      BankReports reports,
      ApplicationServiceClient applicationService,
      @ConfigProperty(name = "bank-reports.delivery.batch-size") int batchSize,
      @ConfigProperty(name = "bank-reports.delivery.concurrency") int concurrency,
      @ConfigProperty(name = "bank-reports.delivery.interval") Duration interval,
      @ConfigProperty(name = "bank-reports.delivery.lease") Duration lease,
      @ConfigProperty(name = "bank-reports.retry.first-backoff") Duration firstBackoff,
      @ConfigProperty(name = "bank-reports.retry.max-backoff") Duration maxBackoff) {
    this.reports = reports;
    this.applicationService = applicationService;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
    this.leaseMs = lease.toMillis();
    this.firstBackoffMs = firstBackoff.toMillis();
    this.maxBackoffMs = maxBackoff.toMillis();
    this.senders =
        Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "bank-report-sender"));
    this.loop = new BackgroundLoop("bank-report-delivery", interval, this::deliverDue);
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
   * does not answer, the rest of the round is put back to wait with the others.
   *
   * @return true if reports were settled and more may be due
   */
  boolean deliverDue() throws Exception {
    List<BankReport> due =
        reports.claimDue(applicationServiceDown ? concurrency : batchSize, leaseMs);
    if (due.isEmpty()) {
      return false;
    }
    AtomicBoolean unreachable = new AtomicBoolean();
    List<Future<?>> sent = new ArrayList<>();
    for (BankReport report : due) {
      sent.add(senders.submit(() -> deliver(report, unreachable)));
    }
    for (Future<?> one : sent) {
      try {
        one.get();
      } catch (ExecutionException e) {
        // The report stays PENDING under its lease; the next attempt reads the card first.
        LOG.errorf(e.getCause(), "could not record what became of a bank report");
        unreachable.set(true);
      }
    }
    applicationServiceDown = unreachable.get();
    return !applicationServiceDown;
  }

  private Void deliver(BankReport report, AtomicBoolean unreachable) throws SQLException {
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
      LOG.infof(
          "bank report %s (%s of card %s by %s) refused: %s",
          report.reportId(),
          report.kind(),
          report.cardId(),
          report.bankCode(),
          refused.refusal().rule());
      reports.refused(report.reportId(), refused.refusal());
    } else if (outcome instanceof Retry retry) {
      unreachable.set(true);
      LOG.infof(
          "bank report %s not delivered (attempt %d): %s; again in %d ms",
          report.reportId(), report.attempts(), retry.error(), backoff);
      reports.retryLater(report.reportId(), retry.error(), backoff);
    }
    return null;
  }

  /** Sends the report, after reading the card first if an earlier attempt's answer was lost. */
  private Outcome attempt(BankReport report) throws IOException, InterruptedException {
    if (report.attempts() > 1) {
      Optional<Outcome> settled =
          DeliveryDecision.beforeResend(report, applicationService.card(report.cardId()));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    Outcome outcome = DeliveryDecision.afterCommand(applicationService.send(report));
    if (outcome instanceof CheckCard check) {
      return DeliveryDecision.afterConflict(
          report, check.refusal(), applicationService.card(report.cardId()));
    }
    return outcome;
  }
}
