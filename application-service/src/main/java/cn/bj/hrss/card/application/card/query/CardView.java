package cn.bj.hrss.card.application.card.query;

import java.time.Instant;
import java.util.List;

/**
 * A card as application-service knows it, for REST readers. Personal data is masked.
 *
 * @param version the sequence number of the card's last event
 */
public record CardView(
    String cardId,
    String status,
    String statusName,
    String bankCode,
    String collectionMethod,
    String cardNumber,
    String applicantName,
    String applicantIdNumber,
    String applicantMobile,
    boolean oldCardInvalidated,
    boolean financialFunctionActive,
    long version,
    List<HistoryEntry> history) {

  /** One event of the card's life, with who did it and through which channel. */
  public record HistoryEntry(
      long sequence,
      String eventType,
      Instant occurredAt,
      String actorRole,
      String actorId,
      String channel,
      String correlationId) {}
}
