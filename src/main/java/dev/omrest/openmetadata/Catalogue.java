package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the server holds for a service: its version, whether the service exists, and every collection and endpoint.
 *
 * <p>Endpoints are listed collection by collection, a few collections at once. A server lists at a cost per entity
 * (3.1 ms on the measured one, the whole of an unchanged re-run), and one cursor walked page after page keeps one of
 * its workers busy while the others idle. The service's own count of its endpoints then vouches that the collections
 * held them all (another writer may have added a collection meanwhile); when it does not, the endpoints are listed
 * once more by service, as before. Like a listing by service, this is not a snapshot: what changes while it runs may be
 * seen by the next run only, and so may a collection added meanwhile on a server whose counts are cached (newer
 * releases with Redis keep a count up to a minute).
 */
public final class Catalogue {
    static final int LIST_PAGE = 1000;
    /** Collections listed at once: as many as a small server has workers, and no more than the write path's default. */
    static final int LIST_PARALLELISM = 4;
    /**
     * Fewer collections than this are listed by service, in one cursor: each listing is a call of its own (5 ms of a
     * server worker before the first entity), which only pays when the collections hold many endpoints between them.
     */
    static final int SPLIT_FROM_COLLECTIONS = 8;

    private Catalogue() {
    }

    /** @throws OpenMetadataException when the server cannot be read (a run then writes nothing) */
    public static CurrentState read(OpenMetadataApi api, ServerCalls calls, String serviceName) {
        String version = version(api, calls);
        if (!serviceExists(api, calls, serviceName)) {
            return new CurrentState(version, false, Map.of(), Map.of());
        }
        Map<String, ExistingEntity> collections = collections(api, calls, serviceName);
        return new CurrentState(version, true, collections, endpoints(api, calls, serviceName, collections));
    }

    /**
     * The cheap read: the version, the service, its collections (with when each last changed) and its endpoint counts,
     * all and soft-deleted, each from a listing of one entity: O(collections), whatever the number of endpoints.
     */
    public static CatalogueOutline outline(OpenMetadataApi api, ServerCalls calls, String serviceName) {
        String version = version(api, calls);
        if (!serviceExists(api, calls, serviceName)) {
            return new CatalogueOutline(version, false, Map.of(), 0, 0);
        }
        return new CatalogueOutline(version, true, collections(api, calls, serviceName),
                endpointCount(api, calls, serviceName, "all"), endpointCount(api, calls, serviceName, "deleted"));
    }

    private static String version(OpenMetadataApi api, ServerCalls calls) {
        return ServerVersion.parse(calls.require("GET /v1/system/version", api::version).body().path("version").asText(null))
                .version();
    }

    /** Every collection of the service, soft-deleted ones included. */
    private static Map<String, ExistingEntity> collections(OpenMetadataApi api, ServerCalls calls, String serviceName) {
        return list(calls, "GET /v1/apiCollections", false,
                after -> api.listApiCollections(serviceName, "sourceHash", LIST_PAGE, after, "all"));
    }

    /**
     * OpenMetadata's change events of API collections and endpoints (of every service: the server filters no further)
     * since this time, inclusive.
     */
    public static List<ChangeEvent> changeEventsSince(OpenMetadataApi api, ServerCalls calls, long since) {
        String types = "apiCollection,apiEndpoint";
        JsonNode answer = calls.require("GET /v1/events", () -> api.changeEvents(types, types, types, types, since),
                JsonBodies::changeEvents).body();
        List<ChangeEvent> events = new ArrayList<>();
        for (JsonNode event : answer.path("data")) {
            events.add(new ChangeEvent(event.path("eventType").asText(), event.path("entityType").asText(),
                    event.path("entityFullyQualifiedName").asText(), event.path("timestamp").asLong()));
        }
        return events;
    }

    /**
     * Whether the entity's last change set its {@code sourceHash} to what it is now and nothing else, as its change
     * description says (the last change alone where the server tells it apart, {@code incrementalChangeDescription}).
     */
    static Boolean onlySourceHashChanged(JsonNode entity, String sourceHash) {
        JsonNode change = entity.hasNonNull("incrementalChangeDescription") ? entity.get("incrementalChangeDescription")
                : entity.path("changeDescription");
        if (!change.isObject()) {
            return null;
        }
        JsonNode updated = change.path("fieldsUpdated");
        return sourceHash != null && change.path("fieldsAdded").isEmpty() && change.path("fieldsDeleted").isEmpty()
                && updated.size() == 1 && updated.get(0).path("name").asText().equals("sourceHash")
                && updated.get(0).path("newValue").asText().equals(sourceHash);
    }

    private static int endpointCount(OpenMetadataApi api, ServerCalls calls, String service, String include) {
        int total = endpointTotal(api, calls, service, include);
        if (total < 0) {
            throw new OpenMetadataException(0, "GET /v1/apiEndpoints?include=" + include + " gave no paging.total");
        }
        return total;
    }

    /** The service's count of its endpoints ({@code include}: all, deleted), from a listing of one; -1 when not given. */
    private static int endpointTotal(OpenMetadataApi api, ServerCalls calls, String service, String include) {
        return calls.require("GET /v1/apiEndpoints", () -> api.listApiEndpoints(service, null, 1, null, include))
                .body().path("paging").path("total").asInt(-1);
    }

    private static boolean serviceExists(OpenMetadataApi api, ServerCalls calls, String name) {
        ServerCalls.Answer answer = calls.call(() -> api.apiService(name));
        if (answer.status() == 404) {
            return false;
        }
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(),
                    "GET /v1/services/apiServices/name/" + name + " failed: " + answer.problem());
        }
        return true;
    }

    private static Map<String, ExistingEntity> endpoints(OpenMetadataApi api, ServerCalls calls, String service,
                                                         Map<String, ExistingEntity> collections) {
        Supplier<Map<String, ExistingEntity>> byService = () -> list(calls, "GET /v1/apiEndpoints", true,
                after -> api.listApiEndpoints(service, "sourceHash", LIST_PAGE, after, "all"));
        if (collections.size() < SPLIT_FROM_COLLECTIONS) {
            return byService.get();
        }
        Map<String, ExistingEntity> found = byCollection(api, calls, collections.keySet());
        // counted after the listings: what another writer added under a collection listed before it is in this count
        return endpointTotal(api, calls, service, "all") == found.size() ? found : byService.get();
    }

    /** Every endpoint of these collections, in FQN order (nothing depends on the order: digests and plans use sets). */
    private static Map<String, ExistingEntity> byCollection(OpenMetadataApi api, ServerCalls calls, Set<String> collections) {
        ExecutorService listers = Executors.newFixedThreadPool(Math.min(LIST_PARALLELISM, collections.size()), task -> {
            Thread thread = new Thread(task, "catalogue-list");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Map<String, ExistingEntity>>> listings = collections.stream()
                    .map(collection -> CompletableFuture.supplyAsync(() -> list(calls, "GET /v1/apiEndpoints", true,
                            after -> api.listCollectionEndpoints(collection, "sourceHash", LIST_PAGE, after, "all")), listers))
                    .toList();
            Map<String, ExistingEntity> endpoints = new TreeMap<>();
            for (CompletableFuture<Map<String, ExistingEntity>> listing : listings) {
                endpoints.putAll(joined(listing));
            }
            return new LinkedHashMap<>(endpoints);
        } finally {
            listers.shutdownNow();
        }
    }

    private static Map<String, ExistingEntity> joined(CompletableFuture<Map<String, ExistingEntity>> listing) {
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Every entity one listing gives, soft-deleted ones included, following the cursors. */
    private static Map<String, ExistingEntity> list(ServerCalls calls, String what, boolean endpoints,
                                                    Function<String, Response> page) {
        Map<String, ExistingEntity> entities = new LinkedHashMap<>();
        String after = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                // a sibling listing failed and the read is over: no page more
                throw new OpenMetadataException(0, what + " stopped: another listing of the same read failed");
            }
            String cursor = after;
            JsonNode answer = calls.require(what, () -> page.apply(cursor)).body();
            for (JsonNode entity : answer.path("data")) {
                String fqn = entity.path("fullyQualifiedName").asText();
                String parent = endpoints ? entity.path("apiCollection").path("fullyQualifiedName").asText(null) : null;
                String sourceHash = entity.path("sourceHash").asText(null);
                entities.put(fqn, new ExistingEntity(entity.path("id").asText(), fqn, parent, sourceHash,
                        entity.path("deleted").asBoolean(false), entity.path("updatedAt").asLong(0),
                        endpoints ? null : onlySourceHashChanged(entity, sourceHash)));
            }
            after = answer.path("paging").path("after").asText(null);
        } while (after != null && !after.isEmpty());
        return entities;
    }
}
