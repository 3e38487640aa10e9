package dev.omrest.plan;

import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Desired state against current state: what to write, what is unchanged, what is stale and may be deleted. */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(DesiredState desired, CurrentState current, PlanOptions options) {
        List<Write<CreateApiCollection>> collections = new ArrayList<>();
        int unchangedCollections = diff(desired.collections(), current.collections(), options.overrideMetadata(),
                CreateApiCollection::withSourceHash, collections);
        List<Write<CreateApiEndpoint>> endpoints = new ArrayList<>();
        int unchangedEndpoints = diff(desired.endpoints(), current.endpoints(), options.overrideMetadata(),
                CreateApiEndpoint::withSourceHash, endpoints);

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
            staleCollections.clear();
            staleEndpoints.clear();
        }
        return new Plan(current.serviceExists() ? null : desired.service(), List.copyOf(collections),
                List.copyOf(endpoints), unchangedCollections, unchangedEndpoints, seen, List.copyOf(staleCollections),
                List.copyOf(staleEndpoints), heldBack);
    }

    /** Why the stale entities must be kept this time, or null when deleting them is safe. */
    private static String guard(DesiredState desired, CurrentState current, List<ExistingEntity> staleCollections,
                                List<ExistingEntity> staleEndpoints, PlanOptions options) {
        if (staleCollections.isEmpty() && staleEndpoints.isEmpty()) {
            return null;
        }
        if (desired.operations() == 0) {
            return "the spec has no operations, so " + staleCollections.size() + " collection(s) and "
                    + staleEndpoints.size() + " endpoint(s) of the service were not marked deleted";
        }
        Set<String> staleParents = new HashSet<>();
        staleCollections.forEach(c -> staleParents.add(c.fqn()));
        long live = current.endpoints().values().stream().filter(e -> !e.deleted()).count();
        long affected = staleEndpoints.size() + current.endpoints().values().stream()
                .filter(e -> !e.deleted() && staleParents.contains(e.parentFqn())).count();
        if (live > 0 && !options.allowMassDeletion() && (double) affected / live > options.maxDeletionShare()) {
            return String.format(Locale.ROOT, "this run would mark %d of the service's %d endpoints deleted (%.0f%%), "
                            + "more than deletionGuardMaxShare %.0f%%; set allowMassDeletion: true to allow it",
                    affected, live, 100.0 * affected / live, 100 * options.maxDeletionShare());
        }
        return null;
    }

    /** {@code ,"sourceHash":"<32 hex>"} */
    private static final int HASH_FIELD_BYTES = 48;

    private static <T> int diff(List<DesiredState.Mapped<T>> desired, Map<String, ExistingEntity> current,
                                boolean overrideMetadata, BiFunction<T, String, T> withHash, List<Write<T>> writes) {
        int unchanged = 0;
        for (DesiredState.Mapped<T> mapped : desired) {
            SourceHash.Fingerprint fingerprint = SourceHash.fingerprint(mapped.request());
            String hash = fingerprint.hash();
            T request = withHash.apply(mapped.request(), hash);
            long bytes = fingerprint.bytes() + HASH_FIELD_BYTES;
            ExistingEntity existing = current.get(mapped.fqn());
            if (existing == null) {
                writes.add(new Write<>(mapped.fqn(), request, Change.CREATE, bytes));
            } else if (existing.deleted()) {
                writes.add(new Write<>(mapped.fqn(), request, Change.RESTORE, bytes));
            } else if (!hash.equals(existing.sourceHash()) || overrideMetadata) {
                writes.add(new Write<>(mapped.fqn(), request, Change.UPDATE, bytes));
            } else {
                unchanged++;
            }
        }
        return unchanged;
    }
}
