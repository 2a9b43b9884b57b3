package cn.bj.hrss.card.application.axon;

import java.util.Map;

/**
 * The metadata every command carries and every event inherits: who, through which channel, and the
 * correlation id of the request.
 */
public final class CommandMetaData {

  public static final String ACTOR_ROLE = "actorRole";
  public static final String ACTOR_ID = "actorId";
  public static final String CHANNEL = "channel";
  public static final String CORRELATION_ID = "correlationId";

  static final String[] KEYS = {ACTOR_ROLE, ACTOR_ID, CHANNEL, CORRELATION_ID};

  private CommandMetaData() {}

  public static Map<String, String> of(
      String actorRole, String actorId, String channel, String correlationId) {
    return Map.of(
        ACTOR_ROLE, actorRole, ACTOR_ID, actorId, CHANNEL, channel, CORRELATION_ID, correlationId);
  }
}
