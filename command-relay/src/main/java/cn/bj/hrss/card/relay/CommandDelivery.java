package cn.bj.hrss.card.relay;

import cn.bj.hrss.card.identity.ServiceToken;
import cn.bj.hrss.card.relay.DeliveryDecision.Applied;
import cn.bj.hrss.card.relay.DeliveryDecision.CheckCard;
import cn.bj.hrss.card.relay.DeliveryDecision.Duplicate;
import cn.bj.hrss.card.relay.DeliveryDecision.Outcome;
import cn.bj.hrss.card.relay.DeliveryDecision.Refused;
import cn.bj.hrss.card.relay.DeliveryDecision.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The one delivery of stored reports to application-service, each as its command, until
 * application-service accepted or refused it for good; the same for the factory's reports and the
 * banks' (ADR 25). A report whose earlier attempt may have been applied is looked up in the card
 * first; a refusal is checked against the card before it is final ({@link DeliveryDecision}); the
 * outcome is recorded in the report's table ({@link ReportTable}). The rounds, the concurrency, the
 * backoff and the probing are {@link ReportRelay}'s; what differs between kinds is the {@link
 * ReportPolicy}.
 *
 * @param <R> a stored report
 */
public final class CommandDelivery<R extends StoredReport>
    implements ReportRelay.Sender<R, Outcome>, AutoCloseable {

  private final String what;
  private final Logger log;
  private final CommandClient applicationService;
  private final ReportTable<R> table;
  private final ReportPolicy<R> policy;
  private final ReportRelay<R, Outcome> relay;

  /**
   * @param what what a report is called in the logs and thread names, e.g. "factory report"
   */
  public CommandDelivery(
      String what,
      Logger log,
      ReportRelay.Settings settings,
      CommandClient applicationService,
      ReportTable<R> table,
      ReportPolicy<R> policy) {
    this.what = what;
    this.log = log;
    this.applicationService = applicationService;
    this.table = table;
    this.policy = policy;
    this.relay = new ReportRelay<>(what, log, settings, table, this);
  }

  /**
   * A delivery as a service configures it: application-service's {@code application-service.url}
   * and {@code application-service.timeout}, the service's own token ({@code
   * suite.service-token-file}), and under {@code prefix} the relay's {@code delivery.batch-size},
   * {@code delivery.concurrency}, {@code delivery.interval}, {@code delivery.lease}, {@code
   * retry.first-backoff} and {@code retry.max-backoff}.
   */
  public static <R extends StoredReport> CommandDelivery<R> configured(
      Config config,
      String prefix,
      String what,
      Logger log,
      ReportTable<R> table,
      ReportPolicy<R> policy) {
    ReportRelay.Settings settings =
        new ReportRelay.Settings(
            config.getValue(prefix + ".delivery.batch-size", Integer.class),
            config.getValue(prefix + ".delivery.concurrency", Integer.class),
            config.getValue(prefix + ".delivery.interval", Duration.class),
            config.getValue(prefix + ".delivery.lease", Duration.class),
            config.getValue(prefix + ".retry.first-backoff", Duration.class),
            config.getValue(prefix + ".retry.max-backoff", Duration.class));
    CommandClient client =
        new CommandClient(
            config.getValue("application-service.url", String.class),
            config.getValue("application-service.timeout", Duration.class),
            ServiceToken.fromFile(
                config.getOptionalValue("suite.service-token-file", String.class)));
    return new CommandDelivery<>(what, log, settings, client, table, policy);
  }

  public void start() {
    relay.start();
  }

  @Override
  public void close() {
    relay.close();
  }

  public BackgroundLoop loop() {
    return relay.loop();
  }

  /** Sends the report, after reading the card first if an earlier attempt's answer was lost. */
  @Override
  public Outcome attempt(R report) throws IOException, InterruptedException {
    if (report.attempts() > 1) {
      Optional<Outcome> settled = DeliveryDecision.beforeResend(policy, report, card(report));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    Outcome outcome =
        DeliveryDecision.afterCommand(
            applicationService.send(
                policy.cardId(report),
                policy.commandPath(report),
                policy.caller(report),
                policy.body(report)));
    if (outcome instanceof CheckCard check) {
      return DeliveryDecision.afterRefusal(policy, report, check.refusal(), card(report));
    }
    return outcome;
  }

  @Override
  public Optional<String> settle(R report, Outcome outcome) throws Exception {
    String reportId = report.reportId();
    if (outcome instanceof Applied applied) {
      table.settle(reportId, "APPLIED", null, null, applied.detail(), applied.cardStatus());
    } else if (outcome instanceof Duplicate duplicate) {
      table.settle(reportId, "DUPLICATE", null, null, duplicate.detail(), duplicate.cardStatus());
    } else if (outcome instanceof Refused refused) {
      log.infof(
          "%s %s (%s of card %s by %s) refused: %s",
          what,
          reportId,
          policy.commandPath(report),
          policy.cardId(report),
          policy.caller(report).actorId(),
          refused.rule());
      table.settle(reportId, "REFUSED", refused.rule(), refused.message(), refused.detail(), null);
    } else if (outcome instanceof Retry retry) {
      return Optional.of(retry.error());
    }
    return Optional.empty();
  }

  private Answer card(R report) throws IOException, InterruptedException {
    return applicationService.card(policy.cardId(report), policy.caller(report));
  }
}
