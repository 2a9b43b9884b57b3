package cn.bj.hrss.card.production;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * application-service as the report relay meets it in a test: it records every request it gets (the
 * path and the actor the relay names) and answers each with 404 {@code CARD-NOT-FOUND}, so that
 * every report it is sent is settled at once. A test sees from it which reports were relayed.
 */
public final class RecordingApplicationService implements QuarkusTestResourceLifecycleManager {

  /** One request as received: {@code POST /cards/{id}/production}, and X-Actor-Id. */
  public record Request(String method, String path, String actorRole, String actorId) {}

  private static final List<Request> RECEIVED = new CopyOnWriteArrayList<>();
  private static final byte[] NOT_FOUND =
      "{\"rule\":\"CARD-NOT-FOUND\",\"message\":\"未找到该卡。\",\"detail\":\"no card with this id\"}"
          .getBytes(StandardCharsets.UTF_8);

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          RECEIVED.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("X-Actor-Role"),
                  exchange.getRequestHeaders().getFirst("X-Actor-Id")));
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(404, NOT_FOUND.length);
          exchange.getResponseBody().write(NOT_FOUND);
          exchange.close();
        });
    server.start();
    return Map.of("application-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** The requests about one card, in the order received. */
  public static List<Request> about(String cardId) {
    String path = "/cards/" + cardId;
    return RECEIVED.stream()
        .filter(r -> r.path().equals(path) || r.path().startsWith(path + "/"))
        .toList();
  }
}
