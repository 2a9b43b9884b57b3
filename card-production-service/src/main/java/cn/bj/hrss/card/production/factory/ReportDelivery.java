package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.production.factory.DeliveryDecision.Applied;
import cn.bj.hrss.card.production.factory.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Outcome;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Refused;
import cn.bj.hrss.card.production.factory.DeliveryDecision.Retry;
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
 * Delivers the stored factory reports to application-service, each as its command, until
 * application-service accepted or definitively refused it. While application-service is down or
 * slow, reports stay stored and are sent again with a growing pause; the pending ones survive a
 * restart of this service, since they are rows. One card's reports go in the order received. The
 * rounds, the concurrency, the backoff and the probing are command-relay's {@link ReportRelay}; the
 * store is {@link FactoryReports} and the meaning of an answer is {@link DeliveryDecision}.
 */
@ApplicationScoped
public class ReportDelivery implements ReportRelay.Sender<FactoryReport, Outcome> {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final FactoryReports reports;
  private final ApplicationServiceClient applicationService;
  private final ReportRelay<FactoryReport, Outcome> relay;

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
    this.relay =
        new ReportRelay<>(
            "factory report",
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
  public Optional<String> settle(FactoryReport report, Outcome outcome) throws SQLException {
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
      return Optional.of(retry.error());
    }
    return Optional.empty();
  }

  /** Sends the report, after checking the card first if an earlier attempt's answer was lost. */
  @Override
  public Outcome attempt(FactoryReport report) throws IOException, InterruptedException {
    if (report.attempts() > 1) {
      Optional<Outcome> settled =
          DeliveryDecision.beforeResend(report, applicationService.card(report));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    Outcome outcome = DeliveryDecision.afterCommand(report, applicationService.send(report));
    if (outcome instanceof CheckCard check) {
      return DeliveryDecision.afterConflict(
          report, check.refusal(), applicationService.card(report));
    }
    return outcome;
  }
}
