package dev.omrest.plan;

import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.openmetadata.ExistingEntity;

import java.util.List;

/**
 * Everything a run will send, in order: the service (only when absent), collections, then endpoints,
 * then the soft deletes.
 *
 * @param serviceName      the service every entity belongs to
 * @param createService    the service request, or null when the service exists (services are never overwritten)
 * @param seenCollections  FQNs of every collection of this run, written or unchanged
 * @param staleCollections collections of the service the spec no longer has (deleted recursively)
 * @param staleEndpoints   endpoints gone from collections the spec still has
 * @param heldBack         why this run writes and deletes nothing (a spec without operations, or one that would mark
 *                         more of the service deleted than the guard allows), or null
 */
public record Plan(
        String serviceName,
        CreateApiService createService,
        List<Write<CreateApiCollection>> collections,
        List<Write<CreateApiEndpoint>> endpoints,
        int unchangedCollections,
        int unchangedEndpoints,
        List<String> seenCollections,
        List<ExistingEntity> staleCollections,
        List<ExistingEntity> staleEndpoints,
        String heldBack) {
}
