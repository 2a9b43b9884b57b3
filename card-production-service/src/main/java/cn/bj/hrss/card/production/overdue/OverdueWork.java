package cn.bj.hrss.card.production.overdue;

import cn.bj.hrss.card.relay.BackgroundLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the overdue check and the alert relay in the background, from start-up to shutdown. */
@ApplicationScoped
public class OverdueWork {

  private final BackgroundLoop check;
  private final BackgroundLoop relay;
  private final AlertRelay alertRelay;

  OverdueWork(
      OverdueAlerts alerts,
      AlertRelay alertRelay,
      @ConfigProperty(name = "production.overdue-check.interval") Duration checkInterval,
      @ConfigProperty(name = "production-alerts.relay-interval") Duration relayInterval) {
    this.alertRelay = alertRelay;
    this.check =
        new BackgroundLoop(
            "overdue-check",
            checkInterval,
            () -> {
              alerts.detect();
              return false;
            });
    this.relay = new BackgroundLoop("overdue-alert-relay", relayInterval, alertRelay::publishBatch);
  }

  void start(@Observes StartupEvent startup) {
    check.start();
    relay.start();
  }

  void stop(@Observes ShutdownEvent shutdown) {
    check.close();
    relay.close();
    alertRelay.close();
  }

  public List<BackgroundLoop> loops() {
    return List.of(check, relay);
  }
}
