package cn.bj.hrss.card.application.card.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A card as application-service knows it, for REST readers. Personal data is masked.
 *
 * @param applicationDate the legal application date the production deadline counts from
 *     (CardRequested); null for a replacement card
 * @param issue FIRST_ISSUE (新发), EXCHANGE (换领 of a first- or second-generation card) or REPLACEMENT
 *     (补领 or 换领 of a lost or damaged third-generation card)
 * @param issueName the same in Chinese
 * @param oldCardInvalidated whether the holder's old card stopped working when this card was
 *     enabled (R-OLD-2); always false for a first issue, which has no old card
 * @param version the sequence number of the card's last event
 */
public record CardView(
    String cardId,
    String status,
    String statusName,
    String bankCode,
    String collectionMethod,
    LocalDate applicationDate,
    String issue,
    String issueName,
    String cardNumber,
    String applicantName,
    String applicantIdNumber,
    String applicantMobile,
    boolean oldCardInvalidated,
    boolean financialFunctionActive,
    boolean blockedByLossReport,
    String replacedBy,
    List<String> functions,
    Fees fees,
    long version,
    List<HistoryEntry> history) {

  /**
   * R-CARD-1: what a third-generation card does: medical treatment and pharmacy purchase,
   * self-service query, and, new, identity credential, transport, park annual pass and financial
   * services, with SM national cryptography and a contactless interface.
   */
  public static final List<String> FUNCTIONS =
      List.of("就医购药", "自助查询", "身份凭证", "交通出行", "公园年票", "金融服务", "国密算法", "非接触");

  /** R-CARD-2: application, replacement and exchange are free. */
  public record Fees(int productionFeeYuan, int courierFeeYuan) {
    public static final Fees NONE = new Fees(0, 0);
  }

  /**
   * One event of the card's life, with who did it and through which channel; {@code eventVersion}
   * is the contract version it is read at (a stored older version is upcast to the current one).
   */
  public record HistoryEntry(
      long sequence,
      String eventType,
      int eventVersion,
      Instant occurredAt,
      String actorRole,
      String actorId,
      String channel,
      String correlationId) {}
}
