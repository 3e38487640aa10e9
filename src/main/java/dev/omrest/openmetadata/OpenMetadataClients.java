package dev.omrest.openmetadata;

import dev.omrest.config.Redact;
import dev.omrest.config.SinkTarget;
import dev.omrest.net.AddressGuard;
import dev.omrest.net.Reach;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the REST client for one server; the base URI comes from the payload, so it is built per run. Answers may come
 * gzip-compressed (OpenMetadata compresses listings for clients that accept it).
 */
public final class OpenMetadataClients {
    private OpenMetadataClients() {
    }

    /**
     * @throws OpenMetadataException when the server's address is one the function never connects to (the Runtime API,
     *                               metadata and link-local addresses unless allowed, the unspecified address)
     */
    public static OpenMetadataApi create(SinkTarget.OpenMetadata target, Duration readTimeout, Reach reach) {
        try {
            AddressGuard.check(target.apiUrl(), reach);
        } catch (AddressGuard.Refused e) {
            // an unknown host too: a name that does not resolve now and resolves later could not have been checked
            throw new OpenMetadataException(0, (e.unknownHost() ? "Cannot reach OpenMetadata at " : "Refusing to connect to OpenMetadata at ")
                    + Redact.url(target.apiUrl()) + ": " + e.getMessage());
        }
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(target.apiUrl())
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .enableCompression(true)
                .register(new BearerToken(target.jwtToken()))
                .build(OpenMetadataApi.class);
    }

    /**
     * Closes a client from {@link #create}: its connection pool stays registered with the shared Vert.x instance
     * otherwise, one per run for as long as a warm Lambda environment lives.
     */
    public static void close(OpenMetadataApi api) {
        if (api instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                // the run is over; a client that does not close cleanly has nothing left to lose
            }
        } else {
            throw new IllegalStateException("REST client proxies are closeable; " + api.getClass() + " is not");
        }
    }
}
