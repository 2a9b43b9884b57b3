package cn.bj.hrss.card.application.outage;

import cn.bj.hrss.card.devidentity.DevTokens;
import cn.bj.hrss.card.infra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test PostgreSQL behind a TCP relay on loopback that a test can cut (every open connection
 * closed, new ones refused, as when the server is stopped) and restore on the same port. The
 * service under test is given the relay's address, so only it loses its database: the shared
 * server, and the other test classes on it, are untouched.
 */
public class CuttableDatabase implements QuarkusTestResourceLifecycleManager {

  private static volatile Relay relay;

  /** The relay of the running test profile. */
  static Relay relay() {
    return relay;
  }

  @Override
  public Map<String, String> start() {
    LocalInfrastructure infra = LocalInfrastructure.shared();
    URI target = URI.create(infra.postgres().jdbcUrl().substring("jdbc:".length()));
    relay = new Relay(target.getHost(), target.getPort());
    relay.open();
    String url =
        infra
            .postgres()
            .jdbcUrl()
            .replace("//" + target.getRawAuthority() + "/", "//127.0.0.1:" + relay.port() + "/");
    return Map.of(
        "quarkus.datasource.jdbc.url", url,
        "quarkus.datasource.username", infra.postgres().user(),
        "quarkus.datasource.password", infra.postgres().password(),
        "kafka.bootstrap.servers", infra.kafka().bootstrapServers(),
        "mp.jwt.verify.publickey", DevTokens.shared().publicKeyBase64(),
        "mp.jwt.verify.issuer", DevTokens.ISSUER);
  }

  @Override
  public void stop() {
    if (relay != null) {
      relay.cut();
    }
  }

  /** Forwards loopback connections to the database, byte for byte, until cut. */
  static final class Relay {
    private final String host;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    Relay(String host, int targetPort) {
      this.host = host;
      this.targetPort = targetPort;
    }

    int port() {
      return port;
    }

    /** Listens (again, on the same port after a cut) and relays every connection. */
    synchronized void open() {
      try {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = socket.getLocalPort();
        server = socket;
        Thread accept = new Thread(() -> accept(socket), "db-relay-accept");
        accept.setDaemon(true);
        accept.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Closes every relayed connection and stops listening: the database is gone. */
    synchronized void cut() {
      try {
        if (server != null) {
          server.close();
        }
      } catch (IOException e) {
        // closed anyway
      }
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // closed anyway
        }
      }
      sockets.clear();
    }

    private void accept(ServerSocket listening) {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream;
          try {
            upstream = new Socket(host, targetPort);
          } catch (IOException e) {
            closeQuietly(client);
            continue;
          }
          sockets.add(client);
          sockets.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // the listener was closed by cut(), or the database refused: the client sees it closed
        }
      }
    }

    private void pump(Socket from, Socket to) {
      Thread thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  int read;
                  while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                  }
                } catch (IOException e) {
                  // one side closed
                } finally {
                  closeQuietly(from);
                  closeQuietly(to);
                  sockets.remove(from);
                  sockets.remove(to);
                }
              },
              "db-relay-pump");
      thread.setDaemon(true);
      thread.start();
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // closed anyway
      }
    }
  }
}
