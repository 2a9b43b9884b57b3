package cn.bj.hrss.card.application.card.domain;

/**
 * A person insured in Beijing (R-ELIG-1), as the operator's registry knows them.
 *
 * @param district the employer's district for employed staff (it decides the batch, R-PHASE-1); the
 *     district of residence otherwise
 * @param organisationId the employer of employed staff, or the university of a student insured en
 *     bloc (整建制参保, R-BANK-3); null otherwise
 * @param pensionBankCode the pension disbursement bank of a retiree (R-BANK-6); null otherwise
 * @param holdsOldCard whether the person holds a first- or second-generation card, which a new card
 *     replaces (换领) and which stops working when the new card is enabled (R-OLD-2); false for a
 *     first issue (新发), for example an infant
 * @param awayFromSchool a student insured en bloc who is not at school for a special reason
 *     (因特殊情况不在校), and so chooses any cooperating bank (R-BANK-3)
 * @param ended S-END-1: {@code DECEASED} or {@code EMIGRATED} when the registry says the person's
 *     insurance ended so (the import's column {@code ended}); null otherwise. Such a person does
 *     not apply
 */
public record InsuredPerson(
    String idNumber,
    String name,
    InsuredCategory category,
    District district,
    String organisationId,
    String pensionBankCode,
    boolean holdsOldCard,
    boolean awayFromSchool,
    String ended) {

  /** A person whose insurance has not ended. */
  public InsuredPerson(
      String idNumber,
      String name,
      InsuredCategory category,
      District district,
      String organisationId,
      String pensionBankCode,
      boolean holdsOldCard,
      boolean awayFromSchool) {
    this(
        idNumber,
        name,
        category,
        district,
        organisationId,
        pensionBankCode,
        holdsOldCard,
        awayFromSchool,
        null);
  }

  /** S-END-1: whether the registry says the person died or emigrated. */
  public boolean hasEnded() {
    return ended != null;
  }

  /** A person who holds an old card and is not a student away from school. */
  public InsuredPerson(
      String idNumber,
      String name,
      InsuredCategory category,
      District district,
      String organisationId,
      String pensionBankCode) {
    this(idNumber, name, category, district, organisationId, pensionBankCode, true, false);
  }
}
