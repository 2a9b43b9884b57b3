package cn.bj.hrss.card.relay;

/**
 * Who sends a command, as application-service reads it from the headers: {@code X-Actor-Role},
 * {@code X-Actor-Id}, {@code X-Channel}, and {@code X-Correlation-Id} (the report id, so that the
 * event the command causes names the report in the card's history).
 */
public record Caller(String role, String actorId, String channel, String correlationId) {}
