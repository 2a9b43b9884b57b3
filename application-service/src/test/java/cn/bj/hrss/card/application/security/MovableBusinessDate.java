package cn.bj.hrss.card.application.security;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The business date as a test sets it, so that a test can let a minor turn 18 between two requests.
 * Only the test classes of {@link Profile} run with it (their own Quarkus start); every other test
 * runs on the service's own clock.
 */
@Alternative
@ApplicationScoped
public class MovableBusinessDate implements BusinessClock {

  private static final AtomicReference<LocalDate> DATE = new AtomicReference<>();

  /** From now on the service's business date is {@code date}. */
  public static void set(LocalDate date) {
    DATE.set(date);
  }

  @Override
  public LocalDate today() {
    LocalDate date = DATE.get();
    return date != null ? date : LocalDate.now(ZoneId.of("Asia/Shanghai"));
  }

  /** The profile of the tests that move the business date. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
      return Set.of(MovableBusinessDate.class);
    }
  }
}
