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

    static {
        // plain-HTTP fetches connect to the address the guard checked and name the host in Host (AddressGuard); the
        // JDK client reads this once, when its first client is built
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders");
        if (allowed == null || allowed.isBlank()) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        } else if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed + ",host");
        }
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
