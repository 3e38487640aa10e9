package dev.omrest.openmetadata;

import dev.omrest.config.Secret;
import dev.omrest.config.SinkTarget;
import dev.omrest.emulator.OpenMetadataEmulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A run's REST client is closed after it: it answers before, and refuses any call after. */
@QuarkusTest
class OpenMetadataClientsTest {

    @Test
    void aClosedClientMakesNoMoreCalls() {
        try (OpenMetadataEmulator om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, "jwt")) {
            OpenMetadataApi api = OpenMetadataClients.create(
                    new SinkTarget.OpenMetadata(URI.create(om.apiUrl()), Secret.of("jwt")), Duration.ofSeconds(5), dev.omrest.net.Reach.DEFAULT);
            try (Response version = api.version()) {
                assertEquals(200, version.getStatus());
            }
            OpenMetadataClients.close(api);
            assertThrows(IllegalStateException.class, api::version);
            assertEquals(1, om.requests().size(), "the call after close never reached the server");
        }
    }
}
