package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.bank.card.BankCard;
import cn.bj.hrss.card.bank.feed.BankMessage.Delivery;
import cn.bj.hrss.card.bank.feed.BankMessage.Holder;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Which bank receives what of a card event: pure code, from the event and the card as the banks
 * knew it before the event. A card's messages go to the bank that issues it at that moment; a
 * retiree's bank change (R-BANK-6) ends the old bank's messages with CardTransferredOut and starts
 * the new bank's with CardTransferredIn. Events no bank acts on (a production failure, the old
 * card's invalidation, an unknown event) give no message.
 */
public final class BankMessages {

  private BankMessages() {}

  /**
   * The messages of {@code event}, without their feed positions (0).
   *
   * @param before the card before this event, or null for a card's first event
   */
  public static List<BankMessage> derive(EventEnvelope event, BankCard before) {
    CardEvent payload = event.payload();
    if (payload instanceof CardRequested e) {
      return List.of(
          message(event, MessageType.CardRequested, e.bankCode())
              .holder(e.applicant())
              .delivery(
                  new Delivery(
                      e.collection().method().name(),
                      e.collection().outletName(),
                      e.collection().address(),
                      null))
              .build());
    }
    if (payload instanceof ReplacementCardIssued e) {
      return List.of(
          message(event, MessageType.ReplacementCardIssued, e.bankCode())
              .holder(e.applicant())
              .cardNumber(e.cardNumber())
              .outletName(e.outletName())
              .replacesCardId(e.replacesCardId())
              .reason(e.reason())
              .build());
    }
    if (before == null) {
      return List.of(); // not a card of any bank (cannot happen: events come in card order)
    }
    String bank = before.bankCode();
    if (payload instanceof IssuingBankChanged e) {
      return List.of(
          message(event, MessageType.CardTransferredOut, bank)
              .cardNumber(before.cardNumber())
              .build(),
          message(event, MessageType.CardTransferredIn, e.toBankCode())
              .holder(new Applicant(before.idNumber(), before.applicantName(), before.mobile()))
              .cardNumber(before.cardNumber())
              .cardStatus(before.status())
              .reportedLost(before.reportedLost())
              .build());
    }
    Builder message = forCard(event, bank, payload);
    return message == null ? List.of() : List.of(message.build());
  }

  private static Builder forCard(EventEnvelope event, String bank, CardEvent payload) {
    if (payload instanceof CardProduced e) {
      return message(event, MessageType.CardProduced, bank).cardNumber(e.cardNumber());
    }
    if (payload instanceof CardDispatched e) {
      return message(event, MessageType.CardDispatched, bank)
          .delivery(new Delivery(e.method().name(), e.outletName(), null, e.trackingNumber()));
    }
    if (payload instanceof CardCollected e) {
      return message(event, MessageType.CardCollected, bank).outletName(e.outletName());
    }
    if (payload instanceof CardDelivered e) {
      return message(event, MessageType.CardDelivered, bank)
          .delivery(new Delivery(e.method().name(), null, null, null));
    }
    if (payload instanceof SocialFunctionEnabled e) {
      return message(event, MessageType.SocialFunctionEnabled, bank).cardNumber(e.cardNumber());
    }
    if (payload instanceof FinancialFunctionActivated e) {
      return message(event, MessageType.FinancialFunctionActivated, bank)
          .outletName(e.outletName());
    }
    if (payload instanceof CardReportedLost e) {
      return message(event, MessageType.CardReportedLost, bank).cardNumber(e.cardNumber());
    }
    if (payload instanceof LossReportCancelled e) {
      return message(event, MessageType.LossReportCancelled, bank).cardNumber(e.cardNumber());
    }
    if (payload instanceof CardReplaced e) {
      return message(event, MessageType.CardReplaced, bank)
          .replacementCardId(e.replacementCardId())
          .reason(e.reason());
    }
    return null; // CardProductionFailed, OldCardInvalidated, UnknownCardEvent: nothing to act on
  }

  /** The message id: derived from the event and the bank, so it is the same whenever derived. */
  static String messageId(String eventId, String bankCode) {
    return UUID.nameUUIDFromBytes((eventId + "/" + bankCode).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Builder message(EventEnvelope event, MessageType type, String bankCode) {
    return new Builder(event, type, bankCode);
  }

  private static final class Builder {
    private final EventEnvelope event;
    private final MessageType type;
    private final String bankCode;
    private Holder holder;
    private Delivery delivery;
    private String cardNumber;
    private String outletName;
    private String replacesCardId;
    private String replacementCardId;
    private String reason;
    private String cardStatus;
    private Boolean reportedLost;

    Builder(EventEnvelope event, MessageType type, String bankCode) {
      this.event = event;
      this.type = type;
      this.bankCode = bankCode;
    }

    Builder holder(Applicant applicant) {
      this.holder = new Holder(applicant.name(), applicant.idNumber(), applicant.mobile());
      return this;
    }

    Builder delivery(Delivery value) {
      this.delivery = value;
      return this;
    }

    Builder cardNumber(String value) {
      this.cardNumber = value;
      return this;
    }

    Builder outletName(String value) {
      this.outletName = value;
      return this;
    }

    Builder replacesCardId(String value) {
      this.replacesCardId = value;
      return this;
    }

    Builder replacementCardId(String value) {
      this.replacementCardId = value;
      return this;
    }

    Builder reason(String value) {
      this.reason = value;
      return this;
    }

    Builder cardStatus(String value) {
      this.cardStatus = value;
      return this;
    }

    Builder reportedLost(boolean value) {
      this.reportedLost = value;
      return this;
    }

    BankMessage build() {
      return new BankMessage(
          BankMessage.VERSION,
          messageId(event.eventId(), bankCode),
          type.name(),
          bankCode,
          0,
          event.cardId(),
          event.sequence(),
          event.eventId(),
          event.occurredAt(),
          holder,
          delivery,
          cardNumber,
          outletName,
          replacesCardId,
          replacementCardId,
          reason,
          cardStatus,
          reportedLost);
    }
  }
}
