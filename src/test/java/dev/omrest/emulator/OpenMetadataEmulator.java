package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory emulation of the part of the OpenMetadata REST API that the REST/OpenAPI connector uses
 * (see {@code shared/docs/upstream-rest-connector.md} §10–13), served over real HTTP on 127.0.0.1.
 *
 * <p>Besides keeping state like the server does, it checks every request body against the connector
 * contract (no null-valued properties, known properties only, valid names/data types/methods) and, when
 * {@code <openmetadata.shared.dir>/openmetadata-schemas} exists, against the upstream JSON schemas.
 * Rejected bodies answer 400 and are listed in {@link #contractViolations()}.
 *
 * <p>Curated metadata, as on the server: an upsert (PUT, or bulk PUT with {@code overrideMetadata=false})
 * by the ingestion bot never replaces a non-empty {@code description} or {@code displayName}, and fields a
 * request omits ({@code tags}, {@code owners}) keep their stored values; bulk with {@code overrideMetadata=true}
 * replaces them. JSON Patch ({@code PATCH /v1/<entities>/{id}}, {@code application/json-patch+json}) changes any
 * field, as a user editing in the UI does.
 *
 * <p>The pipeline service side of the UI journey ({@code shared/docs/openmetadata-pipeline-service.md} §5) is served
 * too: API services created with POST, ingestion pipelines (create, deploy, trigger, toggle, kill, logs, statuses,
 * delete) and automation workflows (create, trigger, JSON Patch), the server driving an orchestrator through its stock
 * Airflow client ({@link OrchestratorClient}) once {@link #pipelineServiceClient} configures one.
 *
 * <p>Change events: REST writes to API services, collections and endpoints leave the rows OpenMetadata 1.6 records in
 * its {@code change_event} table (one per write that changed something, for the targeted entity only, stamped with the
 * entity's {@code updatedAt}), read with {@code GET /v1/events}; {@link #loseNextChangeEvents} and
 * {@link #purgeChangeEventsBefore} reproduce how rows go missing ({@code docs/unchanged-reruns-research.md} §1–3).
 *
 * <p>Simplifications: {@code fields} is ignored (entities are always returned whole) but for an ingestion pipeline's
 * {@code pipelineStatuses}; POST creates services, ingestion pipelines and workflows only (elsewhere 404).
 *
 * <p>This class is the façade that tests and the benchmark use; the work is done by an {@link ExchangeHandler} (HTTP,
 * gzip, recording), a {@link FaultInjector} (latency and faults), a {@link Router} (dispatch and authentication),
 * {@link ContractChecks} (body rules and schemas) and an {@link EntityStore} (the server's state and semantics).
 */
public final class OpenMetadataEmulator implements AutoCloseable {

    static {
        // must happen before any com.sun.net.httpserver class reads its configuration: Nagle off
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The emulated server version. */
    public enum Mode {
        /** An OpenMetadata 1.6 server: no bulk PUT, no deleteStale, no streamable logs; the 1.6 pipeline client. */
        V1_6("1.6.9"),
        /** An OpenMetadata 2.0 server: bulk PUT, deleteStale and streamable logs available; the 2.0 pipeline client. */
        V2_0("2.0.1");

        private final String version;

        Mode(String version) {
            this.version = version;
        }

        /** The version string reported by {@code GET /v1/system/version}. */
        public String version() {
            return version;
        }
    }

    /** Most items accepted in one bulk PUT (the connector's default batch size). */
    public static final int MAX_BULK_ITEMS = 100;
    public static final int DEFAULT_LIST_LIMIT = 10;
    public static final int MAX_LIST_LIMIT = 1_000_000;
    /** Enough that injected latency never queues a client's calls (Dropwizard's default is 1024 threads). */
    private static final int THREADS = 64;

    /**
     * A copy of the server's database, to put back with {@link #restore(Stored)}: the stored entities and the
     * {@code change_event} table, which lives in the same database, so a server restored from a backup answers
     * {@code /v1/events} with the events of the backup's time.
     */
    public record Stored(List<ObjectNode> services, List<ObjectNode> collections, List<ObjectNode> endpoints,
                         List<ChangeEvent> changeEvents) {
        public Stored {
            changeEvents = List.copyOf(changeEvents);
        }

        /** Entities only, with an empty {@code change_event} table. */
        public Stored(List<ObjectNode> services, List<ObjectNode> collections, List<ObjectNode> endpoints) {
            this(services, collections, endpoints, List.of());
        }
    }

    private final Mode mode;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiUrl;
    private final ContractChecks contract;
    private final EntityStore store;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog log = new RequestLog();
    private final PipelineServiceSettings pipelineService;
    private final ExchangeHandler handler;

    private OpenMetadataEmulator(Mode mode, String token, int port) throws IOException {
        this.mode = mode;
        // -Domrest.emulator.validateSchemas=false: contract rules only (the benchmark, where networknt's cost would be
        // measured as the server's)
        this.contract = new ContractChecks(mode,
                Boolean.parseBoolean(System.getProperty("omrest.emulator.validateSchemas", "true"))
                        ? SchemaValidator.fromSharedFolder() : Optional.empty());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.server = HttpServer.create(new InetSocketAddress(loopback, port), 128);
        // bound already: the port, and so the hrefs the store writes, are known before the first request
        this.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        this.store = new EntityStore(apiUrl);
        this.pipelineService = new PipelineServiceSettings(mode);
        this.handler = new ExchangeHandler(new Router(mode, token, store, contract, log, pipelineService,
                new ServerConnection(apiUrl, token)), faults, log);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "om-emulator-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    /** Starts an emulator on a free loopback port. {@code token} is the only accepted bearer token. */
    public static OpenMetadataEmulator start(Mode mode, String token) {
        return start(mode, token, 0);
    }

    /** Starts an emulator on the given loopback port (0 = any free port). */
    public static OpenMetadataEmulator start(Mode mode, String token, int port) {
        try {
            return new OpenMetadataEmulator(mode, token, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OpenMetadata emulator", e);
        }
    }

    /** OpenMetadata's {@code hostPort} form: {@code http://127.0.0.1:<port>/api}. */
    public String apiUrl() {
        return apiUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Whether bodies are also validated against the upstream schemas (the shared folder exists). */
    public boolean schemaValidationEnabled() {
        return contract.schemaValidationEnabled();
    }

    // ------------------------------------------------------------------------------------------------
    // The pipeline service client (the server's pipelineServiceClientConfiguration)

    /**
     * Configures the server's pipeline service client: the stock Airflow REST client of this server's version, with
     * {@code apiEndpoint} and the Basic credentials {@code username}/{@code password} (the configuration's
     * {@code parameters}). It replaces any earlier one; before the first, the endpoints that need a client answer as a
     * 2.0 server whose client is disabled ("Pipeline Client Disabled"), or, on 1.6, with a 500 that says so.
     */
    public OrchestratorClient pipelineServiceClient(URI apiEndpoint, String username, String password) {
        OrchestratorClient client = new OrchestratorClient(apiEndpoint, username, password, mode, mode.version());
        pipelineService.client(client);
        return client;
    }

    /** The configured client (its recorded requests tell what the server sent the orchestrator). */
    public Optional<OrchestratorClient> orchestratorClient() {
        return Optional.ofNullable(pipelineService.client());
    }

    /** {@code ingestionIpInfoEnabled}: whether {@code GET …/ingestionPipelines/ip} asks the client (else 204). */
    public void ingestionIpInfoEnabled(boolean enabled) {
        pipelineService.ingestionIpInfoEnabled(enabled);
    }

    /** The stored ingestion pipeline with this FQN (a copy), soft-deleted ones included. */
    public Optional<JsonNode> ingestionPipeline(String fqn) {
        synchronized (store.lock()) {
            return Optional.ofNullable(store.pipelines.byFqn.get(fqn)).map(JsonNode::deepCopy);
        }
    }

    /** The stored automation workflow with this name (a copy), soft-deleted ones included. */
    public Optional<JsonNode> workflow(String name) {
        synchronized (store.lock()) {
            return Optional.ofNullable(store.workflows.byFqn.get(Fqn.quote(name))).map(JsonNode::deepCopy);
        }
    }

    /** The log lines a 2.0 server stored for one run of an ingestion pipeline, in arrival order. */
    public List<String> pipelineLogs(String fqn, String runId) {
        return store.runLogs.lines(fqn, runId);
    }

    /** Whether the run's log stream was closed ({@code POST …/logs/{fqn}/{runId}/close}). */
    public boolean pipelineLogsClosed(String fqn, String runId) {
        return store.runLogs.closed(fqn, runId);
    }

    // ------------------------------------------------------------------------------------------------
    // Faults

    /** Sleep this long before answering every request (0 = none). */
    public void latencyMillis(int ms) {
        faults.latencyMillis(ms);
    }

    /** Queue a fault; faults are consumed in injection order by matching requests. */
    public void injectFault(Fault fault) {
        faults.inject(fault);
    }

    /** Drops every fault not consumed yet, the change events still to lose ({@link #loseNextChangeEvents}) included. */
    public void clearFaults() {
        faults.clear();
        store.changeEvents.stopLosing();
    }

    /**
     * From now on a share {@code rate} of requests (all but the version probe) fail at random, reproducibly
     * for a given seed: 429, 502, 503, 504, a dropped connection, or a write whose response is lost.
     */
    public void randomFaults(double rate, long seed) {
        faults.randomFaults(rate, seed);
    }

    /** How many random faults were injected so far. */
    public int randomFaultCount() {
        return faults.randomFaultCount();
    }

    // ------------------------------------------------------------------------------------------------
    // Change events (GET /v1/events)

    /**
     * The {@code change_event} rows in insertion order (an immutable copy). Each REST write to an API service,
     * collection or endpoint that changed it leaves one, stamped with the entity's {@code updatedAt}: see
     * {@link ChangeEvent} and {@code docs/unchanged-reruns-research.md} §1–2.
     */
    public List<ChangeEvent> changeEvents() {
        return store.changeEvents.rows();
    }

    /** Empties the {@code change_event} table (and the count of {@link #lostChangeEvents()}). */
    public void clearChangeEvents() {
        store.changeEvents.clear();
    }

    /**
     * The next {@code n} change events are not recorded, although their writes succeed. Why: the real server inserts
     * the row asynchronously, on another thread after the write has committed, and an insert that fails (or a server
     * that dies in between) is only logged, so a reader of {@code /v1/events} can miss a change that did happen.
     * Replaces any count still pending; {@link #clearFaults()} cancels it.
     */
    public void loseNextChangeEvents(int n) {
        store.changeEvents.loseNext(n);
    }

    /** How many change events {@link #loseNextChangeEvents} made the server lose since the start or the last reset. */
    public int lostChangeEvents() {
        return store.changeEvents.lost();
    }

    /**
     * What the DataRetention app does (weekly, with a 7-day retention by default): deletes every change event whose
     * timestamp is before {@code millis}. Why it matters: it goes by the event's timestamp, which is the entity's
     * {@code updatedAt}, so a hard delete's event, stamped with the entity's last and possibly old {@code updatedAt},
     * is purged long before events recorded at the same time. Returns the number of events deleted.
     */
    public int purgeChangeEventsBefore(long millis) {
        return store.changeEvents.purgeBefore(millis);
    }

    // ------------------------------------------------------------------------------------------------
    // Stored state

    /** The stored API service with this name (a copy). */
    public Optional<JsonNode> service(String name) {
        return store.service(name);
    }

    /** FQN → stored collection (copies), soft-deleted ones included, in insertion order. */
    public Map<String, JsonNode> collections() {
        return store.snapshot(store.collections);
    }

    /** FQN → stored endpoint (copies), soft-deleted ones included, in insertion order. */
    public Map<String, JsonNode> endpoints() {
        return store.snapshot(store.endpoints);
    }

    /**
     * The pipeline statuses stored for this ingestion-pipeline FQN, in arrival order (copies): every PUT, and the
     * {@code stopped} updates a 2.0 kill writes.
     */
    public List<JsonNode> pipelineStatuses(String fqn) {
        return store.pipelineStatuses(fqn);
    }

    /** FQNs of the live (not soft-deleted) collections and endpoints, sorted, without copying the entities. */
    public List<SortedSet<String>> liveFqns() {
        return store.liveFqns();
    }

    /**
     * Sets the server's clock this far from this machine's (negative: in the past) for the writes that follow, so a
     * test can play runs an hour or a day apart, as a schedule makes them, without waiting.
     */
    public void clockOffset(java.time.Duration offset) {
        store.clockOffset(offset);
    }

    /** Whether changed entities carry a {@code changeDescription}, as the server's do (on by default). */
    public void describeChanges(boolean describe) {
        store.describeChanges(describe);
    }

    /** Copies the stored services, collections and endpoints, and the change events. */
    public Stored store() {
        return store.store();
    }

    /** Empties the server ({@link #reset()}) and puts back exactly what {@link #store()} copied. */
    public void restore(Stored stored) {
        reset();
        store.restore(stored);
    }

    /**
     * Forgets every stored entity, pipeline status and log, change event, recorded request and violation: an empty
     * server again (its configuration, the pipeline service client included, stays, and so do faults not consumed yet).
     */
    public void reset() {
        store.reset();
        log.reset();
    }

    // ------------------------------------------------------------------------------------------------
    // What was sent

    /** Every request in arrival order. */
    public List<RecordedRequest> requests() {
        return log.requests();
    }

    /**
     * Every body rejected for a contract or schema reason, as {@code "<METHOD> <path after /api>[ item <i>]:
     * <contract|schema <file>>: <reason>"}.
     */
    public List<String> contractViolations() {
        return log.violations();
    }

    /** Forgets the recorded requests (not the contract violations nor the state). */
    public void clearRequests() {
        log.clearRequests();
    }

    /** Forgets the recorded contract violations. */
    public void clearContractViolations() {
        log.clearViolations();
    }

    /** Whether {@link #requests()} keep request bodies (off for large benchmark runs; counts and bytes are kept). */
    public void recordBodies(boolean keep) {
        log.recordBodies(keep);
    }

    /**
     * What requests cost the server ({@link CostModel}; {@link CostModel#NONE}, the default, for tests): with
     * {@link CostModel#CALIBRATED} listings and writes take what they take on a real server of 2 cores.
     */
    public void costModel(CostModel model) {
        handler.costModel(model);
    }

    /** How long each answered PUT took at the server (arrival to answer, injected latency included), in ms, in arrival order. */
    public List<Double> writeMillis() {
        return log.writeMillis();
    }

    /**
     * The most requests the server held at once (arrived, not yet answered) since the last {@link #reset()} or
     * {@link #clearRequests()}.
     */
    public int peakInFlight() {
        return log.peakInFlight.get();
    }

    /**
     * Dropwizard's {@code server.gzip.enabled} (true by default, as on OpenMetadata): request bodies sent with
     * {@code Content-Encoding: gzip} are inflated, and GET answers of 256 bytes and more are compressed for clients
     * that accept gzip. Switched off, a compressed body reaches the JSON reader as it is and is answered 400.
     */
    public void gzip(boolean enabled) {
        handler.gzip(enabled);
    }

    /** Requests whose body came gzip-compressed (inflated or, with gzip off, turned down). */
    public int compressedRequests() {
        return log.compressedRequests.get();
    }

    /**
     * CPU time the request handlers took (reading, inflating, parsing, storing, answering; not the injected latency,
     * which sleeps) since the start or the last {@link #reset()}: the server's share of a run on shared cores.
     */
    public long cpuMillis() {
        return log.cpuNanos.get() / 1_000_000;
    }

    /** Answers sent gzip-compressed. */
    public int compressedResponses() {
        return log.compressedResponses.get();
    }

    /** Request body bytes received (as sent: compressed bodies count compressed) since the start or the last {@link #reset()}. */
    public long bytesReceived() {
        return log.bytesReceived.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs an emulator as a standalone process until killed.
     * Arguments (all optional): {@code mode} (V2_0|V1_6|2.0|1.6, default V2_0), {@code port} (default 8585,
     * 0 = free), {@code token} (default {@code emulator-token}), {@code latencyMillis} (default 0).
     * Prints the {@link #apiUrl()} on stdout.
     */
    public static void main(String[] args) throws InterruptedException {
        // jboss-logmanager is on the test classpath; without this the JDK HttpServer's logger complains
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        Mode mode = args.length > 0 ? parseMode(args[0]) : Mode.V2_0;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8585;
        String token = args.length > 2 ? args[2] : "emulator-token";
        int latency = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        OpenMetadataEmulator emulator = start(mode, token, port);
        emulator.latencyMillis(latency);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println(emulator.apiUrl());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static Mode parseMode(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('.', '_').replace("V", "");
        return switch (t) {
            case "1_6", "1_6_9" -> Mode.V1_6;
            case "2_0", "2_0_1" -> Mode.V2_0;
            default -> throw new IllegalArgumentException("unknown mode " + text + " (use V1_6 or V2_0)");
        };
    }
}
