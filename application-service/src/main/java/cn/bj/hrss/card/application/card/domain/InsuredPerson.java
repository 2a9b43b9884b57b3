package cn.bj.hrss.card.application.card.domain;

/**
 * A person insured in Beijing (R-ELIG-1), as the operator's registry knows them.
 *
 * @param district the employer's district for employed staff (it decides the batch, R-PHASE-1); the
 *     district of residence otherwise
 * @param organisationId the employer of employed staff, or the university of a student insured en
 *     bloc (整建制参保, R-BANK-3); null otherwise
 * @param pensionBankCode the pension disbursement bank of a retiree (R-BANK-6); null otherwise
 */
public record InsuredPerson(
    String idNumber,
    String name,
    InsuredCategory category,
    District district,
    String organisationId,
    String pensionBankCode) {}
