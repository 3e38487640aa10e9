package dev.omrest.plan;

import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PlannerTest {
    private static final String SPEC = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "tags": [{"name": "a"}],
             "paths": {"/x": {"get": {"tags": ["a"], "responses": {}}}, "/y": {"get": {"responses": {}}}}}""";

    private final DesiredState desired = Specs.map(SPEC, Specs.context("svc", null, null));

    @Test
    void emptyServerGetsEverythingCreatedWithFingerprints() {
        Plan plan = Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults());
        assertNotNull(plan.createService());
        assertEquals(List.of(Change.CREATE, Change.CREATE), plan.collections().stream().map(Write::change).toList());
        assertEquals(List.of("svc.a./x/get", "svc.default./y/get"), plan.endpoints().stream().map(Write::fqn).toList());
        plan.endpoints().forEach(w -> assertEquals(32, w.request().sourceHash().length()));
        for (Write<?> write : List.<Write<?>>of(plan.collections().get(0), plan.endpoints().get(0), plan.endpoints().get(1))) {
            assertEquals(Specs.JSON.valueToTree(write.request()), Specs.readJson(new String(write.json(), StandardCharsets.UTF_8)));
        }
        assertEquals(SourceHash.fingerprint(desired.endpoints().get(0).request()).hash(), plan.endpoints().get(0).request().sourceHash());
        assertEquals(List.of(), plan.staleCollections());
    }

    @Test
    void unchangedFingerprintsAreSkippedChangedOnesUpdatedDeletedOnesRestored() throws Exception {
        String hashA = SourceHash.fingerprint(desired.collections().get(0).request()).hash();
        String hashX = SourceHash.fingerprint(desired.endpoints().get(0).request()).hash();
        CurrentState current = new CurrentState("1.6.9", true,
                Map.of("svc.a", new ExistingEntity("1", "svc.a", null, hashA, false),
                        "svc.default", new ExistingEntity("2", "svc.default", null, "other", true),
                        "svc.gone", new ExistingEntity("3", "svc.gone", null, "h", false),
                        "svc.already", new ExistingEntity("4", "svc.already", null, "h", true)),
                Map.of("svc.a./x/get", new ExistingEntity("5", "svc.a./x/get", "svc.a", hashX, false),
                        "svc.default./y/get", new ExistingEntity("6", "svc.default./y/get", "svc.default", "old", false)));
        Plan plan = Planner.plan(desired, current, PlanOptions.defaults());
        assertNull(plan.createService());
        assertEquals(1, plan.unchangedCollections());
        SourceHash.Fingerprint restored = SourceHash.fingerprint(desired.collections().get(1).request());
        Write<CreateApiCollection> restore = plan.collections().get(0);
        assertEquals(List.of("svc.default"), plan.collections().stream().map(Write::fqn).toList());
        assertEquals(desired.collections().get(1).request().withSourceHash(restored.hash()), restore.request());
        assertEquals(Change.RESTORE, restore.change());
        assertEquals(restored.bytes() + 48, restore.bytes());
        assertEquals(Specs.JSON.valueToTree(restore.request()), Specs.JSON.readTree(restore.json()),
                "the JSON kept from fingerprinting is the request, sourceHash included");
        assertEquals(Specs.JSON.writeValueAsBytes(plan.collections().get(0).request()).length, plan.collections().get(0).bytes(),
                "the size given for bulk batching is the request's JSON size");
        assertEquals(1, plan.unchangedEndpoints());
        assertEquals(List.of("svc.default./y/get"), plan.endpoints().stream().map(Write::fqn).toList());
        assertEquals(Change.UPDATE, plan.endpoints().get(0).change());
        assertEquals(List.of("svc.gone"), plan.staleCollections().stream().map(ExistingEntity::fqn).toList());
        assertEquals(List.of("svc.a", "svc.default"), plan.seenCollections());

        Plan override = Planner.plan(desired, current, new PlanOptions(true, false, false, 0.5, false));
        assertEquals(0, override.unchangedCollections());
        assertEquals(0, override.unchangedEndpoints());
        assertEquals(List.of(), override.staleCollections());
    }

    @Test
    void theJsonKeptForSendingStaysWithinItsBudgetAndFingerprintsDoNotDependOnIt() {
        Plan unlimited = Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), null, Long.MAX_VALUE);
        long first = SourceHash.canonical(desired.collections().get(0).request()).json().length;
        Plan tight = Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), null, first);
        Plan none = Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), null, 0);
        assertEquals(List.of(true, true, true, true), kept(unlimited));
        assertEquals(List.of(true, false, false, false), kept(tight), "once the budget is spent, nothing more is kept");
        assertEquals(List.of(false, false, false, false), kept(none));
        assertEquals(requests(unlimited), requests(tight), "the streamed fingerprint is the kept JSON's");
        assertEquals(requests(unlimited), requests(none));
    }

    private static List<Boolean> kept(Plan plan) {
        return java.util.stream.Stream.concat(plan.collections().stream(), plan.endpoints().stream())
                .map(write -> write.kept() != null).toList();
    }

    private static List<Object> requests(Plan plan) {
        return java.util.stream.Stream.concat(plan.collections().stream(), plan.endpoints().stream())
                .map(write -> (Object) write.request()).toList();
    }

    /** Issue 16: not even the `default` collection (with a new URL) is written for a spec that describes nothing. */
    @Test
    void aSpecWithoutOperationsWritesAndDeletesNothing() {
        DesiredState empty = Specs.map("""
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}""", Specs.context("svc", null, "https://new/spec.json"));
        CurrentState current = new CurrentState("1.6.9", true, Map.of("svc.a", new ExistingEntity("1", "svc.a", null, "h", false),
                "svc.default", new ExistingEntity("2", "svc.default", null, "h", false)), Map.of());
        Plan plan = Planner.plan(empty, current, PlanOptions.defaults());
        assertEquals(List.of(), plan.staleCollections());
        assertEquals(List.of(), plan.collections());
        assertEquals("the spec has no operations, so nothing was written and 1 collection(s) and 0 endpoint(s) of the service"
                + " were not marked deleted", plan.heldBack());
        Plan fresh = Planner.plan(empty, new CurrentState("1.6.9", false, Map.of(), Map.of()), PlanOptions.defaults());
        assertEquals(null, fresh.createService());
        assertEquals(List.of(), fresh.collections());
        assertEquals("the spec has no operations, so nothing was written", fresh.heldBack());
    }
}
