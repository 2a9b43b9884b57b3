package cn.bj.hrss.card.production.factory;

import cn.bj.hrss.card.refusal.ApiError;
import cn.bj.hrss.card.refusal.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A factory reports only as itself: on {@code /factories/{factoryId}/...} the token's subject must
 * be {@code factoryId} (the role, card-factory, is checked on each endpoint). Another factory's
 * path is refused (403) before anything is read or stored.
 */
public class FactoryIdentityFilter {

  @ServerRequestFilter
  public Optional<Response> onlyItself(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    if (!"factories".equals(segments[0])) {
      return Optional.empty();
    }
    SecurityContext security = request.getSecurityContext();
    String factory = segments.length > 1 ? segments[1] : "";
    // The caller is the token's sub, never upn or preferred_username (issue 16).
    if (security != null
        && security.getUserPrincipal() instanceof JsonWebToken jwt
        && factory.equals(jwt.getSubject())) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.response(
            403, new ApiError("ACCESS-DENIED", "您无权办理或查询此项业务。", "a factory reports as itself")));
  }
}
