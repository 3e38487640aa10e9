package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.Secret;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP clients and OAuth2 tokens of one {@link SpecSource}: one client per TLS setting and connect timeout, whose
 * connections the fetches through it reuse, and one access token per OAuth2 client, so a spec and the files it references cost one
 * token request, not one each.
 */
final class HttpClients {
    /** A client's settings: clients for referenced files near the end of their time budget connect for less long. */
    private record Settings(HttpAccess.Tls tls, Duration connectTimeout) {
    }

    private final Map<Settings, HttpClient> clients = new HashMap<>();
    private final Map<HttpAccess.OAuth2, Secret> tokens = new HashMap<>();

    synchronized HttpClient client(HttpAccess.Tls tls, Duration connectTimeout) {
        return clients.computeIfAbsent(new Settings(tls, connectTimeout), settings -> HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(TlsContexts.forMode(settings.tls()))
                .build());
    }

    synchronized Secret token(HttpAccess.OAuth2 oauth2, Supplier<Secret> request) {
        return tokens.computeIfAbsent(oauth2, client -> request.get());
    }
}
