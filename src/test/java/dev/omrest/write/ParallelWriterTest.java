package dev.omrest.write;

import dev.omrest.budget.RunBudget;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.RetryPolicy;
import dev.omrest.openmetadata.ServerCalls;
import dev.omrest.openmetadata.WriteCalls;
import dev.omrest.plan.Change;
import dev.omrest.plan.Plan;
import dev.omrest.plan.PlanOptions;
import dev.omrest.plan.Planner;
import dev.omrest.plan.Write;
import dev.omrest.outcome.Notice;
import dev.omrest.support.MovableClock;
import dev.omrest.support.Specs;
import dev.omrest.support.StubApi;
import dev.omrest.support.StubResponse;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write step against a scripted API: bulk calls, the fall back to one PUT per entity, failures per entity, the budget. */
class ParallelWriterTest {
    private static final String SPEC = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "tags": [{"name": "a"}],
             "paths": {"/x": {"get": {"tags": ["a"], "responses": {}}, "post": {"tags": ["a"], "responses": {}}},
                       "/y": {"get": {"tags": ["a"], "responses": {}}}}}""";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final List<Write<CreateApiEndpoint>> endpoints = plan().endpoints();

    private static Plan plan() {
        DesiredState desired = Specs.map(SPEC, Specs.context("svc", null, null));
        return Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults());
    }

    private ParallelWriter writer(StubApi stub, boolean bulk, boolean overrideMetadata, RunBudget budget) {
        ServerCalls calls = new ServerCalls("http://om/api", RetryPolicy.DEFAULT, budget);
        // one thread: calls in turn, so a test can move the clock between them
        return new ParallelWriter(stub.api(), new WriteCalls(calls, true), 1, true, bulk, overrideMetadata, budget, 8L << 20);
    }

    private RunBudget minutes(int minutes) {
        return RunBudget.of(clock, Duration.ofMinutes(minutes));
    }

    private static Map<String, Function<Object[], Response>> script(Object... pairs) {
        Map<String, Function<Object[], Response>> script = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Function<Object[], Response> answer = (Function<Object[], Response>) pairs[i + 1];
            script.put((String) pairs[i], answer);
        }
        return script;
    }

    @Test
    void aServerWithoutTheBulkRouteGetsOnePutPerEntity() {
        StubApi stub = new StubApi(script(
                "bulkApiEndpoints", (Function<Object[], Response>) args -> StubResponse.json(404, "{\"message\": \"HTTP 404 Not Found\"}"),
                "putApiEndpoint", (Function<Object[], Response>) args -> StubResponse.json(201, "{\"id\": \"e\"}")));
        Tally tally = new Tally();
        try (ParallelWriter writer = writer(stub, true, false, minutes(14))) {
            assertEquals(List.of(), writer.endpoints(endpoints, tally));
            assertFalse(writer.bulk(), "the rest of the run goes entity by entity");
        }
        assertEquals(List.of("bulkApiEndpoints", "putApiEndpoint", "putApiEndpoint", "putApiEndpoint"), stub.calls());
        assertEquals(new Written.Count(3, 0, 0, 0, 0), tally.count());
    }

    @Test
    void aBulkCallsFailedRequestsFailTheirEntitiesOnly() {
        StubApi stub = new StubApi(script("bulkApiEndpoints", (Function<Object[], Response>) args -> StubResponse.json(200, """
                {"numberOfRowsProcessed": 3, "numberOfRowsPassed": 2, "numberOfRowsFailed": 1,
                 "failedRequest": [{"request": {"name": "/y/get", "apiCollection": "svc.a"}, "message": "name too long"}]}""")));
        Tally tally = new Tally();
        List<Notice> errors;
        try (ParallelWriter writer = writer(stub, true, false, minutes(14))) {
            errors = writer.endpoints(endpoints, tally);
            assertTrue(writer.bulk());
        }
        assertEquals(List.of(new Notice("svc.a./y/get", "Failed to flush entities to bulk API: name too long")), errors);
        assertEquals(new Written.Count(2, 0, 0, 1, 0), tally.count());
        assertEquals(List.of("bulkApiEndpoints"), stub.calls());
    }

    @Test
    void onceTheBudgetIsSpentNothingIsSentAndEverythingIsCountedSkipped() {
        StubApi stub = new StubApi(Map.of());
        RunBudget budget = minutes(1);
        clock.advance(Duration.ofMinutes(1));
        Tally tally = new Tally();
        try (ParallelWriter writer = writer(stub, false, false, budget)) {
            assertEquals(List.of(), writer.endpoints(endpoints, tally));
        }
        assertEquals(List.of(), stub.calls());
        assertEquals(new Written.Count(0, 0, 0, 0, 3), tally.count());
    }

    @Test
    void whenTheDeadlinePassesDuringACallTheRestIsSkippedNotFailed() {
        RunBudget budget = minutes(1);
        StubApi stub = new StubApi(script("putApiEndpoint", (Function<Object[], Response>) args -> {
            clock.advance(Duration.ofMinutes(2)); // the first call is answered (in the grace); nothing new starts
            return StubResponse.json(201, "{\"id\": \"e\"}");
        }));
        Tally tally = new Tally();
        try (ParallelWriter writer = writer(stub, false, false, budget)) {
            assertEquals(List.of(), writer.endpoints(endpoints, tally));
        }
        assertEquals(List.of("putApiEndpoint"), stub.calls());
        assertEquals(new Written.Count(1, 0, 0, 0, 2), tally.count());
    }

    @Test
    void overrideMetadataPatchesTheSourcesDescriptionAfterAnUpdate() {
        List<String> patched = Collections.synchronizedList(new java.util.ArrayList<>());
        StubApi stub = new StubApi(script(
                "putApiEndpoint", (Function<Object[], Response>) args -> StubResponse.json(200, "{\"id\": \"e1\"}"),
                "patchApiEndpoint", (Function<Object[], Response>) args -> {
                    patched.add(args[0] + " " + args[1]);
                    return StubResponse.json(200, "{\"id\": \"e1\"}");
                }));
        Write<CreateApiEndpoint> first = endpoints.get(0);
        Write<CreateApiEndpoint> update = new Write<>(first.fqn(), first.request(), Change.UPDATE, first.bytes(), first.kept());
        Tally tally = new Tally();
        try (ParallelWriter writer = writer(stub, false, true, minutes(14))) {
            assertEquals(List.of(), writer.endpoints(List.of(update), tally));
        }
        assertEquals(List.of("putApiEndpoint", "patchApiEndpoint"), stub.calls());
        assertEquals(1, patched.size());
        assertTrue(patched.get(0).startsWith("e1 "), patched.toString());
        assertEquals(new Written.Count(0, 1, 0, 0, 0), tally.count());
    }
}
