package dev.omrest.write;

import dev.omrest.budget.RunBudget;
import dev.omrest.config.Secret;
import dev.omrest.config.SinkTarget;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.plan.Plan;
import dev.omrest.plan.PlanOptions;
import dev.omrest.plan.Planner;
import dev.omrest.support.MovableClock;
import dev.omrest.support.Specs;
import dev.omrest.support.StubApi;
import dev.omrest.support.StubResponse;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The server sink against a scripted API. */
class OpenMetadataSinkTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));

    @Test
    void aFirstRunWhoseDeadlinePassesBeforeItsFirstWriteCountsEverythingSkipped() {
        StubApi stub = new StubApi(Map.<String, Function<Object[], Response>>of(
                "version", args -> StubResponse.json(200, "{\"version\": \"1.6.9\"}"),
                "apiService", args -> StubResponse.json(404, "{\"message\": \"not found\"}")));
        RunBudget budget = RunBudget.of(clock, Duration.ofMinutes(1));
        // not closed: the stub is no REST client
        OpenMetadataSink sink = new OpenMetadataSink(stub.api(),
                new SinkTarget.OpenMetadata(URI.create("http://om/api"), Secret.of("jwt")), WriteSettings.DEFAULT, budget);
        {
            CurrentState current = sink.read("svc");
            DesiredState desired = Specs.map("""
                    {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                     "paths": {"/x": {"get": {"responses": {}}}, "/y": {"get": {"responses": {}}}}}""",
                    Specs.context("svc", null, null));
            Plan plan = Planner.plan(desired, current, PlanOptions.defaults());
            clock.advance(Duration.ofMinutes(1));
            Written written = sink.write(plan, false);
            assertFalse(written.serviceCreated());
            assertEquals(new Written.Count(0, 0, 0, 0, 1), written.collections());
            assertEquals(new Written.Count(0, 0, 0, 0, 2), written.endpoints());
            assertEquals(3, written.skipped());
        }
        assertEquals(List.of("version", "apiService"), stub.calls(), "nothing sent after the deadline");
    }
}
