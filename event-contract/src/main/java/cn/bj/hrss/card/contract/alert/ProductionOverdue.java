package cn.bj.hrss.card.contract.alert;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A production order passed its legal deadline (R-SLA-1..5) without the card being produced.
 * Published once per order by card-production-service on {@code production-alerts.v1}, keyed by
 * card id; version 1. This is card-production-service's own fact, not a card lifecycle event.
 *
 * @param alertId unique and stable id of the alert; consumers deduplicate on it
 * @param cardId the card whose production is late
 * @param bankCode the issuing bank
 * @param dueDate the last day of the production period (Asia/Shanghai)
 * @param detectedAt when the service saw the deadline pass
 */
public record ProductionOverdue(
    String alertId, String cardId, String bankCode, LocalDate dueDate, Instant detectedAt) {}
