package cn.bj.hrss.card.contract.event;

import java.time.LocalDate;

/**
 * A person's application for a third-generation card was accepted (申领). Version 3; version 1 had no
 * {@code applicationDate}, version 2 no {@code issue}; both are upcast (docs/event-contract.md,
 * "Versions and upcasting").
 *
 * @param cardId the id of the card application; also the envelope's card id
 * @param applicant who the card is for
 * @param bankCode short code of the issuing cooperating bank (R-BANK-1), for example ICBC
 * @param collection how the holder will receive the card (R-PICK-1)
 * @param category the applicant's insured category (R-ELIG-2): EMPLOYED_STAFF, MINOR,
 *     COLLEGE_STUDENT, FLEXIBLE_WORKER, URBAN_RURAL_RESIDENT or RETIREE; added in version 1 as an
 *     optional field (absent in events written before it)
 * @param guardian the parent or guardian who applied for a minor (R-BANK-4) and receives the card's
 *     notices; null otherwise
 * @param applicationDate the legal application date (申领日期): the business day in Beijing on which
 *     application-service accepted the application and checked its dated rules, and the day the
 *     production time limits count from (R-SLA-1..5; the day itself is not counted). Required from
 *     version 2, decided once by the writer; for a version 1 event it is derived from when the
 *     event was recorded, as the day in Asia/Shanghai
 * @param issue {@link #FIRST_ISSUE} (新发: the person holds no earlier social-security card, so
 *     enabling this card invalidates nothing) or {@link #EXCHANGE} (换领: the person's first- or
 *     second-generation card stops working when this card is enabled, R-OLD-2). From the registry
 *     of insured persons; required from version 3. A version 1 or 2 event is upcast to {@code
 *     EXCHANGE}: before version 3 every enabling recorded an OldCardInvalidated
 */
public record CardRequested(
    String cardId,
    Applicant applicant,
    String bankCode,
    Collection collection,
    String category,
    Applicant guardian,
    LocalDate applicationDate,
    String issue)
    implements CardEvent {

  /** 新发: a first card; the person holds no first- or second-generation card. */
  public static final String FIRST_ISSUE = "FIRST_ISSUE";

  /** 换领: the new card replaces the person's first- or second-generation card (R-OLD-2). */
  public static final String EXCHANGE = "EXCHANGE";

  /**
   * The version 2 shape, without the issue: an exchange, as a version 2 event is upcast (tests, a
   * consumer's stand-in). application-service never writes it.
   */
  public CardRequested(
      String cardId,
      Applicant applicant,
      String bankCode,
      Collection collection,
      String category,
      Applicant guardian,
      LocalDate applicationDate) {
    this(cardId, applicant, bankCode, collection, category, guardian, applicationDate, EXCHANGE);
  }

  /**
   * The version 1 shape, without the application date: for code that only needs the other fields
   * (tests, a consumer's stand-in for a replacement card). application-service never writes it.
   */
  public CardRequested(
      String cardId,
      Applicant applicant,
      String bankCode,
      Collection collection,
      String category,
      Applicant guardian) {
    this(cardId, applicant, bankCode, collection, category, guardian, null, EXCHANGE);
  }
}
