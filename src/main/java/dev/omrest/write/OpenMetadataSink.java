package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.Redact;
import dev.omrest.config.SinkTarget;
import dev.omrest.map.DesiredState;
import dev.omrest.openmetadata.BulkDeleteStaleRequest;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.openmetadata.OpenMetadataApi;
import dev.omrest.openmetadata.OpenMetadataClients;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.ServerVersion;
import dev.omrest.plan.CurrentState;
import dev.omrest.plan.ExistingEntity;
import dev.omrest.plan.Plan;
import dev.omrest.plan.Planner;
import dev.omrest.plan.Seal;
import dev.omrest.report.EntityCounts;
import dev.omrest.report.Notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings an OpenMetadata server in line with the desired state: reads what the service has (before the spec is
 * parsed), plans, writes (service only if absent, every collection before any endpoint), then marks stale entities
 * deleted. One instance serves one run: it keeps that run's server version, and call counts.
 */
public final class OpenMetadataSink implements Sink {
    static final int LIST_PAGE = 1000;
    private final OpenMetadataApi api;
    private final String server;
    private final WriteSettings settings;
    private final ServerCalls calls;
    private ServerVersion version;

    public OpenMetadataSink(OpenMetadataApi api, SinkTarget.OpenMetadata target, WriteSettings settings) {
        this.api = api;
        this.server = Redact.url(target.apiUrl());
        this.settings = settings;
        this.calls = new ServerCalls(server, settings.retry());
    }

    @Override
    public CurrentState read(String serviceName) {
        version = ServerVersion.parse(
                calls.require("GET /v1/system/version", api::version).body().path("version").asText(null));
        return serviceExists(serviceName)
                ? new CurrentState(version.version(), true, list(serviceName, true), list(serviceName, false))
                : new CurrentState(version.version(), false, Map.of(), Map.of());
    }

    @Override
    public void close() {
        OpenMetadataClients.close(api);
    }

    @Override
    public SyncResult unchanged(Seal.Intact intact) {
        return new SyncResult(target(), writeMode(), false,
                new EntityCounts(0, 0, 0, intact.collections(), intact.counts().failedCollections(), 0,
                        intact.counts().filteredCollections(), 0),
                new EntityCounts(0, 0, 0, intact.endpoints(), intact.counts().failedEndpoints(), 0,
                        intact.counts().filteredEndpoints(), 0),
                List.of(), List.of(), null, Map.of(), calls.count(), calls.retries());
    }

    @Override
    public SyncResult sync(DesiredState desired, CurrentState current, SyncOptions options) {
        if (version == null) {
            throw new IllegalStateException("read() comes first");
        }
        String serviceName = desired.service().name();
        Map<String, Long> durations = new LinkedHashMap<>();
        long planStart = System.nanoTime();
        Plan plan = Planner.plan(desired, current, options.plan(), options.inputs());
        durations.put("plan", millisSince(planStart));

        long writeStart = System.nanoTime();
        if (plan.createService() != null) {
            CreateApiService service = plan.createService().forServer(version);
            calls.require("PUT /v1/services/apiServices", () -> api.putApiService(service));
        }
        List<Notice> errors = new ArrayList<>();
        List<Notice> warnings = new ArrayList<>();
        Tally collections = new Tally();
        Tally endpoints = new Tally();
        boolean bulk;
        int parallelism = version.hasBulk() ? settings.parallelism() : settings.perEntityParallelism();
        WriteCalls writeCalls = new WriteCalls(calls, settings.gzip());
        try (ParallelWriter writer = new ParallelWriter(api, writeCalls, parallelism, version.hasBulk(),
                options.plan().overrideMetadata(), options.deadline(), settings.maxBulkBytes())) {
            errors.addAll(writer.collections(plan.collections(), collections));
            errors.addAll(writer.endpoints(plan.endpoints(), endpoints));
            bulk = writer.bulk();
        }
        durations.put("write", millisSince(writeStart));
        if (writeCalls.gzipRefused()) {
            warnings.add(new Notice(serviceName, "OpenMetadata turned down gzip-compressed request bodies, so they were sent "
                    + "uncompressed; set OMREST_WRITE_GZIP=false to stop trying"));
        }

        long deleteStart = System.nanoTime();
        int skipped = collections.skipped() + endpoints.skipped();
        if (skipped > 0) {
            errors.add(new Notice(serviceName, "Run deadline reached: " + skipped
                    + " entities were not written and nothing was marked deleted; the next run continues"));
        } else {
            if (plan.heldBack() != null) {
                warnings.add(new Notice(serviceName, "Held back: " + plan.heldBack()));
            }
            collections.deleted(deleteStaleCollections(plan, serviceName, errors));
            endpoints.deleted(deleteStaleEndpoints(plan, errors, options.deadline()));
        }
        durations.put("delete", millisSince(deleteStart));

        return new SyncResult(target(), bulk ? "bulk" : "per-entity",
                plan.createService() != null,
                collections.counts(plan.unchangedCollections(), desired.filteredCollections(), desired.collectionFailures().size()),
                endpoints.counts(plan.unchangedEndpoints(), desired.filteredEndpoints(), desired.endpointFailures().size()),
                List.copyOf(errors), List.copyOf(warnings), plan.heldBack(), durations, calls.count(), calls.retries());
    }

    @Override
    public RunStatus runStatus(String ingestionPipelineFqn) {
        return ingestionPipelineFqn == null ? RunStatus.NONE
                : new PipelineStatusReporter(api, new ServerCalls(server, settings.retry()), ingestionPipelineFqn);
    }

    private String target() {
        return server + " (OpenMetadata " + version.version() + ")";
    }

    private String writeMode() {
        return version.hasBulk() ? "bulk" : "per-entity";
    }

    private boolean serviceExists(String name) {
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
    private Map<String, ExistingEntity> list(String service, boolean collections) {
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
                String parent = collections ? null : entity.path("apiCollection").path("fullyQualifiedName").asText(null);
                entities.put(fqn, new ExistingEntity(entity.path("id").asText(), fqn, parent,
                        entity.path("sourceHash").asText(null), entity.path("deleted").asBoolean(false)));
            }
            after = page.path("paging").path("after").asText(null);
        } while (after != null && !after.isEmpty());
        return entities;
    }

    private int deleteStaleCollections(Plan plan, String service, List<Notice> errors) {
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
            ServerCalls.Answer answer = calls.write(() -> api.deleteApiCollection(stale.id(), true, false));
            if (answer.ok() || answer.status() == 404) {
                deleted++;
            } else {
                errors.add(new Notice(stale.fqn(), "Marking the collection deleted failed: " + answer.problem()));
            }
        }
        return deleted;
    }

    private int deleteStaleEndpoints(Plan plan, List<Notice> errors, Instant deadline) {
        int deleted = 0;
        for (ExistingEntity stale : plan.staleEndpoints()) {
            if (Instant.now().isAfter(deadline)) {
                errors.add(new Notice(stale.fqn(), "Run deadline reached before the endpoint was marked deleted"));
                continue;
            }
            ServerCalls.Answer answer = calls.write(() -> api.deleteApiEndpoint(stale.id(), false));
            if (answer.ok() || answer.status() == 404) {
                deleted++;
            } else {
                errors.add(new Notice(stale.fqn(), "Marking the endpoint deleted failed: " + answer.problem()));
            }
        }
        return deleted;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
