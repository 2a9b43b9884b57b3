package cn.bj.hrss.card.application.card.domain;

/**
 * A place where cards are applied for or collected (R-CHAN-2, R-PICK-*), as data.
 *
 * @param bankCode the bank of a bank outlet; null for district and street outlets
 */
public record Outlet(String name, Kind kind, String bankCode, String address) {

  /** The kinds of outlet of the notice. */
  public enum Kind {
    /** 即时制卡网点: shows the plaque 北京市社会保障卡服务网点; cards made on the spot (R-SLA-2). */
    BANK_INSTANT,
    /** A cooperating bank's outlet without instant issuance (R-SLA-3). */
    BANK,
    /** 区级社会保障卡服务网点 (R-SLA-4). */
    DISTRICT,
    /** 街道级社会保障卡服务网点 (R-SLA-4). */
    STREET
  }

  public boolean isBankOutlet() {
    return kind == Kind.BANK_INSTANT || kind == Kind.BANK;
  }
}
