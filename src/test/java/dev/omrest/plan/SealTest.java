package dev.omrest.plan;

import dev.omrest.openmetadata.CatalogueOutline;
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
        assertEquals("~" + SourceHash.fingerprint(desired.collections().get(0).request()).hash().substring(0, 8),
                seal.substring(0, 9), "the seal starts with the carrier's own fingerprint");
        assertTrue(seal.substring(9).matches("0[0-9A-Za-z]{6}0{6}0{10}"),
                "stamped by a writing run, a base-62 check, no check for the outline, nothing left out: " + seal);
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
        DesiredState leftOut = leavingOut(7, 238_327, 3_843, 252);
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(leftOut, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        assertEquals(Optional.of(new Seal.Intact(3, 3, new Seal.Counts(7, 238_327, 3_843, 252))), Seal.find(sealed, INPUTS));
        assertTrue(sealed.collections().get("svc.a").sourceHash().endsWith("07zzzzz044"),
                sealed.collections().get("svc.a").sourceHash());

        assertNoSeal(Planner.plan(leavingOut(0, 238_328, 0, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more endpoints filtered than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(3_844, 0, 0, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more collections filtered than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(0, 0, 3_844, 0), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
                "more collections unmapped than the seal can say");
        assertNoSeal(Planner.plan(leavingOut(0, 0, 0, 238_328), CurrentState.empty(), PlanOptions.defaults(), INPUTS),
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

    @Test
    void aSealFoundByListingIsStampedAnewOnACollectionAndThenFoundByTheOutline() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        assertEquals(Optional.empty(), Seal.findOutlined(outline(sealed), INPUTS), "a writing run's seal: listing only");

        Seal.Restamp restamp = Seal.restamped(sealed, INPUTS).orElseThrow();
        assertEquals("svc.a", restamp.carrier().fqn(), "the seal's own carrier, a collection");
        String old = sealed.collections().get("svc.a").sourceHash();
        assertEquals(old.substring(0, 9), restamp.seal().substring(0, 9), "the same content digits");
        assertEquals('1', restamp.seal().charAt(9), "the first re-stamp");
        assertEquals(old.substring(10, 16), restamp.seal().substring(10, 16), "the same check over the listing");
        assertEquals(old.substring(22), restamp.seal().substring(22), "the same counts");
        CurrentState restamped = withCollection(sealed, "svc.a", restamp.seal());
        assertEquals(Optional.of(new Seal.Intact(3, 3, Seal.Counts.NONE)), Seal.find(restamped, INPUTS),
                "a listing still finds it");
        Seal.Outlined outlined = Seal.findOutlined(outline(restamped), INPUTS).orElseThrow();
        assertEquals(new Seal.Intact(3, 3, Seal.Counts.NONE), outlined.intact());
        assertEquals("svc.a", outlined.carrier().fqn());
        assertEquals(Optional.empty(), Seal.findOutlined(outline(restamped), OTHER_INPUTS), "other inputs");

        assertEquals('2', Seal.restamped(restamped, INPUTS).orElseThrow().seal().charAt(9), "each re-stamp changes the stamp");
        assertEquals(Optional.empty(), Seal.restamped(restamped, OTHER_INPUTS), "no intact seal, nothing to re-stamp");
    }

    @Test
    void whatTheOutlineShowsBreaksAReStampedSeal() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        CurrentState restamped = withCollection(sealed, "svc.a", Seal.restamped(sealed, INPUTS).orElseThrow().seal());
        CatalogueOutline outline = outline(restamped);
        assertTrue(Seal.findOutlined(outline, INPUTS).isPresent());
        assertEquals(Optional.empty(), Seal.findOutlined(new CatalogueOutline("2.0.0", true, outline.collections(),
                outline.endpoints() - 1, outline.deletedEndpoints()), INPUTS), "an endpoint hard-deleted");
        assertEquals(Optional.empty(), Seal.findOutlined(new CatalogueOutline("2.0.0", true, outline.collections(),
                outline.endpoints(), outline.deletedEndpoints() + 1), INPUTS), "an endpoint soft-deleted");
        assertEquals(Optional.empty(), Seal.findOutlined(new CatalogueOutline("2.0.0", true, outline.collections(),
                outline.endpoints() + 1, outline.deletedEndpoints()), INPUTS), "an endpoint added");
        assertEquals(Optional.empty(), Seal.findOutlined(outline(withCollection(restamped, "svc.b",
                "0123456789abcdef0123456789abcdef")), INPUTS), "another collection rewritten");
        Map<String, ExistingEntity> fewer = new LinkedHashMap<>(outline.collections());
        fewer.remove("svc.b");
        assertEquals(Optional.empty(), Seal.findOutlined(new CatalogueOutline("2.0.0", true, fewer, outline.endpoints(),
                outline.deletedEndpoints()), INPUTS), "another collection hard-deleted");
        Map<String, ExistingEntity> carrierDeleted = new LinkedHashMap<>(outline.collections());
        carrierDeleted.computeIfPresent("svc.a", (fqn, c) -> deleted(c));
        assertEquals(Optional.empty(), Seal.findOutlined(new CatalogueOutline("2.0.0", true, carrierDeleted,
                outline.endpoints(), outline.deletedEndpoints()), INPUTS), "the carrier soft-deleted");
    }

    @Test
    void aSealOnAnEndpointIsStampedAnewOnTheFirstCollection() {
        CurrentState sealed = after(CurrentState.empty(), Planner.plan(desired, CurrentState.empty(), PlanOptions.defaults(), INPUTS));
        DesiredState edited = Specs.map(SPEC.replace("\"/z\": {\"post\": {", "\"/z\": {\"post\": {\"description\": \"new\", "),
                Specs.context("svc", null, null));
        CurrentState onEndpoint = after(sealed, Planner.plan(edited, sealed, PlanOptions.defaults(), OTHER_INPUTS));
        assertTrue(Seal.isSeal(onEndpoint.endpoints().get("svc.b./z/post").sourceHash()));
        Seal.Restamp restamp = Seal.restamped(onEndpoint, OTHER_INPUTS).orElseThrow();
        assertEquals("svc.a", restamp.carrier().fqn(), "the first live collection (it carries an older seal)");
        CurrentState restamped = withCollection(onEndpoint, "svc.a", restamp.seal());
        assertTrue(Seal.find(restamped, OTHER_INPUTS).isPresent(), "the endpoint's old seal is one entity among the rest");
        assertTrue(Seal.findOutlined(outline(restamped), OTHER_INPUTS).isPresent());
    }

    private static CatalogueOutline outline(CurrentState state) {
        return new CatalogueOutline(state.serverVersion(), true, state.collections(), state.endpoints().size(),
                (int) state.endpoints().values().stream().filter(ExistingEntity::deleted).count());
    }

    private static CurrentState withCollection(CurrentState state, String fqn, String sourceHash) {
        Map<String, ExistingEntity> collections = new LinkedHashMap<>(state.collections());
        ExistingEntity c = collections.get(fqn);
        collections.put(fqn, new ExistingEntity(c.id(), fqn, null, sourceHash, c.deleted()));
        return new CurrentState(state.serverVersion(), true, collections, state.endpoints());
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
