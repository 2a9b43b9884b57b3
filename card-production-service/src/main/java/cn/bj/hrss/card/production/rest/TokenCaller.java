package cn.bj.hrss.card.production.rest;

import cn.bj.hrss.card.identity.Roles;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who calls, from the signed token: its subject ({@code sub}, never {@code upn}; ADR 21). */
public final class TokenCaller {

  private TokenCaller() {}

  /** The token's subject; null without a token (the endpoints' roles already refuse that). */
  public static String subject(SecurityContext security) {
    return security != null && security.getUserPrincipal() instanceof JsonWebToken jwt
        ? jwt.getSubject()
        : null;
  }

  /**
   * The factory calling, whose view is its own orders only (S-FACTORY-1); null for any other role.
   */
  public static String factory(SecurityContext security) {
    return security != null && security.isUserInRole(Roles.CARD_FACTORY) ? subject(security) : null;
  }
}
