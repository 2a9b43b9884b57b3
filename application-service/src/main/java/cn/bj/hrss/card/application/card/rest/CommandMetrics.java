package cn.bj.hrss.card.application.card.rest;

import cn.bj.hrss.card.refusal.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Counts the card commands callers send, once each, where every answer passes (after {@link
 * ApiErrorMappers} turned a refusal into its problem document):
 *
 * <ul>
 *   <li>{@code card.commands.accepted{command}}: a command endpoint answered 2xx;
 *   <li>{@code card.commands.refused{command, rule, status}}: it answered 4xx; {@code rule} is the
 *       problem document's rule id (R-…, INPUT-…, LIFECYCLE-…, CARD-NOT-FOUND, ...);
 *   <li>{@code card.commands.failed{command}}: it answered 5xx.
 * </ul>
 *
 * {@code command} is the command endpoint (its resource method: submit, produced, reportLost, ...),
 * so that a refusal before any Axon command was made (malformed input) counts under the same name
 * as the acceptance. The tags are a fixed, small set: never a card id or anything of a person.
 */
public class CommandMetrics {

  static final String ACCEPTED = "card.commands.accepted";
  static final String REFUSED = "card.commands.refused";
  static final String FAILED = "card.commands.failed";

  private static final Set<Class<?>> COMMAND_RESOURCES =
      Set.of(
          CardResource.class,
          OldGenerationResource.class,
          ApplicationChangeResource.class,
          HandOverResource.class);

  private final MeterRegistry registry;

  CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @ServerResponseFilter
  public void count(
      ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo info) {
    if (info == null
        || info.getResourceClass() == null
        || !COMMAND_RESOURCES.contains(info.getResourceClass())
        || !"POST".equals(request.getMethod())) {
      return;
    }
    String command = info.getMethodName();
    int status = response.getStatus();
    if (status < 400) {
      Counter.builder(ACCEPTED)
          .description("Card commands accepted")
          .tag("command", command)
          .register(registry)
          .increment();
    } else if (status < 500) {
      String rule = response.getEntity() instanceof ApiError error ? error.rule() : "UNSPECIFIED";
      Counter.builder(REFUSED)
          .description("Card commands refused, by rule and HTTP status")
          .tag("command", command)
          .tag("rule", rule)
          .tag("status", Integer.toString(status))
          .register(registry)
          .increment();
    } else {
      Counter.builder(FAILED)
          .description("Card commands that failed (HTTP 5xx)")
          .tag("command", command)
          .register(registry)
          .increment();
    }
  }
}
