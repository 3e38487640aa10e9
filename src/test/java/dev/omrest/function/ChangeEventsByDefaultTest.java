package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.Fault;
import dev.omrest.emulator.OpenMetadataEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.omrest.function.IngestFunctionTest.JWT;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment that checks seals by change events ({@code OMREST_RUN_UNCHANGED_CHECK=changeEvents}) does so for
 * payloads that do not say, as pipelines made in OpenMetadata's UI cannot; a payload's own settings win. The
 * function's clock is the test's ({@link MovedClock}), and the server's is set to it, hours apart per run.
 */
@QuarkusTest
@TestProfile(ChangeEventsByDefaultTest.ByEvents.class)
class ChangeEventsByDefaultTest extends LoopbackServers {
    public static class ByEvents implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omrest.run.unchanged-check", "changeEvents");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovedClock.class);
        }
    }

    /** A run this many hours before the function's clock, on the server's clock. */
    private JsonNode runAt(int hours, Map<String, Object> sourceConfig) {
        om.clockOffset(Duration.between(Instant.now(), MovedClock.CLOCK.instant()).plusHours(hours));
        try {
            return ingest(om, petstoreYaml(), sourceConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPayloadThatDoesNotSayIsCheckedByEventsAndOneThatDoesHasItsWay() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        assertEquals("the service does not exist yet", runAt(-3, Map.of()).path("sealCheck").path("because").asText());
        assertTrue(runAt(-2, Map.of()).path("sealCheck").path("restamped").asBoolean());
        assertEquals("changeEvents", runAt(-1, Map.of()).path("sealCheck").path("by").asText());
        JsonNode listing = runAt(-1, Map.of("unchangedCheck", "listing"));
        assertFalse(listing.has("sealCheck"), listing.toString());
        assertEquals(List.of("parse", "map"), List.of(listing.path("skippedPhases").get(0).asText(),
                listing.path("skippedPhases").get(1).asText()));

        JsonNode old = runAt(0, Map.of("unchangedCheckMaxAgeHours", 1));
        assertEquals("listing", old.path("sealCheck").path("by").asText(), old.toString());
        assertTrue(old.path("sealCheck").path("because").asText().endsWith(
                ", longer ago than unchangedCheckMaxAgeHours (1 h)"), old.toString());
    }

    /**
     * Every 5 minutes, less than the 10 minutes the events are read back from: the first stamp still sees the first
     * run's writes, and stamping again at once would see them too, so the runs list without a write until the stamp
     * is 12 minutes old; the stamp then made sees nothing before it, and the runs after it read no endpoint.
     */
    @Test
    void aScheduleMoreOftenThanTheMarginListsForAWhileButDoesNotStampEveryRun() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        List<String> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 6; run++) {
            MovedClock.CLOCK.advance(Duration.ofMinutes(5));
            om.clearRequests();
            JsonNode report = runAt(0, Map.of());
            long patches = om.requests().stream().filter(r -> r.method().equals("PATCH")).count();
            runs.add(report.path("sealCheck").path("by").asText() + (patches > 0 ? " + stamp" : ""));
        }
        assertEquals(List.of("listing", "listing + stamp", "listing", "listing", "listing + stamp", "changeEvents"), runs);
    }

    @Test
    void aListingThatTookLongerThanTheMarginAllowsIsNotStamped() {
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, JWT);
        runAt(-3, Map.of());
        // the outline counts the endpoints twice; the listing after it is where the run's clock moves 6 minutes
        om.injectFault(Fault.action("GET", "/v1/apiEndpoints", 2, () -> { }));
        om.injectFault(Fault.action("GET", "/v1/apiEndpoints", 1, () -> MovedClock.CLOCK.advance(Duration.ofMinutes(6))));
        om.clearRequests();
        JsonNode slow = runAt(-2, Map.of());
        assertEquals(List.of("parse", "map"), List.of(slow.path("skippedPhases").get(0).asText(),
                slow.path("skippedPhases").get(1).asText()));
        assertEquals(false, slow.path("sealCheck").path("restamped").asBoolean(true), slow.toString());
        assertTrue(om.requests().stream().noneMatch(r -> r.method().equals("PATCH")), "no stamp");
        assertTrue(runAt(-1, Map.of()).path("sealCheck").path("restamped").asBoolean(), "a quick listing stamps");
    }
}
