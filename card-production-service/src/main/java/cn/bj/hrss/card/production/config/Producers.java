package cn.bj.hrss.card.production.config;

import cn.bj.hrss.card.deadline.ProductionDeadlines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The clock, the official calendar and the deadline rules, as beans. */
@ApplicationScoped
public class Producers {

  private static final Logger LOG = Logger.getLogger(Producers.class);

  /**
   * The clock for "today" (what is due, what is overdue): Beijing time, or, with {@code
   * production.clock.fixed-date}, noon in Beijing on that day, for tests and drills "as of" a day.
   * Never used for projection rows, which hold event times only.
   */
  @Produces
  @Singleton
  Clock clock(@ConfigProperty(name = "production.clock.fixed-date") Optional<LocalDate> fixed) {
    if (fixed.isPresent()) {
      LOG.warnf("the clock is fixed at %s (production.clock.fixed-date)", fixed.get());
      return Clock.fixed(
          fixed.get().atTime(LocalTime.NOON).atZone(ProductionDeadlines.BEIJING).toInstant(),
          ProductionDeadlines.BEIJING);
    }
    return Clock.system(ProductionDeadlines.BEIJING);
  }
}
