package cn.bj.hrss.card.application.axon;

import cn.bj.hrss.card.application.card.domain.BusinessClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Records on every event the business date it was decided on ({@value #KEY} in its metadata, an ISO
 * date), so that what counts in business days from an event (the pickup period of a card that
 * arrived at an outlet, S-PICKUP-1) is read from the event alone: the same live and in a rebuild,
 * and the same on a moved business date (SUITE_BUSINESS_DATE) as on the calendar. An event stored
 * before it has none: its day in Beijing is taken ({@link #of}). An Axon dispatch interceptor on
 * the event store, registered before the chain hash (which covers the metadata).
 */
public final class BusinessDateStamp implements MessageDispatchInterceptor<EventMessage<?>> {

  /** The metadata key of the business date. */
  public static final String KEY = "businessDate";

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final BusinessClock clock;

  public BusinessDateStamp(BusinessClock clock) {
    this.clock = clock;
  }

  @Override
  public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
      List<? extends EventMessage<?>> messages) {
    String today = clock.today().toString();
    return (index, message) ->
        message.getMetaData().containsKey(KEY)
            ? message
            : message.andMetaData(java.util.Map.of(KEY, today));
  }

  /**
   * The business date of an event: its {@value #KEY}, or for an event stored without one the day of
   * {@code occurredAt} in Beijing.
   */
  public static LocalDate of(Object businessDate, Instant occurredAt) {
    if (businessDate != null) {
      return LocalDate.parse(businessDate.toString());
    }
    return occurredAt.atZone(BEIJING).toLocalDate();
  }
}
