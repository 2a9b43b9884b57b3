package cn.bj.hrss.card.bank.feed;

/**
 * The message types of the bank feed format v1, and the card event each comes from. A bank receives
 * a card's messages in the card's order, from the first (CardRequested, ReplacementCardIssued or
 * CardTransferredIn) to the last (CardReplaced or CardTransferredOut).
 */
public enum MessageType {
  /** A card applied for with this bank: make it and open the account. From CardRequested. */
  CardRequested,
  /** A replacement card this bank made on the spot (R-LOSS-1). From ReplacementCardIssued. */
  ReplacementCardIssued,
  /** A retiree moved the card to this bank (R-BANK-6). From IssuingBankChanged. */
  CardTransferredIn,
  /** The factory produced the card. From CardProduced. */
  CardProduced,
  /** The card left the factory towards the holder. From CardDispatched. */
  CardDispatched,
  /** The holder collected the card at an outlet. From CardCollected. */
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
