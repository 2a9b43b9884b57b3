package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.relay.BackgroundLoop;
import cn.bj.hrss.card.relay.CommandDelivery;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Delivers the stored factory reports to application-service, each as its command, until it
 * accepted or refused it for good: command-relay's {@link CommandDelivery} (ADR 7, ADR 25) with the
 * factory's {@link FactoryReportPolicy}, on the {@code factory_report} table of {@link
 * FactoryReports}, configured under {@code factory-reports.*}. Pending reports survive a restart,
 * since they are rows; one card's reports go in the order received.
 */
@ApplicationScoped
public class ReportDelivery {

  private static final Logger LOG = Logger.getLogger(ReportDelivery.class);

  private final CommandDelivery<FactoryReport> delivery;

  ReportDelivery(FactoryReports reports, Config config) {
    this.delivery =
        CommandDelivery.configured(
            config,
            "factory-reports",
            "factory report",
            LOG,
            reports.table(),
            new FactoryReportPolicy());
  }

  void start(@Observes StartupEvent startup) {
    delivery.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    delivery.close();
  }

  public BackgroundLoop loop() {
    return delivery.loop();
  }
}
