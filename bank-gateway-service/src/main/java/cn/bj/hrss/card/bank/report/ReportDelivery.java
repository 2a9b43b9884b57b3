package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.report.DeliveryDecision.Applied;
import cn.bj.hrss.card.bank.report.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Outcome;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Refused;
import cn.bj.hrss.card.bank.report.DeliveryDecision.Retry;
import cn.bj.hrss.card.relay.BackgroundLoop;
import cn.bj.hrss.card.relay.ReportRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers the stored bank reports to application-service, each as its command, until it accepted
 * or refused it for good. While application-service is down or slow, reports stay stored and are
 * sent again with a doubling pause (a round then only probes it with a few); pending reports
 * survive a restart, since they are rows. One card's reports go in the order received. The rounds,
 * the concurrency, the backoff and the probing are command-relay's {@link ReportRelay}; the store
 * is {@link BankReports} and the meaning of an answer is {@link DeliveryDecision}.
 */
@ApplicationScoped
public class ReportDelivery implements ReportRelay.Sender<BankReport, Outcome> {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final BankReports reports;
  private final ApplicationServiceClient applicationService;
  private final ReportRelay<BankReport, Outcome> relay;

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
    this.relay =
        new ReportRelay<>(
            "bank report",
            LOG,
            new ReportRelay.Settings(
                batchSize, concurrency, interval, lease, firstBackoff, maxBackoff),
            reports,
            this);
  }

  void start(@Observes StartupEvent startup) {
    relay.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    relay.close();
  }

  public BackgroundLoop loop() {
    return relay.loop();
  }

  @Override
  public Optional<String> settle(BankReport report, Outcome outcome) throws SQLException {
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
      return Optional.of(retry.error());
    }
    return Optional.empty();
  }

  /** Sends the report, after reading the card first if an earlier attempt's answer was lost. */
  @Override
  public Outcome attempt(BankReport report) throws IOException, InterruptedException {
    if (report.attempts() > 1) {
      Optional<Outcome> settled =
          DeliveryDecision.beforeResend(report, applicationService.card(report));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    Outcome outcome = DeliveryDecision.afterCommand(applicationService.send(report));
    if (outcome instanceof CheckCard check) {
      return DeliveryDecision.afterConflict(
          report, check.refusal(), applicationService.card(report));
    }
    return outcome;
  }
}
