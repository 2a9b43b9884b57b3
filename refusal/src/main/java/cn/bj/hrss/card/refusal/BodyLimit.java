package cn.bj.hrss.card.refusal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The small body limit of every service (issue 16 item 7): a request body is at most {@code
 * suite.http.body-limit} (64 KiB), checked on the announced length before a byte of the body is
 * read, so one request cannot fill the heap. Only the paths of {@code suite.http.large-body-paths}
 * (application-service's registry import, read as a stream; card-production-service's batch file)
 * may send more, up to Quarkus's own {@code quarkus.http.limits.max-body-size}.
 *
 * <ul>
 *   <li>a {@code Content-Length} above the limit: 413 {@code INPUT-TOO-LARGE}, and the connection
 *       is closed without reading the body;
 *   <li>a body without a length ({@code Transfer-Encoding: chunked}) on a small-body path: 411
 *       {@code INPUT-LENGTH-REQUIRED}, since its size is known only once it has been read. Every
 *       client of the suite sends the length of its JSON.
 * </ul>
 *
 * Quarkus's own {@code quarkus.http.limits.max-body-size} is set to at least 4 MiB in every
 * service, so that this handler answers the bodies between 64 KiB and 4 MiB in a way their clients
 * can read; above it Quarkus refuses and closes the connection at once.
 */
@ApplicationScoped
public class BodyLimit {

  private static final Logger LOG = Logger.getLogger(BodyLimit.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How much of a refused body is read and thrown away, so that its client reads the answer; a
   * larger one gets the connection closed (and Quarkus's own limit, set to at least this, refuses
   * and closes at once above it).
   */
  static final long DISCARDED_AT_MOST = 4L * 1024 * 1024;

  /** After Quarkus's own upload limit (-2), before authentication and the REST endpoints. */
  static final int ROUTE_ORDER = -1;

  private final long limit;
  private final List<Pattern> largeBodyPaths;

  BodyLimit(
      @ConfigProperty(name = "suite.http.body-limit", defaultValue = "64K") String limit,
      @ConfigProperty(name = "suite.http.large-body-paths") Optional<List<String>> largeBodyPaths) {
    this.limit = bytes(limit);
    this.largeBodyPaths = largeBodyPaths.orElse(List.of()).stream().map(Pattern::compile).toList();
  }

  void install(@Observes Router router) {
    router.route().order(ROUTE_ORDER).handler(this::check);
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String path = request.path();
    if (path != null && largeBodyPaths.stream().anyMatch(p -> p.matcher(path).matches())) {
      context.next();
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      if (announced(length) > limit) {
        refuse(
            context,
            413,
            "INPUT-TOO-LARGE",
            "请求内容过长。",
            "a request body is at most " + limit + " bytes here");
        return;
      }
    } else if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
      refuse(
          context,
          411,
          "INPUT-LENGTH-REQUIRED",
          "请求内容须注明长度。",
          "a request body needs a Content-Length here (at most " + limit + " bytes)");
      return;
    }
    context.next();
  }

  private static long announced(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Answers at once, then reads what the client still sends without keeping a byte of it, so that a
   * client that writes its whole body before reading gets the answer (a connection closed on unread
   * data is reset, and the answer lost); past {@link #DISCARDED_AT_MOST} the connection is closed.
   */
  private static void refuse(
      RoutingContext context, int status, String rule, String message, String detail) {
    HttpServerRequest request = context.request();
    LOG.infof("refused %s %s: %s", request.method(), request.path(), detail);
    String body = json(ApiError.of(status, rule, message, detail, null));
    AtomicLong discarded = new AtomicLong();
    request.exceptionHandler(ignored -> {});
    request.handler(
        chunk -> {
          if (discarded.addAndGet(chunk.length()) > DISCARDED_AT_MOST) {
            request.connection().close();
          }
        });
    request.endHandler(done -> request.connection().close());
    request.resume();
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, ApiError.MEDIA_TYPE + "; charset=UTF-8")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body);
  }

  private static String json(ApiError error) {
    try {
      return JSON.writeValueAsString(error);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a refusal that cannot be written as JSON: " + error, e);
    }
  }

  /** {@code 64K}, {@code 16M} or a number of bytes. */
  static long bytes(String size) {
    String value = size.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (value.endsWith("K")) {
      unit = 1024;
    } else if (value.endsWith("M")) {
      unit = 1024 * 1024;
    }
    return Long.parseLong(unit == 1 ? value : value.substring(0, value.length() - 1)) * unit;
  }
}
