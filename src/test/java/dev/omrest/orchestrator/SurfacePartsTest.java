package dev.omrest.orchestrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.openmetadata.ServerVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small rules of the surface: dag ids, schedule names, Basic auth, log pages. */
class SurfacePartsTest {

    @Test
    void dagIdsAreCleanedAsThePluginCleansThem() {
        assertEquals("petstore_metadata_Ab12-x_", DagIds.clean("petstore.metadata Ab12-x%"));
        assertEquals("a_b", DagIds.clean("a..b"));
        assertEquals("a_b", DagIds.clean("a\u00e9b"));
    }

    @Test
    void longDagIdsKeepDistinctScheduleNamesWithin64() {
        String a = "x".repeat(70) + "a";
        String b = "x".repeat(70) + "b";
        assertEquals(64, DagIds.scheduleName(a).length());
        assertTrue(DagIds.scheduleName(a).startsWith("x".repeat(55) + "-"));
        assertFalse(DagIds.scheduleName(a).equals(DagIds.scheduleName(b)));
        assertEquals("short_name", DagIds.scheduleName("short_name"));
    }

    @Test
    void basicAuthAdmitsOnlyTheExactCredentials() {
        Credentials credentials = new Credentials("openmetadata", "s3cr3t");
        assertTrue(credentials.admit("Basic b3Blbm1ldGFkYXRhOnMzY3IzdA=="));
        assertFalse(credentials.admit("Basic b3Blbm1ldGFkYXRhOnMzY3IzdQ=="));
        assertFalse(credentials.admit("Bearer b3Blbm1ldGFkYXRhOnMzY3IzdA=="));
        assertFalse(credentials.admit(null));
        assertFalse(credentials.admit(""));
        assertFalse(credentials.toString().contains("s3cr3t"));
    }

    @Test
    void logsArePagedAsThePluginPagesThem() {
        String text = "a".repeat(LogPages.PAGE) + "b".repeat(10);
        ObjectNode first = LogPages.page("ingestion_task", text, "");
        assertEquals(LogPages.PAGE, first.path("ingestion_task").asText().length());
        assertEquals(2, first.path("total").asInt());
        assertEquals(1, first.path("after").asInt());
        ObjectNode second = LogPages.page("ingestion_task", text, "1");
        assertEquals("b".repeat(10), second.path("ingestion_task").asText());
        assertFalse(second.has("after"));
        assertEquals("after 2 is out of range: the log has 2 pages",
                assertThrows(BadRequest.class, () -> LogPages.page("ingestion_task", text, "2")).getMessage());
        ObjectNode empty = LogPages.page("ingestion_task", "", null);
        assertEquals("", empty.path("ingestion_task").asText());
        assertEquals(1, empty.path("total").asInt());
    }

    @Test
    void jsonLogLinesReadAsText() {
        String json = "{\"timestamp\":\"2026-12-07T01:00:00.000Z\",\"level\":\"INFO\",\"loggerName\":\"dev.omrest.report.RunLog\","
                + "\"message\":\"ingest service=petstore status=success\",\"mdc\":{\"runId\":\"r\"}}";
        assertEquals("2026-12-07T01:00:00.000Z INFO RunLog - ingest service=petstore status=success\nplain line\n",
                LogPages.text(List.of(json, "plain line")));
    }

    /**
     * The server's gate: 1.6 compares x.y.z, 2.0 major.minor; every server from 1.6 to 2.0 gets its own version back,
     * any other the nearest supported one with why, so the server reports a mismatch naming both.
     */
    @Test
    void healthAnswersTheVersionTheServersGatePasses() {
        assertEquals("{\"status\":\"healthy\",\"version\":\"1.6.0\"}",
                Health.answer(ServerVersion.parse("1.6.0-SNAPSHOT")).json());
        assertEquals("{\"status\":\"healthy\",\"version\":\"1.6.9\"}", Health.answer(ServerVersion.parse("1.6.9")).json());
        assertEquals("{\"status\":\"healthy\",\"version\":\"1.12.3\"}", Health.answer(ServerVersion.parse("1.12.3")).json());
        assertEquals("{\"status\":\"healthy\",\"version\":\"2.0.9\"}", Health.answer(ServerVersion.parse("2.0.9")).json());
        assertEquals("{\"status\":\"unhealthy\",\"version\":\"1.6.0\",\"message\":\"OpenMetadata 1.5.12 is older than the "
                + "oldest release this function serves, 1.6\"}", Health.answer(ServerVersion.parse("1.5.12")).json());
        assertEquals("{\"status\":\"unhealthy\",\"version\":\"2.0.7\",\"message\":\"OpenMetadata 2.1.0 is newer than the "
                + "newest release this function serves, 2.0\"}", Health.answer(ServerVersion.parse("2.1.0")).json());
        assertEquals(200, Health.answer(ServerVersion.parse("2.1.0")).status());
    }
}
