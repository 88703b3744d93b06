package io.selfheal.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.selfheal.runtime.config.HttpConfig;
import io.selfheal.runtime.engine.HealingEngine;
import io.selfheal.runtime.engine.TargetRuntime;
import io.selfheal.runtime.health.HealthMonitor;
import io.selfheal.runtime.health.TargetHealth;
import io.selfheal.runtime.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} (Prometheus text, or OpenMetrics when {@code Accept} asks for
 * {@code application/openmetrics-text}) and {@code GET /health} (JSON) on the JDK's own HTTP
 * server, one daemon thread. With a token file, every request needs {@code Authorization: Bearer
 * <token>}; without it the answer is 401 with an empty body, and nothing else.
 */
public final class HttpEndpoint implements OperatorEndpoint {
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final HealingEngine engine;
    private final HealthMonitor health;
    private final String version;
    private final long startMillis;

    private HttpEndpoint(HttpServer server, ExecutorService executor, byte[] token, HealingEngine engine,
            HealthMonitor health, String version) {
        this.server = server;
        this.executor = executor;
        this.token = token;
        this.engine = engine;
        this.health = health;
        this.version = version;
        this.startMillis = engine.clock().currentTimeMillis();
    }

    /** Binds and starts the endpoint. */
    public static HttpEndpoint start(HttpConfig config, HealingEngine engine, HealthMonitor health, String version)
            throws IOException {
        byte[] token = null;
        if (config.tokenFile() != null) {
            String text = Files.readString(Paths.get(config.tokenFile()), StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                throw new IOException("the token file " + config.tokenFile() + " is empty");
            }
            token = text.getBytes(StandardCharsets.UTF_8);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "selfheal-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpEndpoint endpoint = new HttpEndpoint(server, executor, token, engine, health, version);
        server.createContext("/", endpoint::handle);
        startAsDaemon(server);
        return endpoint;
    }

    /**
     * The server's dispatcher thread inherits the daemon flag of the thread that starts it; it
     * must be a daemon, or the agent would keep the application's JVM from exiting.
     */
    private static void startAsDaemon(HttpServer server) throws IOException {
        Thread starter = new Thread(server::start, "selfheal-http-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new IOException("interrupted while starting the HTTP endpoint", e);
        }
    }

    @Override
    public String address() {
        InetSocketAddress a = server.getAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"selfheal\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> sendMetrics(exchange);
                case "/health" -> send(exchange, "application/json", healthJson());
                default -> exchange.sendResponseHeaders(404, -1);
            }
        } catch (RuntimeException e) {
            engine.fault("http", e);
        }
    }

    /** Prometheus text, or OpenMetrics when the scraper's {@code Accept} asks for it. */
    private void sendMetrics(HttpExchange exchange) throws IOException {
        String text = PrometheusText.render(engine, health, version,
                (engine.clock().currentTimeMillis() - startMillis) / 1000.0);
        if (OpenMetricsText.wanted(exchange.getRequestHeaders().getFirst("Accept"))) {
            send(exchange, OpenMetricsText.CONTENT_TYPE, OpenMetricsText.from(text));
        } else {
            send(exchange, PrometheusText.CONTENT_TYPE, text);
        }
    }

    private boolean authorized(String header) {
        if (token == null) {
            return true;
        }
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private String healthJson() {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (TargetRuntime t : engine.targets()) {
            TargetHealth h = health.health(t);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("health", h.health().name());
            one.put("errorRate", h.errorRate());
            one.put("runs", h.runs());
            one.put("failures", h.failures());
            one.put("circuit", t.circuitState().name());
            one.put("isolated", t.isIsolated());
            targets.put(t.name(), one);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("health", health.agentHealth().name());
        root.put("version", version);
        root.put("window", io.selfheal.runtime.config.Durations.format(health.config().window()));
        root.put("targets", targets);
        StringBuilder sb = new StringBuilder();
        Json.write(root, sb);
        return sb.append('\n').toString();
    }

    private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
