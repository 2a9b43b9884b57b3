package cn.bj.hrss.card.application.card.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's signed token and the request headers that say through which channel it calls; see
 * {@link CallerContext}. X-Actor-Role and X-Actor-Id are read only from the relaying services.
 */
public class CallerHeaders {

  @Context SecurityContext security;

  @HeaderParam("X-Actor-Role")
  String relayedRole;

  @HeaderParam("X-Actor-Id")
  String relayedId;

  @HeaderParam("X-Channel")
  String channel;

  @HeaderParam("X-Correlation-Id")
  String correlationId;

  /** The caller of a command: the channel must be given and be one of the caller's. */
  public CallerContext context() {
    return CallerContext.of(token(), relayedRole, relayedId, channel, correlationId, false);
  }

  /** The caller of a read, which records nothing: X-Channel may be left out. */
  public CallerContext readingContext() {
    return CallerContext.of(token(), relayedRole, relayedId, channel, correlationId, true);
  }

  private JsonWebToken token() {
    return security != null && security.getUserPrincipal() instanceof JsonWebToken jwt ? jwt : null;
  }
}
