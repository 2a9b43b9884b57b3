package cn.bj.hrss.card.contract;

/** Kafka topics of the suite. */
public final class Topics {

  /**
   * Every card lifecycle event, keyed by card id so that one card's events stay in order. Kept
   * forever (retention.ms=-1) so that any consumer can be rebuilt from the start.
   */
  public static final String CARD_LIFECYCLE = "card-lifecycle.v1";

  /**
   * Alerts of card-production-service (ProductionOverdue), keyed by card id, version 1; read by
   * notification-service to tell the holder that production is late.
   */
  public static final String PRODUCTION_ALERTS = "production-alerts.v1";

  /**
   * The official holiday arrangement of each year (OfficialCalendarYearLoaded), keyed by the year,
   * version 1; written by application-service, which owns the calendar, and read from the start by
   * every service that counts deadlines.
   */
  public static final String OFFICIAL_CALENDAR = "official-calendar.v1";

  private Topics() {}
}
