package dev.omrest.plan;

import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.outcome.Notice;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seal a complete run leaves, what breaks it, and that planning against a sealed catalogue writes nothing. */
class SealTest {
    private static final String SPEC = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "tags": [{"name": "a"}, {"name": "b"}],
             "paths": {"/x": {"get": {"tags": ["a"], "responses": {}}}, "/y": {"get": {"tags": ["b"], "responses": {}}},
                       "/z": {"post": {"tags": ["b"], "responses": {}}}}}""";
    private static final String WITHOUT_Z = SPEC.replaceFirst(",\\s*\"/z\": \\{\"post\": \\{\"tags\": \\[\"b\"], \"responses\": \\{}}}", "");
    private static final InputKey INPUTS = InputKey.builder().add("spec", "one").build();
    private static final InputKey OTHER_INPUTS = InputKey.builder().add("spec", "two").build();

    private final DesiredState desired = Specs.map(SPEC, Specs.context("svc", null, null));



    /** What the server lists after carrying out the plan on top of {@code before}. */
    private static CurrentState after(CurrentState before, Plan plan) {
        Map<String, ExistingEntity> collections = new LinkedHashMap<>(before.collections());
        Map<String, ExistingEntity> endpoints = new LinkedHashMap<>(before.endpoints());
        for (Write<CreateApiCollection> w : plan.collections()) {
            collections.put(w.fqn(), new ExistingEntity(w.fqn(), w.fqn(), null, w.request().sourceHash(), false));
        }
        for (Write<CreateApiEndpoint> w : plan.endpoints()) {
            endpoints.put(w.fqn(), new ExistingEntity(w.fqn(), w.fqn(), w.request().apiCollection(), w.request().sourceHash(), false));
        }
        for (ExistingEntity stale : plan.staleCollections()) {
            collections.put(stale.fqn(), deleted(stale));
            endpoints.replaceAll((fqn, e) -> stale.fqn().equals(e.parentFqn()) ? deleted(e) : e);
        }
        plan.staleEndpoints().forEach(e -> endpoints.put(e.fqn(), deleted(e)));
        return new CurrentState("2.0.0", true, collections, endpoints);
    }

    private static ExistingEntity deleted(ExistingEntity e) {
        return new ExistingEntity(e.id(), e.fqn(), e.parentFqn(), e.sourceHash(), true);
    }

    private static CurrentState with(CurrentState state, ExistingEntity endpoint) {
        Map<String, ExistingEntity> endpoints = new LinkedHashMap<>(state.endpoints());
        endpoints.put(endpoint.fqn(), endpoint);
        return new CurrentState(state.serverVersion(), true, state.collections(), endpoints);
    }

    @Test
    void aCompleteFirstRunSealsItsFirstWriteAndTheResultIsFoundIntact() {
        Plan plan = Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS);
        String seal = plan.collections().get(0).request().sourceHash();
        assertTrue(Seal.isSeal(seal), seal);
        assertEquals(32, seal.length());
        assertEquals("~" + SourceHash.fingerprint(desired.collections().get(0).request()).hash().substring(0, 9),
                seal.substring(0, 10), "the seal starts with the carrier's own fingerprint");
        assertTrue(seal.substring(10).matches("[0-9a-z]{8}0{14}"), "a base-36 check, then nothing left out: " + seal);
        assertEquals(SourceHash.fingerprint(desired.collections().get(1).request()).hash(),
                plan.collections().get(1).request().sourceHash(), "every other entity keeps its fingerprint");
        plan.endpoints().forEach(w -> assertFalse(Seal.isSeal(w.request().sourceHash())));

        CurrentState sealed = after(CurrentState.empty(), plan);
        assertEquals(Optional.of(new Seal.Intact(3, 3, Seal.Counts.NONE)), Seal.find(sealed, INPUTS));
        assertEquals(Optional.empty(), Seal.find(sealed, OTHER_INPUTS), "other inputs");
        assertEquals(Optional.empty(), Seal.find(sealed, null));
        assertEquals(Optional.empty(), Seal.find(CurrentState.empty(), INPUTS));

        Plan again = Planner.plan(desired, sealed, PlanOptions.defaults(), INPUTS);
        assertEquals(List.of(), again.collections(), "a sealed catalogue is what planning converges to");
        assertEquals(List.of(), again.endpoints());
        assertEquals(3, again.unchangedCollections());
        assertEquals(3, again.unchangedEndpoints());
    }

    @Test
    void anyChangeToTheListedEntitiesBreaksTheSeal() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        ExistingEntity y = sealed.endpoints().get("svc.b./y/get");
        assertTrue(Seal.find(sealed, INPUTS).isPresent());
        assertEquals(Optional.empty(), Seal.find(with(sealed, deleted(y)), INPUTS), "soft-deleted in the UI");
        assertEquals(Optional.empty(), Seal.find(with(sealed,
                new ExistingEntity(y.id(), y.fqn(), y.parentFqn(), "0123456789abcdef0123456789abcdef", false)), INPUTS),
                "rewritten by another connector");
        assertEquals(Optional.empty(), Seal.find(with(sealed,
                new ExistingEntity("n", "svc.b./new/get", "svc.b", "h", false)), INPUTS), "added by someone else");
        Map<String, ExistingEntity> fewer = new LinkedHashMap<>(sealed.endpoints());
        fewer.remove(y.fqn());
        assertEquals(Optional.empty(), Seal.find(new CurrentState("2.0.0", true, sealed.collections(), fewer), INPUTS),
                "hard-deleted");
    }

    @Test
    void aChangedEntityCarriesTheNewSealAndTheOldSealStillVouchesForItsCarriersContent() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        DesiredState edited = Specs.map(SPEC.replace("\"/z\": {\"post\": {", "\"/z\": {\"post\": {\"description\": \"new\", "),
                Specs.context("svc", null, null));

        Plan plan = Planner.plan(edited, sealed, PlanOptions.defaults(), OTHER_INPUTS);
        assertEquals(List.of(), plan.collections(), "the collection sealed last time is unchanged: not rewritten");
        assertEquals(List.of("svc.b./z/post"), plan.endpoints().stream().map(Write::fqn).toList());
        assertTrue(Seal.isSeal(plan.endpoints().get(0).request().sourceHash()), "the one write carries the new seal");
        CurrentState resealed = after(sealed, plan);
        assertEquals(Optional.of(new Seal.Intact(3, 3, Seal.Counts.NONE)), Seal.find(resealed, OTHER_INPUTS));
        assertEquals(Optional.empty(), Seal.find(resealed, INPUTS));

        Plan back = Planner.plan(desired, resealed, PlanOptions.defaults(), INPUTS);
        assertEquals(List.of("svc.b./z/post"), back.endpoints().stream().map(Write::fqn).toList(),
                "content under a stale seal is compared by the fingerprint the seal starts with");
    }

    @Test
    void inputsThatChangeNoEntityAreSealedWithOneWrite() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        Plan plan = Planner.plan(desired, sealed, PlanOptions.defaults(), OTHER_INPUTS);
        assertEquals(List.of("svc.a"), plan.collections().stream().map(Write::fqn).toList());
        assertEquals(Change.SEAL, plan.collections().get(0).change());
        assertEquals(3, plan.unchangedCollections(), "its content is unchanged");
        assertEquals(List.of(), plan.endpoints());
        assertTrue(Seal.find(after(sealed, plan), OTHER_INPUTS).isPresent());
    }

    @Test
    void staleEntitiesMarkedDeletedAreCoveredByTheSeal() {
        CurrentState before = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        DesiredState fewer = Specs.map(WITHOUT_Z,
                Specs.context("svc", null, null));
        assertFalse(WITHOUT_Z.contains("/z"), WITHOUT_Z);
        Plan plan = Planner.plan(fewer, before, new PlanOptions(false, true, true, 0.5, false), OTHER_INPUTS);
        assertEquals(List.of("svc.b./z/post"), plan.staleEndpoints().stream().map(ExistingEntity::fqn).toList());
        assertEquals(Optional.of(new Seal.Intact(3, 2, Seal.Counts.NONE)), Seal.find(after(before, plan), OTHER_INPUTS));
    }

    @Test
    void noSealWhenTheRunCannotLeaveExactlyTheSpecsEntities() {
        CurrentState before = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        DesiredState fewer = Specs.map(WITHOUT_Z,
                Specs.context("svc", null, null));
        assertNoSeal(Planner.plan(fewer, before, new PlanOptions(false, true, false, 0.5, false), OTHER_INPUTS),
                "an endpoint the spec dropped stays live (markDeletedApiEndpoints: false)");
        assertNoSeal(Planner.plan(fewer, before, new PlanOptions(false, true, true, 0.2, false), OTHER_INPUTS),
                "deletion held back by the guard");
        assertNoSeal(Planner.plan(desired, before, new PlanOptions(true, true, true, 0.5, false), OTHER_INPUTS),
                "overrideMetadata");
        assertNoSeal(Planner.plan(desired, before, PlanOptions.defaults(), null), "no inputs");
    }

    @Test
    void whatTheFiltersAndTheMappingLeftOutTravelsWithTheSeal() {
        DesiredState leftOut = leavingOut(7, 1_679_615, 46_655, 252);
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(leftOut, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        assertEquals(Optional.of(new Seal.Intact(3, 3, new Seal.Counts(7, 1_679_615, 46_655, 252))), Seal.find(sealed, INPUTS));
        assertTrue(sealed.collections().get("svc.a").sourceHash().endsWith("007zzzzzzz0070"),
                sealed.collections().get("svc.a").sourceHash());

        assertNoSeal(Planner.plan(leavingOut(0, 1_679_616, 0, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more endpoints filtered than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(46_656, 0, 0, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more collections filtered than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(0, 0, 46_656, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more collections unmapped than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(0, 0, 0, 1_679_616), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more endpoints unmapped than the seal can say");
    }

    @Test
    void theSameInputsMapTheSameFailuresSoASealedCatalogueStaysSealed() {
        DesiredState withFailure = leavingOut(0, 0, 0, 1);
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(withFailure, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        assertEquals(Optional.of(new Seal.Intact(3, 3, new Seal.Counts(0, 0, 0, 1))), Seal.find(sealed, INPUTS));
        Plan again = Planner.plan(withFailure, sealed, PlanOptions.defaults(), INPUTS);
        assertEquals(List.of(), again.collections());
        assertEquals(List.of(), again.endpoints());
        assertEquals(Optional.empty(), Seal.find(sealed, OTHER_INPUTS), "a seal with failures is still bound to its inputs");
    }

    private DesiredState leavingOut(int filteredCollections, int filteredEndpoints, int failedCollections, int failedEndpoints) {
        return new DesiredState(desired.service(), desired.collections(), desired.endpoints(), desired.operations(),
                filteredCollections, filteredEndpoints, List.of(new Notice("svc", "a warning")),
                Collections.nCopies(failedCollections, new Notice("bad", "refused name")),
                Collections.nCopies(failedEndpoints, new Notice("svc.a.bad", "refused name")));
    }

    private static void assertNoSeal(Plan plan, String why) {
        plan.collections().forEach(w -> assertFalse(Seal.isSeal(w.request().sourceHash()), why));
        plan.endpoints().forEach(w -> assertFalse(Seal.isSeal(w.request().sourceHash()), why));
    }
}
