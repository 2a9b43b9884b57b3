package cn.bj.hrss.card.bank.feed;

import cn.bj.hrss.card.bank.card.BankCard;
import cn.bj.hrss.card.bank.feed.BankMessage.Delivery;
import cn.bj.hrss.card.bank.feed.BankMessage.Holder;
import cn.bj.hrss.card.contract.event.Applicant;
import cn.bj.hrss.card.contract.event.ApplicationChanged;
import cn.bj.hrss.card.contract.event.ApplicationWithdrawn;
import cn.bj.hrss.card.contract.event.CardCancelled;
import cn.bj.hrss.card.contract.event.CardCollected;
import cn.bj.hrss.card.contract.event.CardDelivered;
import cn.bj.hrss.card.contract.event.CardDispatched;
import cn.bj.hrss.card.contract.event.CardEvent;
import cn.bj.hrss.card.contract.event.CardProduced;
import cn.bj.hrss.card.contract.event.CardReplaced;
import cn.bj.hrss.card.contract.event.CardReportedLost;
import cn.bj.hrss.card.contract.event.CardRequested;
import cn.bj.hrss.card.contract.event.CollectionMethod;
import cn.bj.hrss.card.contract.event.EventEnvelope;
import cn.bj.hrss.card.contract.event.FinancialFunctionActivated;
import cn.bj.hrss.card.contract.event.IssuingBankChanged;
import cn.bj.hrss.card.contract.event.LossReportCancelled;
import cn.bj.hrss.card.contract.event.MailReturned;
import cn.bj.hrss.card.contract.event.MobileNumberChanged;
import cn.bj.hrss.card.contract.event.ReplacementCardIssued;
import cn.bj.hrss.card.contract.event.SocialFunctionEnabled;
import cn.bj.hrss.card.contract.event.UncollectedCardReturned;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Which bank receives what of a card event: pure code, from the event and the card as the banks
 * knew it before the event. A card's messages go to the bank that issues it at that moment; a
 * retiree's bank change (R-BANK-6) ends the old bank's messages with CardTransferredOut and starts
 * the new bank's with CardTransferredIn; likewise an application moved to another bank before
 * production (S-CHANGE-1) ends the old bank's messages with ApplicationTransferredOut, which says
 * nothing of the holder or the new bank, and gives the new bank a CardRequested. Events no bank
 * acts on (a production failure, the old card's invalidation, the pickup reminder, an unknown
 * event) give no message.
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
    if (payload instanceof ApplicationChanged e && !e.bankCode().equals(bank)) {
      // S-CHANGE-1: the bank that loses the card learns only that, by the card's id.
      return List.of(
          message(event, MessageType.ApplicationTransferredOut, bank).build(),
          message(event, MessageType.CardRequested, e.bankCode())
              .holder(new Applicant(before.idNumber(), before.applicantName(), before.mobile()))
              .delivery(delivery(e))
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
      return message(event, MessageType.CardCollected, bank)
          .outletName(e.outletName())
          .collected(e);
    }
    if (payload instanceof ApplicationChanged e) {
      return message(event, MessageType.ApplicationChanged, bank).delivery(delivery(e));
    }
    if (payload instanceof ApplicationWithdrawn e) {
      return message(event, MessageType.ApplicationWithdrawn, bank).reason(e.reason());
    }
    if (payload instanceof CardCancelled e) {
      // The reason code, never the operator's note.
      return message(event, MessageType.CardCancelled, bank).reason(e.reason());
    }
    if (payload instanceof MailReturned e) {
      return message(event, MessageType.MailReturned, bank)
          .delivery(
              new Delivery(
                  CollectionMethod.OUTLET_PICKUP.name(),
                  e.outlet().name(),
                  null,
                  e.trackingNumber()))
          .reason(e.reason());
    }
    if (payload instanceof UncollectedCardReturned e) {
      return message(event, MessageType.UncollectedCardReturned, bank)
          .outletName(e.outlet().name());
    }
    if (payload instanceof MobileNumberChanged e) {
      // The feed carries the mobile the card's notices go to (CardRequested's holder.mobile).
      return message(event, MessageType.MobileNumberChanged, bank).mobile(e.mobile(), e.of());
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
    // CardProductionFailed, OldCardInvalidated, PickupPeriodEnding (the holder's reminder is
    // notification-service's SMS; the bank sees it in its awaiting-pickup list), UnknownCardEvent.
    return null;
  }

  private static Delivery delivery(ApplicationChanged e) {
    return new Delivery(
        e.collection().method().name(),
        e.collection().outletName(),
        e.collection().address(),
        null);
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
    private String collectedBy;
    private BankMessage.Proxy proxy;
    private String authorisation;
    private String mobile;
    private String mobileOf;

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

    /** S-PROXY-1: who collected it; a proxy masked, with the authorisation's number. */
    Builder collected(CardCollected e) {
      this.collectedBy = e.collectedBy();
      if (e.proxy() != null) {
        this.proxy = new BankMessage.Proxy(e.proxy().name(), e.proxy().idNumber());
        this.authorisation = e.authorisation();
      }
      return this;
    }

    Builder mobile(String value, String of) {
      this.mobile = value;
      this.mobileOf = of;
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
          reportedLost,
          collectedBy,
          proxy,
          authorisation,
          mobile,
          mobileOf);
    }
  }
}
