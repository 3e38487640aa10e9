package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SinkTarget;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.BulkDeleteStaleRequest;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.Fqn;
import dev.omrest.openmetadata.OpenMetadataApi;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.ServerVersion;
import dev.omrest.plan.CurrentState;
import dev.omrest.plan.ExistingEntity;
import dev.omrest.plan.Plan;
import dev.omrest.plan.Planner;
import dev.omrest.plan.Write;
import dev.omrest.report.Notice;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes to an OpenMetadata server: service only if absent, every collection before any endpoint,
 * bulk calls of {@value #BATCH} where the server has them, one PUT per entity where it does not.
 */
public final class OpenMetadataSink implements Sink {
    static final int BATCH = 100;
    static final int LIST_PAGE = 1000;
    private final OpenMetadataApi api;
    private final String server;

    public OpenMetadataSink(OpenMetadataApi api, SinkTarget.OpenMetadata target) {
        this.api = api;
        this.server = target.apiUrl().toString();
    }

    @Override
    public SyncResult sync(DesiredState desired, SyncOptions options) {
        ServerCalls calls = new ServerCalls(server);
        Map<String, Long> durations = new LinkedHashMap<>();
        long start = System.nanoTime();
        ServerVersion version = ServerVersion.parse(
                calls.require("GET /v1/system/version", api::version).body().path("version").asText(null));
        String serviceName = desired.service().name();
        boolean serviceExists = serviceExists(calls, serviceName);
        CurrentState current = serviceExists
                ? new CurrentState(true, list(calls, serviceName, true), list(calls, serviceName, false))
                : CurrentState.empty();
        Plan plan = Planner.plan(desired, current, options.overrideMetadata(), options.markDeletedApiCollections());
        durations.put("read", millisSince(start));

        long writeStart = System.nanoTime();
        if (plan.createService() != null) {
            calls.require("PUT /v1/services/apiServices", () -> api.putApiService(plan.createService()));
        }
        Writer writer = new Writer(calls, version.hasBulk(), options.overrideMetadata());
        Tally collections = writer.collections(plan.collections());
        Tally endpoints = writer.endpoints(plan.endpoints());
        durations.put("write", millisSince(writeStart));

        long deleteStart = System.nanoTime();
        List<Notice> warnings = new ArrayList<>();
        if (plan.deletionHeldBack() != null) {
            warnings.add(new Notice(serviceName, "Deletion held back: " + plan.deletionHeldBack()));
        }
        collections.deleted = deleteStale(calls, version, plan, serviceName, writer.errors);
        durations.put("delete", millisSince(deleteStart));

        return new SyncResult(server + " (OpenMetadata " + version.version() + ")",
                writer.bulk ? "bulk" : "per-entity", plan.createService() != null,
                collections.counts(plan.unchangedCollections(), desired.filteredCollections(), desired.collectionFailures().size()),
                endpoints.counts(plan.unchangedEndpoints(), desired.filteredEndpoints(), desired.endpointFailures().size()),
                List.copyOf(writer.errors), List.copyOf(warnings), plan.deletionHeldBack(), durations, calls.count());
    }

    private boolean serviceExists(ServerCalls calls, String name) {
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

    /** Every collection (or endpoint) of the service, soft-deleted ones included, following the cursors. */
    private Map<String, ExistingEntity> list(ServerCalls calls, String service, boolean collections) {
        Map<String, ExistingEntity> entities = new LinkedHashMap<>();
        String after = null;
        do {
            String cursor = after;
            JsonNode page = calls.require(collections ? "GET /v1/apiCollections" : "GET /v1/apiEndpoints",
                    () -> collections
                            ? api.listApiCollections(service, "sourceHash", LIST_PAGE, cursor, "all")
                            : api.listApiEndpoints(service, "sourceHash", LIST_PAGE, cursor, "all")).body();
            for (JsonNode entity : page.path("data")) {
                String fqn = entity.path("fullyQualifiedName").asText();
                entities.put(fqn, new ExistingEntity(entity.path("id").asText(), fqn,
                        entity.path("sourceHash").asText(null), entity.path("deleted").asBoolean(false)));
            }
            after = page.path("paging").path("after").asText(null);
        } while (after != null && !after.isEmpty());
        return entities;
    }

    private int deleteStale(ServerCalls calls, ServerVersion version, Plan plan, String service, List<Notice> errors) {
        if (plan.staleCollections().isEmpty()) {
            return 0;
        }
        if (version.hasDeleteStale()) {
            ServerCalls.Answer answer = calls.call(() -> api.deleteStaleApiCollections(
                    new BulkDeleteStaleRequest(service, "service", plan.seenCollections(), true, false)));
            if (answer.ok()) {
                JsonNode passed = answer.body().path("numberOfRowsPassed");
                return passed.isNumber() ? passed.asInt() : answer.body().path("successRequest").size();
            }
            errors.add(new Notice(service, "Marking stale collections deleted failed: " + answer.problem()));
            return 0;
        }
        int deleted = 0;
        for (ExistingEntity stale : plan.staleCollections()) {
            ServerCalls.Answer answer = calls.call(() -> api.deleteApiCollection(stale.id(), true, false));
            if (answer.ok()) {
                deleted++;
            } else {
                errors.add(new Notice(stale.fqn(), "Marking the collection deleted failed: " + answer.problem()));
            }
        }
        return deleted;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Sends the planned writes, in bulk while the server takes bulk calls. */
    private final class Writer {
        private final ServerCalls calls;
        private final boolean overrideMetadata;
        private final List<Notice> errors = new ArrayList<>();
        private boolean bulk;

        Writer(ServerCalls calls, boolean bulk, boolean overrideMetadata) {
            this.calls = calls;
            this.bulk = bulk;
            this.overrideMetadata = overrideMetadata;
        }

        Tally collections(List<Write<CreateApiCollection>> writes) {
            return send(writes, batch -> api.bulkApiCollections(false, overrideMetadata, batch),
                    api::putApiCollection, item -> Fqn.build(item.path("service").asText(), item.path("name").asText()));
        }

        Tally endpoints(List<Write<CreateApiEndpoint>> writes) {
            return send(writes, batch -> api.bulkApiEndpoints(false, overrideMetadata, batch),
                    api::putApiEndpoint, item -> item.path("apiCollection").asText() + "." + Fqn.build(item.path("name").asText()));
        }

        private <T> Tally send(List<Write<T>> writes, Function<List<T>, Response> bulkCall,
                               Function<T, Response> singleCall, Function<JsonNode, String> fqnOf) {
            Tally tally = new Tally();
            int next = 0;
            while (bulk && next < writes.size()) {
                List<Write<T>> batch = writes.subList(next, Math.min(writes.size(), next + BATCH));
                ServerCalls.Answer answer = calls.call(() -> bulkCall.apply(batch.stream().map(Write::request).toList()));
                if (answer.status() == 404 || answer.status() == 405) {
                    bulk = false;
                    break;
                }
                recordBatch(batch, answer, fqnOf, tally);
                next += batch.size();
            }
            for (Write<T> write : writes.subList(next, writes.size())) {
                ServerCalls.Answer answer = calls.call(() -> singleCall.apply(write.request()));
                if (answer.ok()) {
                    tally.succeeded(write.change());
                } else {
                    tally.failed++;
                    errors.add(new Notice(write.fqn(), answer.problem()));
                }
            }
            return tally;
        }

        private <T> void recordBatch(List<Write<T>> batch, ServerCalls.Answer answer, Function<JsonNode, String> fqnOf,
                                     Tally tally) {
            if (!answer.ok()) {
                tally.failed += batch.size();
                batch.forEach(w -> errors.add(new Notice(w.fqn(), "Failed to flush entities to bulk API: " + answer.problem())));
                return;
            }
            Map<String, String> failed = new LinkedHashMap<>();
            for (JsonNode item : answer.body().path("failedRequest")) {
                String message = item.hasNonNull("message") ? item.path("message").asText() : item.path("error").asText();
                failed.put(fqnOf.apply(item.path("request")), message);
            }
            for (Write<T> write : batch) {
                String message = failed.get(write.fqn());
                if (message == null) {
                    tally.succeeded(write.change());
                } else {
                    tally.failed++;
                    errors.add(new Notice(write.fqn(), "Failed to flush entities to bulk API: " + message));
                }
            }
        }
    }
}
