package cn.bj.hrss.card.bank.report;

import cn.bj.hrss.card.bank.card.BankCardProjection;
import cn.bj.hrss.card.relay.BackgroundLoop;
import cn.bj.hrss.card.relay.CommandDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The banks' reports, delivered to application-service as commands until each is accepted or
 * refused for good: command-relay's {@link CommandDelivery} (ADR 25), the same delivery as the
 * factory's, with the banks' {@link BankReportPolicy} on the {@code bank_report} table, configured
 * under {@code bank-reports.*}. Reports wait as rows while application-service is away.
 */
@ApplicationScoped
public class ReportDelivery {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final CommandDelivery<BankReport> relay;

  ReportDelivery(BankReports reports, BankCardProjection cards, Config config) {
    BankReportPolicy policy = new BankReportPolicy(cards);
    this.relay =
        CommandDelivery.configured(
            config, "bank-reports", "bank report", LOG, reports.table(), policy);
  }

  public BackgroundLoop loop() {
    return relay.loop();
  }

  void onStart(@Observes StartupEvent event) {
    relay.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    relay.close();
  }
}
