package cn.bj.hrss.card.production.order;

import java.time.Instant;

/**
 * A production order as the card factory side sees it. No personal data: the factory works from the
 * card id, the bank and the collection details.
 *
 * @param status ORDERED, PRODUCED, DISPATCHED or HANDED_OVER
 */
public record ProductionOrder(
    String cardId,
    String bankCode,
    String channel,
    String collectionMethod,
    String outletName,
    String status,
    Instant orderedAt,
    String cardNumber,
    Instant producedAt,
    Instant dispatchedAt,
    String trackingNumber,
    Instant handedOverAt) {}
