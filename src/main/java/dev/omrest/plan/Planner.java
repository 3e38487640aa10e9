package dev.omrest.plan;

import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Desired state against current state: what to write, what is unchanged, what is stale and may be deleted, and which
 * written entity carries the run's {@link Seal}.
 */
public final class Planner {
    /** {@code ,"sourceHash":"<32 characters>"} */
    private static final int HASH_FIELD_BYTES = 48;

    private Planner() {
    }

    public static Plan plan(DesiredState desired, CurrentState current, PlanOptions options) {
        return plan(desired, current, options, null);
    }

    /** @param inputs the run's inputs, to seal the catalogue with when the run leaves it exactly as asked; null: no seal */
    public static Plan plan(DesiredState desired, CurrentState current, PlanOptions options, InputKey inputs) {
        return plan(desired, current, options, inputs, KeptJson.budget());
    }

    /** @param keptJsonBudget how many bytes of fingerprinted JSON the writes may carry ({@link KeptJson}) */
    static Plan plan(DesiredState desired, CurrentState current, PlanOptions options, InputKey inputs, long keptJsonBudget) {
        KeptJson keptJson = new KeptJson(keptJsonBudget);
        List<Planned<CreateApiCollection>> collections = diff(desired.collections(), current.collections(),
                options.overrideMetadata(), keptJson);
        List<Planned<CreateApiEndpoint>> endpoints = diff(desired.endpoints(), current.endpoints(),
                options.overrideMetadata(), keptJson);

        List<String> seen = desired.collections().stream().map(DesiredState.Mapped::fqn).toList();
        Set<String> seenCollections = new HashSet<>(seen);
        Set<String> seenEndpoints = new HashSet<>();
        desired.endpoints().forEach(e -> seenEndpoints.add(e.fqn()));

        List<ExistingEntity> staleCollections = new ArrayList<>();
        if (options.markDeletedCollections()) {
            current.collections().values().stream()
                    .filter(c -> !c.deleted() && !seenCollections.contains(c.fqn()))
                    .forEach(staleCollections::add);
        }
        List<ExistingEntity> staleEndpoints = new ArrayList<>();
        if (options.markDeletedEndpoints()) {
            current.endpoints().values().stream()
                    .filter(e -> !e.deleted() && !seenEndpoints.contains(e.fqn()) && seenCollections.contains(e.parentFqn()))
                    .forEach(staleEndpoints::add);
        }
        String heldBack = guard(desired, current, staleCollections, staleEndpoints, options);
        if (heldBack != null) {
            // a spec that describes nothing, or would take most of the service away, is more likely broken than
            // meant: nothing of it is applied, not even the collections it still has
            staleCollections.clear();
            staleEndpoints.clear();
        }
        Seal.Counts leftOut = new Seal.Counts(desired.filteredCollections(), desired.filteredEndpoints(),
                desired.collectionFailures().size(), desired.endpointFailures().size());
        if (inputs != null && !options.overrideMetadata() && heldBack == null && !collections.isEmpty() && leftOut.fit()) {
            seal(collections, endpoints, current, seenCollections, seenEndpoints, staleCollections, staleEndpoints,
                    inputs, leftOut);
        }
        List<Write<CreateApiCollection>> collectionWrites = heldBack != null ? List.of()
                : writes(collections, CreateApiCollection::withSourceHash);
        List<Write<CreateApiEndpoint>> endpointWrites = heldBack != null ? List.of()
                : writes(endpoints, CreateApiEndpoint::withSourceHash);
        return new Plan(desired.service().name(), current.serviceExists() || heldBack != null ? null : desired.service(), collectionWrites, endpointWrites,
                unchanged(collections), unchanged(endpoints), seen,
                List.copyOf(staleCollections), List.copyOf(staleEndpoints), heldBack);
    }

    /** One desired entity, its fingerprint, what the server has for it, and why it is written (null: it is not). */
    private static final class Planned<T> {
        final DesiredState.Mapped<T> mapped;
        final SourceHash.Fingerprint fingerprint;
        final ExistingEntity existing;
        final byte[] json;
        Change change;
        String sourceHash;

        Planned(DesiredState.Mapped<T> mapped, SourceHash.Fingerprint fingerprint, byte[] json, ExistingEntity existing,
                Change change) {
            this.mapped = mapped;
            this.fingerprint = fingerprint;
            this.json = json;
            this.existing = existing;
            this.change = change;
            this.sourceHash = change == null ? existing.sourceHash() : fingerprint.hash();
        }
    }

    /**
     * How much fingerprinted JSON the plan keeps to be sent as it is (one serialisation per written entity): up to
     * 64 MB or an eighth of the heap; past it the writer serialises the requests again, so the largest specs still fit
     * their heap. Sized per run, never at class initialisation (which a native image may do at build time).
     */
    private static final class KeptJson {
        private long left;

        KeptJson(long budget) {
            this.left = budget;
        }

        static long budget() {
            return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);
        }

        boolean hasRoom() {
            return left > 0;
        }

        void take(byte[] json) {
            left -= json.length;
        }
    }

    private static <T> List<Planned<T>> diff(List<DesiredState.Mapped<T>> desired, Map<String, ExistingEntity> current,
                                             boolean overrideMetadata, KeptJson keptJson) {
        List<Planned<T>> planned = new ArrayList<>(desired.size());
        for (DesiredState.Mapped<T> mapped : desired) {
            SourceHash.Fingerprint fingerprint;
            byte[] json = null;
            if (keptJson.hasRoom()) {
                SourceHash.Canonical canonical = SourceHash.canonical(mapped.request());
                fingerprint = canonical.fingerprint();
                json = canonical.json();
            } else {
                fingerprint = SourceHash.fingerprint(mapped.request());
            }
            ExistingEntity existing = current.get(mapped.fqn());
            Change change;
            if (existing == null) {
                change = Change.CREATE;
            } else if (existing.deleted()) {
                change = Change.RESTORE;
            } else if (overrideMetadata || !Seal.sameContent(existing.sourceHash(), fingerprint.hash())) {
                change = Change.UPDATE;
            } else {
                change = null;
            }
            boolean keep = json != null && change != null; // a seal written on an unchanged entity is serialised again
            if (keep) {
                keptJson.take(json);
            }
            planned.add(new Planned<>(mapped, fingerprint, keep ? json : null, existing, change));
        }
        return planned;
    }

    /**
     * Puts the seal on the first entity this run writes (or, when it writes nothing, on the first collection) if the
     * service will hold exactly the desired entities afterwards; the seal covers every other entity as it will be listed.
     */
    private static void seal(List<Planned<CreateApiCollection>> collections, List<Planned<CreateApiEndpoint>> endpoints,
                             CurrentState current, Set<String> seenCollections, Set<String> seenEndpoints,
                             List<ExistingEntity> staleCollections, List<ExistingEntity> staleEndpoints,
                             InputKey inputs, Seal.Counts leftOut) {
        Set<String> deletedCollections = new HashSet<>();
        staleCollections.forEach(c -> deletedCollections.add(c.fqn()));
        Set<String> deletedEndpoints = new HashSet<>();
        staleEndpoints.forEach(e -> deletedEndpoints.add(e.fqn()));

        CatalogueDigest rest = new CatalogueDigest();
        for (ExistingEntity c : current.collections().values()) {
            if (!seenCollections.contains(c.fqn())) {
                boolean deleted = c.deleted() || deletedCollections.contains(c.fqn());
                if (!deleted) {
                    return; // a collection the spec does not have stays: the live entities would not be the spec's
                }
                rest.toggle(CatalogueDigest.Kind.COLLECTION, c.fqn(), c.sourceHash(), true);
            }
        }
        for (ExistingEntity e : current.endpoints().values()) {
            if (!seenEndpoints.contains(e.fqn())) {
                boolean deleted = e.deleted() || deletedEndpoints.contains(e.fqn()) || deletedCollections.contains(e.parentFqn());
                if (!deleted) {
                    return;
                }
                rest.toggle(CatalogueDigest.Kind.ENDPOINT, e.fqn(), e.sourceHash(), true);
            }
        }
        Planned<?> carrier = firstWritten(collections);
        if (carrier == null) {
            carrier = firstWritten(endpoints);
        }
        if (carrier == null) {
            carrier = collections.get(0);
        }
        Planned<?> sealed = carrier;
        collections.stream().filter(p -> p != sealed)
                .forEach(p -> rest.toggle(CatalogueDigest.Kind.COLLECTION, p.mapped.fqn(), p.sourceHash, false));
        endpoints.stream().filter(p -> p != sealed)
                .forEach(p -> rest.toggle(CatalogueDigest.Kind.ENDPOINT, p.mapped.fqn(), p.sourceHash, false));

        String seal = Seal.make(inputs, rest, carrier.fingerprint.hash(), leftOut);
        if (carrier.change == null && !seal.equals(carrier.existing.sourceHash())) {
            carrier.change = Change.SEAL;
        }
        if (carrier.change != null) {
            carrier.sourceHash = seal;
        }
    }

    /** Entities whose content the server has already, a seal write included. */
    private static int unchanged(List<? extends Planned<?>> planned) {
        return (int) planned.stream().filter(p -> p.change == null || p.change == Change.SEAL).count();
    }

    private static Planned<?> firstWritten(List<? extends Planned<?>> planned) {
        return planned.stream().filter(p -> p.change != null).findFirst().orElse(null);
    }

    private static <T> List<Write<T>> writes(List<Planned<T>> planned, BiFunction<T, String, T> withHash) {
        List<Write<T>> writes = new ArrayList<>();
        for (Planned<T> p : planned) {
            if (p.change != null) {
                writes.add(new Write<>(p.mapped.fqn(), withHash.apply(p.mapped.request(), p.sourceHash), p.change,
                        p.fingerprint.bytes() + HASH_FIELD_BYTES,
                        p.json == null ? null : SourceHash.withSourceHash(p.json, p.sourceHash)));
            }
        }
        return List.copyOf(writes);
    }

    /** Why this run writes and deletes nothing, or null when applying the spec is safe. */
    private static String guard(DesiredState desired, CurrentState current, List<ExistingEntity> staleCollections,
                                List<ExistingEntity> staleEndpoints, PlanOptions options) {
        if (desired.operations() == 0) {
            return "the spec has no operations, so nothing was written" + (staleCollections.isEmpty() && staleEndpoints.isEmpty()
                    ? "" : " and " + staleCollections.size() + " collection(s) and " + staleEndpoints.size()
                    + " endpoint(s) of the service were not marked deleted");
        }
        if (staleCollections.isEmpty() && staleEndpoints.isEmpty()) {
            return null;
        }
        Set<String> staleParents = new HashSet<>();
        staleCollections.forEach(c -> staleParents.add(c.fqn()));
        long live = current.endpoints().values().stream().filter(e -> !e.deleted()).count();
        long affected = staleEndpoints.size() + current.endpoints().values().stream()
                .filter(e -> !e.deleted() && staleParents.contains(e.parentFqn())).count();
        if (live > 0 && !options.allowMassDeletion() && (double) affected / live > options.maxDeletionShare()) {
            return String.format(Locale.ROOT, "this run would mark %d of the service's %d endpoints deleted (%.0f%%), "
                            + "more than deletionGuardMaxShare %.0f%%, so nothing was written or marked deleted; "
                            + "set allowMassDeletion: true to allow it",
                    affected, live, 100.0 * affected / live, 100 * options.maxDeletionShare());
        }
        return null;
    }
}
