package cn.bj.hrss.card.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Requests written by hand on a socket, for what no HTTP client would send. */
public final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code head} on a raw connection to {@code root}, and none of the body it announces, and
   * returns the status line of the answer: a service that read the body before answering would wait
   * for it, and the read times out (15 s).
   */
  public static String statusLineOfHeadAlone(URL root, String head) throws IOException {
    try (Socket socket = new Socket(root.getHost(), root.getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8).trim();
    }
  }
}
