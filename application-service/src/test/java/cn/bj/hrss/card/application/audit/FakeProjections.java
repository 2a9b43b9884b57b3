package cn.bj.hrss.card.application.audit;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the three consumer services' projection endpoints: whatever a test PUTs to a path
 * is what a GET of that path answers. card-production-service and notification-service are served
 * under /production and /notification; bank-gateway-service points at a closed port.
 */
public class FakeProjections implements QuarkusTestResourceLifecycleManager {

  private HttpServer server;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          if (exchange.getRequestMethod().equals("PUT")) {
            bodies.put(path, exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
          } else {
            byte[] body = bodies.get(path);
            if (body == null) {
              body = "not set".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(404, body.length);
            } else {
              exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "reconciliation.card-production-url", base + "/production",
        "reconciliation.notification-url", base + "/notification",
        "reconciliation.bank-gateway-url", "http://127.0.0.1:1");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
