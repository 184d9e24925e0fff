package dev.comfypkgs.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** An HTTP server on the loopback interface for download tests: files, errors, cuts, stalls. */
final class LocalServer implements AutoCloseable {
  private final HttpServer server;

  LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code body} at every path under {@code prefix}. */
  LocalServer file(String prefix, byte[] body) {
    server.createContext(prefix, ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    return this;
  }

  LocalServer status(String prefix, int status) {
    server.createContext(prefix, ex -> {
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    return this;
  }

  /** Announces the whole body, sends a third of it and hangs up. */
  LocalServer truncated(String prefix, byte[] body) {
    server.createContext(prefix, ex -> {
      ex.sendResponseHeaders(200, body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, body.length / 3);
      out.flush();
      ex.close();
    });
    return this;
  }

  /** Answers only after {@code millis}. */
  LocalServer slow(String prefix, byte[] body, long millis) {
    server.createContext(prefix, ex -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (OutputStream out = ex.getResponseBody()) {
        ex.sendResponseHeaders(200, body.length);
        out.write(body);
      } catch (IOException clientGaveUp) {
        // expected: the client timed out
      }
    });
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
