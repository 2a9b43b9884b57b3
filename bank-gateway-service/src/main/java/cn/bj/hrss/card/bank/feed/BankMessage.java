package cn.bj.hrss.card.bank.feed;

import java.time.Instant;

/**
 * One message of a bank's feed: the bank feed format, version 1 (README "Message format"). The same
 * JSON goes to the bank's Kafka topic and to its REST feed. It carries what the bank needs to make
 * the card, open the account and hand the card over, and nothing else: no actor, channel,
 * correlation id, insured category or guardian of the card event, and never anything about a card
 * of another bank. Fields a message type does not use are absent (null).
 *
 * @param version the format version: 1. Adding an optional field keeps it; any other change makes
 *     version 2 on a topic of its own ({@code bank.<BANK>.cards.v2})
 * @param messageId stable id of the message: the same on Kafka, over REST and after a rebuild
 * @param messageType what happened, see {@link MessageType}
 * @param bankCode the bank this message is for; always the reader's own
 * @param position the message's place in this bank's feed: 1, 2, 3, ... without gaps
 * @param cardId the card (the Kafka key)
 * @param cardSequence the card event's sequence: increases along one card's messages
 * @param eventId the card event the message comes from (for reconciliation with the bureau)
 * @param occurredAt when the card event was recorded
 * @param holder name, ID number and mobile: for a card new to the bank
 * @param delivery how the card reaches the holder
 * @param cardNumber the 9-character number printed on the card
 * @param outletName the outlet of a hand-over, an activation or a replacement
 * @param replacesCardId for a replacement card: the card it replaces
 * @param replacementCardId for a replaced card: its replacement
 * @param reason why, as a code: a replacement's LOST or DAMAGED; a withdrawal's BY_APPLICANT or
 *     BY_OPERATOR; a cancellation's DECEASED, EMIGRATED or OTHER; a returned mail's UNDELIVERABLE
 *     or RETURNED
 * @param cardStatus for a card transferred in: COLLECTED, DELIVERED or ACTIVE
 * @param reportedLost for a card transferred in: whether it is blocked by a loss report
 * @param collectedBy for a collection: HOLDER or PROXY (S-PROXY-1)
 * @param proxy for a collection by a proxy: the proxy, masked as the card event carries it
 * @param authorisation for a collection by a proxy: the number of the holder's written
 *     authorisation the outlet checked and kept
 * @param mobile for a new mobile number (S-MOBILE-1): the number the card's notices go to now
 * @param mobileOf for a new mobile number: HOLDER, or GUARDIAN for a minor's guardian
 */
public record BankMessage(
    int version,
    String messageId,
    String messageType,
    String bankCode,
    long position,
    String cardId,
    long cardSequence,
    String eventId,
    Instant occurredAt,
    Holder holder,
    Delivery delivery,
    String cardNumber,
    String outletName,
    String replacesCardId,
    String replacementCardId,
    String reason,
    String cardStatus,
    Boolean reportedLost,
    String collectedBy,
    Proxy proxy,
    String authorisation,
    String mobile,
    String mobileOf) {

  public static final int VERSION = 1;

  /** Who collected the card for the holder (代领), masked: 王*明, 110105********002X. */
  public record Proxy(String name, String idNumber) {}

  /** The card holder, unmasked: only ever sent to the card's own bank. */
  public record Holder(String name, String idNumber, String mobile) {}

  /**
   * How the card reaches the holder.
   *
   * @param method OUTLET_PICKUP, MAIL or DOOR_TO_DOOR
   * @param outletName the pickup outlet
   * @param address the postal address, for MAIL and DOOR_TO_DOOR
   * @param trackingNumber the courier's number, for a mailed card once dispatched
   */
  public record Delivery(String method, String outletName, String address, String trackingNumber) {}

  /** This message at its place in the bank's feed. */
  public BankMessage at(long feedPosition) {
    return new BankMessage(
        version,
        messageId,
        messageType,
        bankCode,
        feedPosition,
        cardId,
        cardSequence,
        eventId,
        occurredAt,
        holder,
        delivery,
        cardNumber,
        outletName,
        replacesCardId,
        replacementCardId,
        reason,
        cardStatus,
        reportedLost,
        collectedBy,
        proxy,
        authorisation,
        mobile,
        mobileOf);
  }
}
