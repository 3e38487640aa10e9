package dev.omrest.secrets;

import dev.omrest.config.SecretStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SecretStore} that keeps the Secrets Manager values it read for {@code ttl}: for a function called again and
 * again in one environment (pipelineService answers every call of the server's client), so that a rotated secret is
 * taken within the ttl without a lookup per call. Parameters are read through each time.
 */
public final class CachingSecretStore implements SecretStore {
    private final SecretStore store;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> values = new ConcurrentHashMap<>();

    private record Cached(String value, Instant until) {
    }

    public CachingSecretStore(SecretStore store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public String secretsManager(String secretId) {
        Instant now = clock.instant();
        Cached cached = values.get(secretId);
        if (cached == null || now.isAfter(cached.until())) {
            cached = new Cached(store.secretsManager(secretId), now.plus(ttl));
            values.put(secretId, cached);
        }
        return cached.value();
    }

    @Override
    public String parameter(String name) {
        return store.parameter(name);
    }
}
