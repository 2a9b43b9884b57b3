package cn.bj.hrss.card.contract.event;

/**
 * Who caused an event.
 *
 * @param role one of the roles in {@link EventEnvelope} documentation (CITIZEN, EMPLOYER, BANK,
 *     CARD_FACTORY, OPERATOR, ...)
 * @param id the caller's id within that role (a citizen's account, a bank code, an operator id)
 */
public record Actor(String role, String id) {}
