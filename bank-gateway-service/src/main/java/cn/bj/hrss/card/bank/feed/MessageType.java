package cn.bj.hrss.card.bank.feed;

/**
 * The message types of the bank feed format v1, and the card event each comes from. A bank receives
 * a card's messages in the card's order, from the first (CardRequested, ReplacementCardIssued or
 * CardTransferredIn) to the last (CardReplaced, CardTransferredOut, ApplicationTransferredOut,
 * ApplicationWithdrawn or CardCancelled).
 */
public enum MessageType {
  /**
   * A card applied for with this bank: make it and open the account. From CardRequested, and from
   * an ApplicationChanged that moved the application to this bank before production (S-CHANGE-1).
   */
  CardRequested,
  /**
   * The application changed before production, with this bank (S-CHANGE-1): the new delivery. From
   * ApplicationChanged.
   */
  ApplicationChanged,
  /**
   * The application moved to another bank before production (S-CHANGE-1): the card id alone, the
   * last message of this card. From ApplicationChanged.
   */
  ApplicationTransferredOut,
  /** The application was withdrawn before production (S-WITHDRAW-1): the card's last message. */
  ApplicationWithdrawn,
  /** The holder's (or guardian's) new mobile number (S-MOBILE-1). From MobileNumberChanged. */
  MobileNumberChanged,
  /** The mail failed; the card waits at this bank's outlet for pickup (S-MAIL-2). */
  MailReturned,
  /** Nobody collected the card in its pickup period: back to the central store (S-PICKUP-1). */
  UncollectedCardReturned,
  /** The card's life ended (S-END-1), with the reason code: the card's last message. */
  CardCancelled,
  /** A replacement card this bank made on the spot (R-LOSS-1). From ReplacementCardIssued. */
  ReplacementCardIssued,
  /** A retiree moved the card to this bank (R-BANK-6). From IssuingBankChanged. */
  CardTransferredIn,
  /** The factory produced the card. From CardProduced. */
  CardProduced,
  /** The card left the factory towards the holder. From CardDispatched. */
  CardDispatched,
  /** The holder, or a proxy (S-PROXY-1), collected the card at an outlet. From CardCollected. */
  CardCollected,
  /** The card was delivered by mail or door to door. From CardDelivered. */
  CardDelivered,
  /** The social-security function was enabled; the old card is invalid (R-OLD-2). */
  SocialFunctionEnabled,
  /** The financial function was activated at an outlet of this bank (R-PICK-3). */
  FinancialFunctionActivated,
  /** 挂失: block the account. From CardReportedLost. */
  CardReportedLost,
  /** 解挂: unblock the account. From LossReportCancelled. */
  LossReportCancelled,
  /** The card is out of use, replaced by another (R-LOSS-1). From CardReplaced. */
  CardReplaced,
  /** A retiree moved the card to another bank (R-BANK-6): the last message of this card. */
  CardTransferredOut
}
