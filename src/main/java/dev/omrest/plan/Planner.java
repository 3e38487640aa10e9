package dev.omrest.plan;

import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Desired state against current state: what to write, what is unchanged, what is stale. */
public final class Planner {
    private Planner() {
    }

    /**
     * @param overrideMetadata re-send entities whose fingerprint is unchanged, as upstream does with that option
     * @param markDeleted      soft-delete collections the spec no longer has
     */
    public static Plan plan(DesiredState desired, CurrentState current, boolean overrideMetadata, boolean markDeleted) {
        List<Write<CreateApiCollection>> collections = new ArrayList<>();
        int unchangedCollections = diff(desired.collections(), current.collections(), overrideMetadata,
                CreateApiCollection::withSourceHash, collections);
        List<Write<CreateApiEndpoint>> endpoints = new ArrayList<>();
        int unchangedEndpoints = diff(desired.endpoints(), current.endpoints(), overrideMetadata,
                CreateApiEndpoint::withSourceHash, endpoints);

        List<String> seen = desired.collections().stream().map(DesiredState.Mapped::fqn).toList();
        List<ExistingEntity> stale = new ArrayList<>();
        String heldBack = null;
        if (markDeleted) {
            Set<String> seenSet = new HashSet<>(seen);
            current.collections().values().stream()
                    .filter(e -> !e.deleted() && !seenSet.contains(e.fqn()))
                    .forEach(stale::add);
            if (!stale.isEmpty() && desired.operations() == 0) {
                heldBack = "the spec has no operations, so " + stale.size()
                        + " collection(s) of the service were not marked deleted";
                stale.clear();
            }
        }
        return new Plan(current.serviceExists() ? null : desired.service(), List.copyOf(collections),
                List.copyOf(endpoints), unchangedCollections, unchangedEndpoints, seen, List.copyOf(stale), heldBack);
    }

    private static <T> int diff(List<DesiredState.Mapped<T>> desired, Map<String, ExistingEntity> current,
                                boolean overrideMetadata, BiFunction<T, String, T> withHash, List<Write<T>> writes) {
        int unchanged = 0;
        for (DesiredState.Mapped<T> mapped : desired) {
            String hash = SourceHash.of(mapped.request());
            T request = withHash.apply(mapped.request(), hash);
            ExistingEntity existing = current.get(mapped.fqn());
            if (existing == null) {
                writes.add(new Write<>(mapped.fqn(), request, Change.CREATE));
            } else if (existing.deleted()) {
                writes.add(new Write<>(mapped.fqn(), request, Change.RESTORE));
            } else if (!hash.equals(existing.sourceHash()) || overrideMetadata) {
                writes.add(new Write<>(mapped.fqn(), request, Change.UPDATE));
            } else {
                unchanged++;
            }
        }
        return unchanged;
    }
}
