package dev.omrest.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.budget.RunBudget;
import dev.omrest.config.Redact;
import dev.omrest.config.SinkTarget;
import dev.omrest.openmetadata.BulkDeleteStaleRequest;
import dev.omrest.openmetadata.Catalogue;
import dev.omrest.openmetadata.CatalogueOutline;
import dev.omrest.openmetadata.ChangeEvent;
import dev.omrest.openmetadata.CreateApiService;
import dev.omrest.openmetadata.CurrentState;
import dev.omrest.openmetadata.ExistingEntity;
import dev.omrest.openmetadata.JsonPatchOperation;
import dev.omrest.openmetadata.OpenMetadataApi;
import dev.omrest.openmetadata.OpenMetadataClients;
import dev.omrest.openmetadata.OpenMetadataException;
import dev.omrest.openmetadata.PipelineStatusReporter;
import dev.omrest.openmetadata.RunStatus;
import dev.omrest.openmetadata.RetryPolicy;
import dev.omrest.openmetadata.ServerCalls;
import dev.omrest.openmetadata.ServerVersion;
import dev.omrest.openmetadata.WriteCalls;
import dev.omrest.plan.Plan;
import dev.omrest.report.RunLog;
import dev.omrest.outcome.Notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenMetadata server as the run's sink: read (before the spec is parsed), write (service only if absent, every
 * collection before any endpoint), mark stale entities deleted. One instance serves one run: it keeps that run's server
 * version and call counts, and every call comes out of the run's budget.
 */
public final class OpenMetadataSink implements Sink {
    /**
     * How long after the run's last answer its pipeline status may still be recorded: with the calls' grace, 25 s after
     * the deadline, inside the 30 s at least the stack leaves before the Lambda timeout.
     */
    static final Duration STATUS_GRACE = Duration.ofSeconds(10);
    private final OpenMetadataApi api;
    private final String server;
    private final WriteSettings settings;
    private final ServerCalls calls;
    /** One attempt each: the events read and the stamp are worth less than the time a retry would take. */
    private final ServerCalls once;
    private final RunBudget budget;
    private ServerVersion version;

    public OpenMetadataSink(OpenMetadataApi api, SinkTarget.OpenMetadata target, WriteSettings settings, RunBudget budget) {
        this.api = api;
        this.server = Redact.url(target.apiUrl());
        this.settings = settings;
        this.calls = new ServerCalls(server, settings.retry(), budget);
        this.once = new ServerCalls(server, RetryPolicy.NONE, budget);
        this.budget = budget;
    }

    @Override
    public CurrentState read(String serviceName) {
        CurrentState current = Catalogue.read(api, calls, serviceName);
        version = ServerVersion.parse(current.serverVersion());
        return current;
    }

    @Override
    public CatalogueOutline outline(String serviceName) {
        CatalogueOutline outline = Catalogue.outline(api, calls, serviceName);
        version = ServerVersion.parse(outline.serverVersion());
        return outline;
    }

    @Override
    public List<ChangeEvent> changeEventsSince(long millis) {
        return Catalogue.changeEventsSince(api, once, millis);
    }

    @Override
    public String restamp(ExistingEntity collection, String seal) {
        // the test fails the patch when another writer changed the collection's sourceHash since the listing: its
        // content would otherwise be vouched for by a seal made for the content listed (a change of other fields in
        // that time is in the events the next run reads)
        ServerCalls.Answer answer = once.write(() -> api.patchApiCollection(collection.id(),
                List.of(JsonPatchOperation.test("sourceHash", collection.sourceHash()),
                        JsonPatchOperation.set("sourceHash", seal))));
        return answer.ok() ? null : "PATCH /v1/apiCollections/" + collection.id() + " failed: " + answer.problem();
    }

    @Override
    public boolean keepsSeals() {
        return true;
    }

    @Override
    public void close() {
        OpenMetadataClients.close(api);
    }

    @Override
    public String target() {
        // before the catalogue was read (a run stopped first) the server's release is not known
        return version == null ? server : server + " (OpenMetadata " + version.version() + ")";
    }

    @Override
    public String writeMode() {
        return version().hasBulk() ? "bulk" : "per-entity";
    }

    @Override
    public int requests() {
        return calls.count() + once.count();
    }

    @Override
    public int retries() {
        return calls.retries();
    }

    @Override
    public Written write(Plan plan, boolean overrideMetadata) {
        if (plan.createService() != null) {
            CreateApiService service = plan.createService().forServer(version());
            ServerCalls.Answer answer = calls.call(() -> api.putApiService(service));
            if (!answer.sent()) {
                return nothingSent(plan); // the deadline passed first: the next run starts over
            }
            if (!answer.ok()) {
                throw new OpenMetadataException(answer.status(), "PUT /v1/services/apiServices failed: " + answer.problem());
            }
        }
        List<Notice> errors = new ArrayList<>();
        List<Notice> warnings = new ArrayList<>();
        Tally collections = new Tally();
        Tally endpoints = new Tally();
        boolean bulk;
        int parallelism = version().hasBulk() ? settings.parallelism() : settings.perEntityParallelism();
        WriteCalls writeCalls = new WriteCalls(calls, settings.gzip());
        try (ParallelWriter writer = new ParallelWriter(api, writeCalls, parallelism, settings.adaptive(), version().hasBulk(),
                overrideMetadata, budget, settings.maxBulkBytes())) {
            errors.addAll(writer.collections(plan.collections(), collections));
            errors.addAll(writer.endpoints(plan.endpoints(), endpoints));
            bulk = writer.bulk();
            RunLog.callsInFlight(server, parallelism, writer.callsInFlightEnded(), writer.callsInFlightLowest());
        }
        if (writeCalls.gzipRefused()) {
            warnings.add(new Notice(plan.serviceName(), "OpenMetadata turned down gzip-compressed "
                    + "request bodies, so they were sent uncompressed; set OMREST_WRITE_GZIP=false to stop trying"));
        }
        return new Written(plan.createService() != null, collections.count(), endpoints.count(), bulk ? "bulk" : "per-entity",
                List.copyOf(errors), List.copyOf(warnings));
    }

    /** Every entity of the plan counted skipped: the run's deadline passed before the first write. */
    private Written nothingSent(Plan plan) {
        return new Written(false, new Written.Count(0, 0, 0, 0, plan.collections().size()),
                new Written.Count(0, 0, 0, 0, plan.endpoints().size()), writeMode(), List.of(), List.of());
    }

    @Override
    public Deleted delete(Plan plan) {
        List<Notice> errors = new ArrayList<>();
        int collections = deleteStaleCollections(plan, plan.serviceName(), errors);
        int endpoints = deleteStaleEndpoints(plan, errors);
        return new Deleted(collections, endpoints, List.copyOf(errors));
    }

    @Override
    public RunStatus runStatus(String ingestionPipelineFqn, String pipelineRunId) {
        return ingestionPipelineFqn == null ? RunStatus.NONE
                : new PipelineStatusReporter(api, new ServerCalls(server, settings.retry(), budget.afterwards(STATUS_GRACE)),
                        new ServerCalls(server, RetryPolicy.NONE, budget.afterwards(STATUS_GRACE)), ingestionPipelineFqn,
                        pipelineRunId);
    }

    private ServerVersion version() {
        if (version == null) {
            throw new IllegalStateException("read() comes first");
        }
        return version;
    }

    private int deleteStaleCollections(Plan plan, String service, List<Notice> errors) {
        if (plan.staleCollections().isEmpty()) {
            return 0;
        }
        if (version().hasDeleteStale()) {
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

    private int deleteStaleEndpoints(Plan plan, List<Notice> errors) {
        int deleted = 0;
        for (ExistingEntity stale : plan.staleEndpoints()) {
            if (budget.expired()) {
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
}
