package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The business date: today in Beijing, or the fixed date of {@code suite.business-date}
 * (SUITE_BUSINESS_DATE) so that tests and the demo can run as of any day.
 */
@ApplicationScoped
public class BusinessClockProducer {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  @Produces
  @ApplicationScoped
  BusinessClock businessClock(
      @ConfigProperty(name = "suite.business-date") Optional<LocalDate> fixedDate) {
    if (fixedDate.isPresent()) {
      Logger.getLogger(BusinessClockProducer.class)
          .warnf("business date fixed at %s (suite.business-date)", fixedDate.get());
      LocalDate date = fixedDate.get();
      return () -> date;
    }
    return () -> LocalDate.now(BEIJING);
  }
}
