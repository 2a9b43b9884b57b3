package cn.bj.hrss.card.contract.event;

/**
 * An outlet as application-service's outlet reference data registers it (table {@code outlet}),
 * resolved when the command was decided: the only outlet text a notice may carry (issue 16 item 4,
 * issue 17 item 6; ADR 23). Never what a factory or a bank typed.
 *
 * @param name the outlet's registered name
 * @param address its registered address; null when the reference data has none
 */
public record RegisteredOutlet(String name, String address) {}
