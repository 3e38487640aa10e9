package dev.omrest.source;

import dev.omrest.config.HttpAccess;
import dev.omrest.config.Secret;
import dev.omrest.config.SpecLocation;
import dev.omrest.emulator.SpecServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecSourceTest {
    private static final FetchLimits SMALL = new FetchLimits(Duration.ofSeconds(2), Duration.ofSeconds(1), 1024, 5, false);

    static HttpAccess bearer(String token) {
        return new HttpAccess(Map.of("Authorization", Secret.of("Bearer " + token)), Map.of(), null, HttpAccess.Tls.DEFAULT);
    }

    @Test
    void bodiesOverTheCapAreRefused() {
        try (SpecServer server = SpecServer.start()) {
            server.serve("/big.json", 200, "application/json", "{\"openapi\": \"" + "x".repeat(2000) + "\"}");
            server.serve("/small.json", 200, "application/json", "{}");
            SpecSource source = new SpecSource(SMALL);
            assertEquals("The OpenAPI schema at " + server.url("/big.json") + " is larger than 1024 bytes",
                    assertThrows(SpecFetchException.class,
                            () -> source.fetch(new SpecLocation.Url(URI.create(server.url("/big.json")), HttpAccess.NONE))).getMessage());
            RawSpec small = source.fetch(new SpecLocation.Url(URI.create(server.url("/small.json")), HttpAccess.NONE));
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), small.body());
            assertEquals("application/json", small.mediaType());
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/spec.json");
            assertEquals("Failed to fetch the OpenAPI schema from " + uri + ": timed out after 1 s (the whole fetch, redirects and body included)",
                    assertThrows(SpecFetchException.class, () -> new SpecSource(SMALL).fetch(new SpecLocation.Url(uri, HttpAccess.NONE))).getMessage());
        }
    }

    @Test
    void theTokenGoesOnlyToTheConfiguredHostAndNeverIntoMessages() {
        try (SpecServer server = SpecServer.start()) {
            server.serve("/spec.json", 200, "application/json", "{}").requireBearer("/spec.json", "s3cr3t");
            URI uri = URI.create(server.url("/spec.json") + "?apikey=abc");
            SpecFetchException e = assertThrows(SpecFetchException.class,
                    () -> new SpecSource(SMALL).fetch(new SpecLocation.Url(uri, bearer("wrong-s3cr3t"))));
            assertFalse(e.getMessage().contains("s3cr3t"));
            assertFalse(e.getMessage().contains("abc"));
            assertTrue(e.getMessage().endsWith("Status Code was: 401"), e.getMessage());
            assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), new SpecSource(SMALL).fetch(
                    new SpecLocation.Url(URI.create(server.url("/spec.json")), bearer("s3cr3t"))).body());
        }
    }

    @Test
    void filesAreReadWithTheirExtension(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("API.YAML"), "openapi: 3.0.0");
        RawSpec raw = new SpecSource(SMALL).fetch(new SpecLocation.File(spec));
        assertEquals("yaml", raw.extension());
        assertEquals(spec.toString(), raw.origin());
        assertEquals("The OpenAPI schema file " + dir.resolve("none.json") + " does not exist or is not a regular file",
                assertThrows(SpecFetchException.class, () -> new SpecSource(SMALL).fetch(new SpecLocation.File(dir.resolve("none.json"))))
                        .getMessage());
        assertEquals("The OpenAPI schema file " + dir + " does not exist or is not a regular file",
                assertThrows(SpecFetchException.class, () -> new SpecSource(SMALL).fetch(new SpecLocation.File(dir))).getMessage());
    }
}
