package cn.bj.hrss.card.bank.auth;

import cn.bj.hrss.card.identity.Roles;
import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call what, decided here by path so that no endpoint can forget it. The caller is the
 * signed token's (quarkus-smallrye-jwt checks signature, issuer and expiry; no valid token is a 401
 * before this filter runs): a bank's token names the bank's code as its subject.
 *
 * <ul>
 *   <li>{@code /banks/{bankCode}/...}: that bank only, and an auditor reading. Any other caller
 *       gets 404, the answer for a card that does not exist, and so does a bank asking on its own
 *       path for a card that is not its own: a bank learns nothing of another bank's applicants
 *       (ADR 10; the one place where a refusal is a 404 rather than a 403, and it is the same 404
 *       whatever was asked).
 *   <li>{@code GET /banks/{bankCode}/cards/awaiting-pickup} (S-LIST-3): that bank and operators;
 *       anyone else, another bank included, 403 {@code ACCESS-DENIED}, the answer for a bank code
 *       that does not exist.
 *   <li>any other path ({@code /bank-feeds}, {@code /bank-reports}, {@code /projection}):
 *       operators; auditors may read (GET). Anyone else: 403.
 * </ul>
 *
 * The health and metrics endpoints under {@code /q} are not REST resources and stay open.
 */
public class AuthenticationFilter {

  @ServerRequestFilter
  public Optional<Response> authorise(ContainerRequestContext request) {
    SecurityContext security = request.getSecurityContext();
    String path = request.getUriInfo().getPath();
    String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    boolean reading = "GET".equals(request.getMethod());
    if (security == null || security.getUserPrincipal() == null) {
      return refuse(401);
    }
    if (security.isUserInRole(Roles.AUDITOR) && reading) {
      return Optional.empty();
    }
    if ("banks".equals(segments[0])) {
      String bank = segments.length > 1 ? segments[1] : "";
      boolean thatBank = security.isUserInRole(Roles.BANK) && bank.equals(subject(security));
      if (pickupList(segments)) {
        return thatBank || security.isUserInRole(Roles.OPERATOR) ? Optional.empty() : refuse(403);
      }
      return thatBank ? Optional.empty() : notFound();
    }
    return security.isUserInRole(Roles.OPERATOR) ? Optional.empty() : refuse(403);
  }

  /** {@code /banks/{bankCode}/cards/awaiting-pickup}: S-LIST-3. */
  private static boolean pickupList(String[] segments) {
    return segments.length == 4
        && "cards".equals(segments[2])
        && "awaiting-pickup".equals(segments[3]);
  }

  /**
   * The caller as every service names it: the token's {@code sub}, never {@code upn} or {@code
   * preferred_username} (issue 16).
   */
  static String subject(SecurityContext security) {
    return security.getUserPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
  }

  /** ADR 10: another bank's path is answered exactly as a card that does not exist. */
  private static Optional<Response> notFound() {
    return Optional.of(Refusal.response(404, ApiError.NOT_FOUND));
  }

  private static Optional<Response> refuse(int status) {
    return Optional.of(
        Refusal.response(
            status, new ApiError("ACCESS-DENIED", "您无权办理或查询此项业务。", "not for this caller")));
  }
}
