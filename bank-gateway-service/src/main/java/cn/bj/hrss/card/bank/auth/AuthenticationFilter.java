package cn.bj.hrss.card.bank.auth;

import cn.bj.hrss.card.bank.auth.BankCredentials.Caller;
import cn.bj.hrss.card.bank.rest.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST endpoint needs credentials ({@link BankCredentials}), decided here by path, so that no
 * endpoint can forget it:
 *
 * <ul>
 *   <li>{@code /banks/{bankCode}/...}: that bank only. No or wrong credentials: 401. Another bank's
 *       (or an operator's) credentials: 404, the answer for a card that does not exist, so a bank
 *       learns nothing of another bank's applicants.
 *   <li>any other path ({@code /bank-feeds}, {@code /bank-reports}): operators only; a bank gets
 *       403.
 * </ul>
 *
 * The health and OpenAPI endpoints under {@code /q} are not REST resources and stay open.
 */
public class AuthenticationFilter {

  private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);

  private final BankCredentials credentials;

  AuthenticationFilter(BankCredentials credentials) {
    this.credentials = credentials;
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    Optional<Caller> caller =
        credentials.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (caller.isEmpty()) {
      LOG.debugf("refused a request without valid credentials to %s", segments[0]);
      return Optional.of(
          Response.status(401)
              .header(
                  HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bank-gateway\", charset=\"UTF-8\"")
              .type(MediaType.APPLICATION_JSON)
              .entity(
                  new ApiError(
                      "AUTH-REQUIRED",
                      "请提供本行的接入凭证。",
                      "HTTP Basic credentials of a bank (or an operator) are required"))
              .build());
    }
    if ("banks".equals(segments[0])) {
      String bank = segments.length > 1 ? segments[1] : "";
      if (caller.get().operator() || !caller.get().name().equals(bank)) {
        return Optional.of(
            Response.status(404)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.NOT_FOUND)
                .build());
      }
      return Optional.empty();
    }
    if (!caller.get().operator()) {
      return Optional.of(
          Response.status(403)
              .type(MediaType.APPLICATION_JSON)
              .entity(new ApiError("ACCESS-ROLE", "您无权办理此项业务。", "operators only"))
              .build());
    }
    return Optional.empty();
  }
}
