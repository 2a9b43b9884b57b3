package cn.bj.hrss.card.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Requests to the running suite as a caller sends them, answers as status and body: through an HTTP
 * client, with Expect: 100-continue for a body too large to send blindly, or written by hand on a
 * socket for a header line no client would send. Also a reader of the audit's CSV.
 */
final class SuiteHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Function<String, String> serviceUrl;

  /**
   * @param serviceUrl each service's root URL by its name
   */
  SuiteHttp(Function<String, String> serviceUrl) {
    this.serviceUrl = serviceUrl;
  }

  /** Who calls: the Authorization header and the X-Channel (null for reads). */
  record Caller(String authorization, String channel) {
    Caller through(String otherChannel) {
      return new Caller(authorization, otherChannel);
    }
  }

  /** An answer: its status and body. */
  record Answer(int status, String body) {

    /** The same status and the same body (as JSON where it is JSON). */
    boolean sameAs(Answer other) {
      if (status != other.status) {
        return false;
      }
      try {
        return JSON.readTree(body).equals(JSON.readTree(other.body));
      } catch (IOException notJson) {
        return body.equals(other.body);
      }
    }

    @Override
    public String toString() {
      return status + " " + abbreviate(body);
    }
  }

  Answer call(String service, String method, String path, Caller caller, String body)
      throws Exception {
    return call(service, method, path, caller, body, Map.of());
  }

  Answer call(
      String service,
      String method,
      String path,
      Caller caller,
      String body,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(serviceUrl.apply(service) + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    if (caller != null) {
      request.header("Authorization", caller.authorization());
      if (caller.channel() != null) {
        request.header("X-Channel", caller.channel());
      }
    }
    headers.forEach(request::header);
    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(answer.statusCode(), answer.body());
  }

  /**
   * A POST with {@code body} of about ten megabytes, written on a socket by a second thread while
   * this one reads the answer: a server that refuses the body by its announced length answers (and
   * may close the connection) before reading it. (The JDK 17 HttpClient with Expect: 100-continue
   * waits for ever when the answer is not 100.)
   */
  Answer hugePost(String service, String path, Caller caller, String body) throws Exception {
    URI base = URI.create(serviceUrl.apply(service));
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nAuthorization: "
            + caller.authorization()
            + "\r\nX-Channel: "
            + caller.channel()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(content);
                  out.flush();
                } catch (IOException closedByTheServer) {
                  // the server refused the body and closed: what the test wants to see
                }
              },
              "huge-body-writer");
      writer.setDaemon(true);
      writer.start();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      try {
        socket.getInputStream().transferTo(received);
      } catch (IOException resetAfterTheAnswer) {
        // a reset after the answer was read still leaves the answer in received
      }
      String response = received.toString(StandardCharsets.UTF_8);
      if (!response.startsWith("HTTP/1.1 ")) {
        return new Answer(-1, "no answer: " + abbreviate(response));
      }
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  /**
   * A POST written by hand on a socket, with one raw header line that no HTTP client would send (a
   * CR or LF inside a header's value).
   */
  Answer rawPost(String service, String path, Caller caller, String rawHeaderLine, String body)
      throws IOException {
    URI base = URI.create(serviceUrl.apply(service));
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\n"
            + "Authorization: "
            + caller.authorization()
            + "\r\n"
            + "X-Channel: "
            + caller.channel()
            + "\r\n"
            + rawHeaderLine
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + content.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      in.transferTo(received);
      String response = received.toString(StandardCharsets.UTF_8);
      String[] statusLine = response.split("\r\n", 2)[0].split(" ");
      int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** RFC 4180: fields separated by commas, quoted with double quotes, "" for a quote inside. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
