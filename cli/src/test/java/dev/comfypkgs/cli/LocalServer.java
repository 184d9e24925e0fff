package dev.comfypkgs.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on the loopback interface for download tests: files, errors, cuts, stalls,
 * scripted answers (rate limits with their headers, "429 then 200"), and a log of what was asked.
 */
public final class LocalServer implements AutoCloseable {
  /** How long {@link #announce} keeps a connection open waiting for the client to hang up. */
  private static final long ANNOUNCE_GIVE_UP_MILLIS = 30_000;

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();

  /** One request as the server saw it: its raw path and its headers (names lower-cased). */
  public record Request(String path, Map<String, String> headers) {}

  /**
   * An answer: status, headers and body. A body {@code withoutLength} is sent chunked, so only
   * its end says how long it is.
   */
  public record Response(int status, Map<String, String> headers, byte[] body, boolean withoutLength) {
    public static Response of(int status, String body) {
      return new Response(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Response of(int status, byte[] body) {
      return new Response(status, Map.of(), body, false);
    }

    /** This response with one more header. */
    public Response header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Response(status, more, body, withoutLength);
    }

    /** This response sent with chunked transfer encoding, so with no Content-Length. */
    public Response chunked() {
      return new Response(status, headers, body, true);
    }
  }

  public LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code body} at every path under {@code prefix}. */
  public LocalServer file(String prefix, byte[] body) {
    return respond(prefix, Response.of(200, body));
  }

  public LocalServer status(String prefix, int status) {
    return handle(prefix, ex -> {
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
  }

  /** Answers every request under {@code prefix} with {@code response}. */
  public LocalServer respond(String prefix, Response response) {
    return handle(prefix, ex -> send(ex, response));
  }

  /**
   * Answers the requests under {@code prefix} with {@code responses} in turn, the last one
   * repeated once they run out: "429, then 200".
   */
  public LocalServer sequence(String prefix, Response... responses) {
    AtomicInteger next = new AtomicInteger();
    return handle(prefix, ex -> send(ex, responses[Math.min(next.getAndIncrement(), responses.length - 1)]));
  }

  /**
   * Announces a body of {@code contentLength} bytes and then sends nothing more, holding the
   * connection until the client hangs up: a download that must be refused on its headers alone.
   */
  public LocalServer announce(String prefix, long contentLength) {
    return handle(prefix, ex -> {
      ex.sendResponseHeaders(200, contentLength);
      OutputStream out = ex.getResponseBody();
      try {
        // A write is the only way to notice that the client has gone; a lone byte now and then
        // is far too little for a client to accept the download.
        for (long waited = 0; waited < ANNOUNCE_GIVE_UP_MILLIS; waited += 50) {
          out.write(0);
          out.flush();
          Thread.sleep(50);
        }
      } catch (IOException clientHungUp) {
        // expected: the client refused the download
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ex.close();
      }
    });
  }

  /** Announces the whole body, sends a third of it and hangs up. */
  public LocalServer truncated(String prefix, byte[] body) {
    return handle(prefix, ex -> {
      ex.sendResponseHeaders(200, body.length);
      OutputStream out = ex.getResponseBody();
      out.write(body, 0, body.length / 3);
      out.flush();
      ex.close();
    });
  }

  /** Answers only after {@code millis}. */
  public LocalServer slow(String prefix, byte[] body, long millis) {
    return handle(prefix, ex -> {
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
  }

  /** The raw paths of the requests so far, in the order they arrived. */
  public synchronized List<String> paths() {
    return requests.stream().map(Request::path).toList();
  }

  /** The requests so far, in the order they arrived. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private LocalServer handle(String prefix, HttpHandler handler) {
    server.createContext(prefix, ex -> {
      log(ex);
      handler.handle(ex);
    });
    return this;
  }

  private synchronized void log(HttpExchange ex) {
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    requests.add(new Request(ex.getRequestURI().getRawPath(), Map.copyOf(headers)));
  }

  private static void send(HttpExchange ex, Response response) throws IOException {
    response.headers().forEach((name, value) -> ex.getResponseHeaders().add(name, value));
    long length = response.withoutLength() ? 0 : response.body().length == 0 ? -1 : response.body().length;
    ex.sendResponseHeaders(response.status(), length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(response.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
