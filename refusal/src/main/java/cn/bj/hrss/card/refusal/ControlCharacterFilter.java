package cn.bj.hrss.card.refusal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query value with a control character in every service (a %00 reaches PostgreSQL
 * as an invalid UTF-8 byte and the event store as a failed read): no id, code or date of the
 * suite's APIs holds one.
 */
public class ControlCharacterFilter {

  @ServerRequestFilter(preMatching = true)
  public Response refuseControlCharacters(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    boolean bad = hasControl(uri.getPath(true));
    for (List<String> values : uri.getQueryParameters(true).values()) {
      for (String value : values) {
        bad |= hasControl(value);
      }
    }
    if (!bad) {
      return null;
    }
    return Refusal.response(
        400,
        new ApiError(
            "INPUT-MALFORMED",
            "请求地址中含有无效字符，请检查后重试。",
            "a path or query value contains a control character"));
  }

  static boolean hasControl(String value) {
    return value != null && value.chars().anyMatch(Character::isISOControl);
  }
}
