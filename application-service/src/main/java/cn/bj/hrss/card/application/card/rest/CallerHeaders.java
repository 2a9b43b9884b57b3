package cn.bj.hrss.card.application.card.rest;

import jakarta.ws.rs.HeaderParam;

/** The request headers that say who calls and through which channel; see {@link CallerContext}. */
public class CallerHeaders {

  @HeaderParam("X-Actor-Role")
  String role;

  @HeaderParam("X-Actor-Id")
  String actorId;

  @HeaderParam("X-Channel")
  String channel;

  @HeaderParam("X-Correlation-Id")
  String correlationId;

  public CallerContext context() {
    return CallerContext.of(role, actorId, channel, correlationId);
  }
}
