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
  REPLACED("已补换");

  private final String chineseName;

  CardStatus(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }
}
