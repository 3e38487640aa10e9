package dev.omrest.secrets;

import dev.omrest.config.SecretStore;
import dev.omrest.support.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Secrets Manager values are read once per ttl; parameters every time. */
class CachingSecretStoreTest {

    @Test
    void readsASecretOncePerTtl() {
        List<String> lookups = new ArrayList<>();
        SecretStore store = new SecretStore() {
            @Override
            public String secretsManager(String secretId) {
                lookups.add(secretId);
                return "value-" + lookups.size();
            }

            @Override
            public String parameter(String name) {
                lookups.add("ssm:" + name);
                return "parameter";
            }
        };
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T00:00:00Z"));
        CachingSecretStore cached = new CachingSecretStore(store, clock, Duration.ofMinutes(5));
        assertEquals("value-1", cached.secretsManager("a"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals("value-1", cached.secretsManager("a"));
        assertEquals("value-2", cached.secretsManager("b"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("value-3", cached.secretsManager("a"), "read again once the ttl passed");
        cached.parameter("p");
        cached.parameter("p");
        assertEquals(List.of("a", "b", "a", "ssm:p", "ssm:p"), lookups);
    }
}
