package cn.bj.hrss.card.application.card.domain;

/** Where a card is in its life, as application-service records it. */
public enum CardStatus {
  /** Application accepted; the factory has to produce the card. */
  REQUESTED("已受理"),
  /** The card factory reported that production failed; it produces the card again. */
  PRODUCTION_FAILED("制卡失败，重新制卡中"),
  /** The card factory produced the card. */
  PRODUCED("已制卡"),
  /** The card is on its way to the holder or waiting at the outlet. */
  DISPATCHED("已发出"),
  /** The holder collected it at the outlet. */
  COLLECTED("已领取"),
  /** It was delivered by mail or door-to-door. */
  DELIVERED("已送达"),
  /** The social-security function is enabled; the old card is invalid (R-OLD-2). */
  ACTIVE("已启用"),
  /** Replaced by a new card after loss or damage (R-LOSS-1); out of use. */
  REPLACED("已补换"),
  /** Withdrawn before production (S-WITHDRAW-1); the person may apply again. */
  WITHDRAWN("已撤回申领"),
  /**
   * Not collected within its pickup period (S-PICKUP-1): back in the issuing bank's central store;
   * the holder can still collect it at an outlet of the issuing bank on request.
   */
  RETURNED_TO_BANK("已退回银行卡库，可预约领取"),
  /** Its life ended: the holder died or emigrated (S-END-1). Nothing more happens to it. */
  CANCELLED("已注销");

  private final String chineseName;

  CardStatus(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }
}
