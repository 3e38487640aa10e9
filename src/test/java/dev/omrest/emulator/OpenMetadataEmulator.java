package dev.omrest.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

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
 * <p>Simplifications: {@code fields} is ignored (entities are always returned whole); no POST (404).
 */
public final class OpenMetadataEmulator implements AutoCloseable {

    static {
        // must happen before any com.sun.net.httpserver class reads its configuration: Nagle off
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The emulated server version. */
    public enum Mode {
        /** An OpenMetadata 1.6 server: no bulk PUT, no deleteStale. */
        V1_6("1.6.9"),
        /** An OpenMetadata 2.0 server: bulk PUT and deleteStale available. */
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
    private static final java.lang.management.ThreadMXBean THREADS_MX = java.lang.management.ManagementFactory.getThreadMXBean();
    /**
     * {@code -Domrest.emulator.logRequests=true}: print one line per answered request on stderr
     * ({@code REQ <method> <path>[?query] <body length>B -> <status>[ <error message>]}), to see what an
     * external client (e.g. the upstream Python connector) calls.
     */
    private static final boolean LOG_REQUESTS = Boolean.getBoolean("omrest.emulator.logRequests");

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> DATA_TYPES = List.of("RECORD", "NULL", "BOOLEAN", "INT", "LONG", "BYTES", "FLOAT",
            "DOUBLE", "TIMESTAMP", "TIMESTAMPZ", "TIME", "DATE", "STRING", "ARRAY", "MAP", "ENUM", "UNION", "FIXED",
            "ERROR", "UNKNOWN");
    static final List<String> REQUEST_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "CONNECT",
            "OPTIONS", "TRACE");
    static final List<String> PIPELINE_STATES = List.of("queued", "running", "success", "failed", "partialSuccess");

    /** The request bodies the emulator accepts, with their contract rules and upstream schema. */
    enum BodyKind {
        SERVICE("CreateApiService", "api/services/createApiService.json", List.of("name", "serviceType"),
                List.of("name", "displayName", "description", "serviceType", "connection", "tags", "owners",
                        "dataProducts", "domain", "ingestionRunner")),
        COLLECTION("CreateAPICollection", "api/data/createAPICollection.json", List.of("name", "service"),
                List.of("name", "displayName", "description", "endpointURL", "apiEndpoints", "tags", "owners",
                        "service", "extension", "domain", "dataProducts", "lifeCycle", "sourceHash")),
        ENDPOINT("CreateAPIEndpoint", "api/data/createAPIEndpoint.json", List.of("name", "apiCollection"),
                List.of("name", "displayName", "description", "apiCollection", "endpointURL", "requestMethod",
                        "requestSchema", "responseSchema", "owners", "tags", "extension", "sourceUrl", "domains",
                        "dataProducts", "lifeCycle", "sourceHash")),
        DELETE_STALE("BulkDeleteStaleRequest", "type/bulkDeleteStaleRequest.json",
                List.of("scopeFqn", "scopeEntityType", "seenFqns"),
                List.of("scopeFqn", "scopeEntityType", "seenFqns", "dryRun", "hardDelete", "recursive")),
        RESTORE("RestoreEntity", null, List.of("id"), List.of("id")),
        PIPELINE_STATUS("PipelineStatus", null, List.of("runId", "pipelineState"), null);

        final String title;
        final String schema;
        final List<String> required;
        final List<String> allowed; // null = any top-level property

        BodyKind(String title, String schema, List<String> required, List<String> allowed) {
            this.title = title;
            this.schema = schema;
            this.required = required;
            this.allowed = allowed;
        }
    }

    /** One entity table (services, collections or endpoints). */
    private static final class Table {
        final String type;
        final String hrefPath;
        final LinkedHashMap<String, ObjectNode> byFqn = new LinkedHashMap<>();
        final TreeMap<String, ObjectNode> sorted = new TreeMap<>();
        final HashMap<String, String> fqnById = new HashMap<>();

        Table(String type, String hrefPath) {
            this.type = type;
            this.hrefPath = hrefPath;
        }

        void put(String fqn, ObjectNode entity) {
            byFqn.put(fqn, entity);
            sorted.put(fqn, entity);
            fqnById.put(entity.path("id").asText(), fqn);
        }

        void remove(String fqn) {
            ObjectNode removed = byFqn.remove(fqn);
            sorted.remove(fqn);
            if (removed != null) {
                fqnById.remove(removed.path("id").asText());
            }
        }

        ObjectNode byId(String id) {
            String fqn = fqnById.get(id);
            return fqn == null ? null : byFqn.get(fqn);
        }
    }

    /** A pending fault with its remaining count. */
    private static final class FaultState {
        final Fault fault;
        final AtomicInteger remaining;

        FaultState(Fault fault) {
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times());
        }
    }

    /** A recorded request whose status is filled in when the answer is sent. */
    private static final class Recorded {
        final String method;
        final String path;
        final String query;
        final String body;
        volatile int status;

        Recorded(String method, String path, String query, String body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.body = body;
        }
    }

    /** A reply to send. */
    private record Reply(int status, JsonNode body, Map<String, String> headers) {
        static Reply of(int status, JsonNode body) {
            return new Reply(status, body, Map.of());
        }
    }

    /** Thrown by handlers to answer an error; {@code violation} marks a contract/schema rejection. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final boolean violation;

        ApiError(int status, String message, boolean violation) {
            super(message, null, false, false);
            this.status = status;
            this.violation = violation;
        }
    }

    /** Outcome of upserting one create request. */
    private record Upsert(int status, ObjectNode entity, String message) {
    }

    private final Mode mode;
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiUrl;
    private final Optional<SchemaValidator> schemas;
    private volatile int latencyMillis;
    private volatile boolean recordBodies = true;
    private final java.util.concurrent.atomic.AtomicLong bytesReceived = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger compressedRequests = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger compressedResponses = new AtomicInteger();
    private volatile boolean gzip = true;

    private final Object lock = new Object();
    private final Table services = new Table("apiService", "/v1/services/apiServices/");
    private final Table collections = new Table("apiCollection", "/v1/apiCollections/");
    private final Table endpoints = new Table("apiEndpoint", "/v1/apiEndpoints/");
    private final Map<String, List<JsonNode>> pipelineStatuses = new LinkedHashMap<>();
    private final List<FaultState> faults = new ArrayList<>();
    private double randomFaultRate;
    private java.util.Random random;
    private int randomFaultCount;
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private OpenMetadataEmulator(Mode mode, String token, int port) throws IOException {
        this.mode = mode;
        this.token = token;
        // -Domrest.emulator.validateSchemas=false: contract rules only (the benchmark, where networknt's cost would be
        // measured as the server's)
        this.schemas = Boolean.parseBoolean(System.getProperty("omrest.emulator.validateSchemas", "true"))
                ? SchemaValidator.fromSharedFolder() : Optional.empty();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        this.server = HttpServer.create(new InetSocketAddress(loopback, port), 128);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "om-emulator-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.apiUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
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
        return schemas.isPresent();
    }

    /** Sleep this long before answering every request (0 = none). */
    public void latencyMillis(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        this.latencyMillis = ms;
    }

    /** Queue a fault; faults are consumed in injection order by matching requests. */
    public void injectFault(Fault fault) {
        synchronized (faults) {
            faults.add(new FaultState(fault));
        }
    }

    /** Drops every fault not consumed yet. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /** The stored API service with this name (a copy). */
    public Optional<JsonNode> service(String name) {
        synchronized (lock) {
            for (ObjectNode service : services.byFqn.values()) {
                if (name.equals(service.path("name").asText())) {
                    return Optional.of(service.deepCopy());
                }
            }
            return Optional.empty();
        }
    }

    /** FQN → stored collection (copies), soft-deleted ones included, in insertion order. */
    public Map<String, JsonNode> collections() {
        return snapshot(collections);
    }

    /** FQN → stored endpoint (copies), soft-deleted ones included, in insertion order. */
    public Map<String, JsonNode> endpoints() {
        return snapshot(endpoints);
    }

    /** The pipeline statuses PUT for this ingestion-pipeline FQN, in arrival order (copies). */
    public List<JsonNode> pipelineStatuses(String fqn) {
        synchronized (lock) {
            List<JsonNode> copies = new ArrayList<>();
            for (JsonNode status : pipelineStatuses.getOrDefault(fqn, List.of())) {
                copies.add(status.deepCopy());
            }
            return copies;
        }
    }

    /** Every request in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            List<RecordedRequest> list = new ArrayList<>(recorded.size());
            for (Recorded r : recorded) {
                list.add(new RecordedRequest(r.method, r.path, r.query, r.body, r.status));
            }
            return list;
        }
    }

    /**
     * Every body rejected for a contract or schema reason, as {@code "<METHOD> <path after /api>[ item <i>]:
     * <contract|schema <file>>: <reason>"}.
     */
    public List<String> contractViolations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Forgets the recorded requests (not the contract violations nor the state). */
    public void clearRequests() {
        recorded.clear();
    }

    /** Whether {@link #requests()} keep request bodies (off for large benchmark runs; counts and bytes are kept). */
    public void recordBodies(boolean keep) {
        this.recordBodies = keep;
    }

    /** FQNs of the live (not soft-deleted) collections and endpoints, sorted, without copying the entities. */
    public List<java.util.SortedSet<String>> liveFqns() {
        synchronized (lock) {
            java.util.SortedSet<String> liveCollections = new java.util.TreeSet<>();
            java.util.SortedSet<String> liveEndpoints = new java.util.TreeSet<>();
            collections.byFqn.forEach((fqn, e) -> {
                if (!e.path("deleted").asBoolean()) {
                    liveCollections.add(fqn);
                }
            });
            endpoints.byFqn.forEach((fqn, e) -> {
                if (!e.path("deleted").asBoolean()) {
                    liveEndpoints.add(fqn);
                }
            });
            return List.of(liveCollections, liveEndpoints);
        }
    }

    /**
     * Dropwizard's {@code server.gzip.enabled} (true by default, as on OpenMetadata): request bodies sent with
     * {@code Content-Encoding: gzip} are inflated, and GET answers of 256 bytes and more are compressed for clients
     * that accept gzip. Switched off, a compressed body reaches the JSON reader as it is and is answered 400.
     */
    public void gzip(boolean enabled) {
        this.gzip = enabled;
    }

    /** Requests whose body came gzip-compressed (inflated or, with gzip off, turned down). */
    public int compressedRequests() {
        return compressedRequests.get();
    }

    /**
     * CPU time the request handlers took (reading, inflating, parsing, storing, answering; not the injected latency,
     * which sleeps) since the start or the last {@link #reset()}: the server's share of a run on shared cores.
     */
    public long cpuMillis() {
        return cpuNanos.get() / 1_000_000;
    }

    /** Answers sent gzip-compressed. */
    public int compressedResponses() {
        return compressedResponses.get();
    }

    /** Request body bytes received (as sent: compressed bodies count compressed) since the start or the last {@link #reset()}. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** Forgets every stored entity, pipeline status, recorded request and violation: an empty server again. */
    public void reset() {
        synchronized (lock) {
            for (Table table : List.of(services, collections, endpoints)) {
                table.byFqn.clear();
                table.sorted.clear();
                table.fqnById.clear();
            }
            pipelineStatuses.clear();
        }
        recorded.clear();
        violations.clear();
        bytesReceived.set(0);
        compressedRequests.set(0);
        cpuNanos.set(0);
        compressedResponses.set(0);
    }

    /** A copy of the stored entities, to put back with {@link #restore(Stored)}. */
    public record Stored(List<ObjectNode> services, List<ObjectNode> collections, List<ObjectNode> endpoints) {
    }

    /** Copies the stored services, collections and endpoints. */
    public Stored store() {
        synchronized (lock) {
            return new Stored(copies(services), copies(collections), copies(endpoints));
        }
    }

    /** Empties the server ({@link #reset()}) and puts back exactly what {@link #store()} copied. */
    public void restore(Stored stored) {
        reset();
        synchronized (lock) {
            stored.services().forEach(e -> services.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
            stored.collections().forEach(e -> collections.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
            stored.endpoints().forEach(e -> endpoints.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
        }
    }

    private static List<ObjectNode> copies(Table table) {
        List<ObjectNode> list = new ArrayList<>();
        table.byFqn.values().forEach(e -> list.add(e.deepCopy()));
        return list;
    }

    /** Forgets the recorded contract violations. */
    public void clearContractViolations() {
        violations.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------
    // HTTP plumbing

    private void handle(HttpExchange exchange) {
        long cpuStart = THREADS_MX.getCurrentThreadCpuTime();
        Recorded record;
        try {
            byte[] bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.readAllBytes();
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            bytesReceived.addAndGet(bodyBytes.length);
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            boolean compressed = "gzip".equalsIgnoreCase(encoding);
            if (encoding != null && !compressed) {
                violations.add(method + " " + rawPath + ": contract: Content-Encoding '" + encoding + "' (only gzip, or none)");
            }
            if (compressed) {
                compressedRequests.incrementAndGet();
            }
            byte[] readable = compressed && gzip ? inflate(bodyBytes) : bodyBytes;
            String body = readable == null ? "" : new String(readable, StandardCharsets.UTF_8);
            record = new Recorded(method, rawPath, rawQuery == null ? "" : rawQuery, recordBodies ? body : "");
            recorded.add(record);
            if (readable == null || compressed && !gzip) {
                send(exchange, record, Reply.of(400, error(400, readable == null
                        ? "Malformed gzip request body" : "Unable to process JSON")), false);
                return;
            }

            int latency = latencyMillis;
            if (latency > 0) {
                Thread.sleep(latency);
            }
            String apiPath = rawPath.startsWith("/api/") ? rawPath.substring(4) : rawPath;
            Fault fault = takeFault(method, apiPath);
            if (fault == null) {
                fault = randomFault(apiPath);
            }
            boolean dropAfterApply = fault != null && fault.kind() == Fault.Kind.DROP_AFTER_APPLY;
            if (fault != null && !dropAfterApply) {
                switch (fault.kind()) {
                    case DROP_CONNECTION -> {
                        return; // see finally: the connection is closed without a response
                    }
                    case DELAY -> Thread.sleep(fault.delayMillis());
                    case DROP_AFTER_APPLY -> {
                    }
                    case STATUS -> {
                        Map<String, String> headers = fault.retryAfterSeconds() >= 0
                                ? Map.of("Retry-After", Integer.toString(fault.retryAfterSeconds()))
                                : Map.of();
                        send(exchange, record, new Reply(fault.status(),
                                error(fault.status(), "Injected fault: HTTP " + fault.status()), headers), false);
                        return;
                    }
                }
            }
            Reply reply;
            try {
                reply = route(exchange, method, rawPath, rawQuery, body);
            } catch (ApiError e) {
                if (e.violation) {
                    violations.add(method + " " + apiPath + ": " + e.getMessage());
                }
                reply = Reply.of(e.status, error(e.status, e.getMessage()));
            } catch (RuntimeException e) {
                reply = Reply.of(500, error(500, "Emulator failure: " + e));
            }
            if (dropAfterApply) {
                return; // applied, but the client never hears of it
            }
            send(exchange, record, reply, gzip && method.equals("GET") && acceptsGzip(exchange));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // client went away; nothing to answer
        } finally {
            exchange.close(); // before any response header was sent this closes the connection
            cpuNanos.addAndGet(THREADS_MX.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    /**
     * From now on a share {@code rate} of requests (all but the version probe) fail at random, reproducibly
     * for a given seed: 429, 502, 503, 504, a dropped connection, or a write whose response is lost.
     */
    public void randomFaults(double rate, long seed) {
        synchronized (faults) {
            randomFaultRate = rate;
            random = new java.util.Random(seed);
        }
    }

    /** How many random faults were injected so far. */
    public int randomFaultCount() {
        synchronized (faults) {
            return randomFaultCount;
        }
    }

    private Fault randomFault(String apiPath) {
        synchronized (faults) {
            if (random == null || apiPath.equals("/v1/system/version") || random.nextDouble() >= randomFaultRate) {
                return null;
            }
            randomFaultCount++;
            return switch (random.nextInt(6)) {
                case 0 -> Fault.tooManyRequests("*", "", 1, 0);
                case 1 -> Fault.status("*", "", 1, 502);
                case 2 -> Fault.status("*", "", 1, 503);
                case 3 -> Fault.status("*", "", 1, 504);
                case 4 -> Fault.dropConnection("*", "", 1);
                default -> Fault.dropAfterApply("*", "", 1);
            };
        }
    }

    private Fault takeFault(String method, String apiPath) {
        synchronized (faults) {
            Iterator<FaultState> it = faults.iterator();
            while (it.hasNext()) {
                FaultState state = it.next();
                if (state.fault.matches(method, apiPath)) {
                    if (state.remaining.decrementAndGet() <= 0) {
                        it.remove();
                    }
                    return state.fault;
                }
            }
            return null;
        }
    }

    private static boolean acceptsGzip(HttpExchange exchange) {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** The body inflated, or null when it is not gzip. */
    private static byte[] inflate(byte[] body) {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] deflate(byte[] body) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (OutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private void send(HttpExchange exchange, Recorded record, Reply reply, boolean compress) throws IOException {
        if (LOG_REQUESTS) {
            String note = reply.status() >= 400 ? " " + reply.body().path("message").asText() : "";
            System.err.println("REQ " + record.method + " " + record.path
                    + (record.query.isEmpty() ? "" : "?" + record.query) + " " + record.body.length() + "B -> "
                    + reply.status() + note);
        }
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (compress && bytes.length >= 256) {
            bytes = deflate(bytes);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            compressedResponses.incrementAndGet();
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        record.status = reply.status(); // before answering: a client that got its answer sees the status
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static ObjectNode error(int status, String message) {
        ObjectNode node = NODES.objectNode();
        node.put("code", status);
        node.put("message", message);
        return node;
    }

    private static ApiError notFound(String message) {
        return new ApiError(404, message, false);
    }

    private static ApiError badRequest(String message) {
        return new ApiError(400, message, false);
    }

    private static ApiError violation(int status, String message) {
        return new ApiError(status, message, true);
    }

    private static final ApiError NO_ROUTE = notFound("HTTP 404 Not Found");

    // ------------------------------------------------------------------------------------------------
    // Routing

    private Reply route(HttpExchange exchange, String method, String rawPath, String rawQuery, String body) {
        if (!rawPath.startsWith("/api/v1/")) {
            throw NO_ROUTE;
        }
        List<String> seg = new ArrayList<>();
        for (String raw : rawPath.substring("/api/v1/".length()).split("/", -1)) {
            seg.add(decodePathSegment(raw));
        }
        Map<String, String> query = parseQuery(rawQuery);

        if (seg.equals(List.of("system", "version"))) {
            if (!method.equals("GET")) {
                throw NO_ROUTE;
            }
            ObjectNode version = NODES.objectNode();
            version.put("version", mode.version());
            version.put("revision", "emulator");
            version.put("timestamp", System.currentTimeMillis());
            return Reply.of(200, version);
        }
        authenticate(exchange);

        String root = seg.get(0);
        int n = seg.size();
        if (root.equals("services") && n >= 2) {
            String sub = seg.get(1);
            if (sub.equals("apiServices")) {
                if (n == 2 && method.equals("PUT")) {
                    ObjectNode request = parseObject(exchange, body, BodyKind.SERVICE);
                    Upsert upsert;
                    synchronized (lock) {
                        upsert = upsertService(request);
                    }
                    return Reply.of(upsert.status(), upsert.entity());
                }
                if (n == 4 && seg.get(2).equals("name") && method.equals("GET")) {
                    synchronized (lock) {
                        ObjectNode service = services.byFqn.get(seg.get(3));
                        if (service == null) {
                            throw notFound("apiService instance for " + seg.get(3) + " not found");
                        }
                        return Reply.of(200, service.deepCopy());
                    }
                }
            } else if (sub.equals("ingestionPipelines") && n == 4 && seg.get(3).equals("pipelineStatus")
                    && method.equals("PUT")) {
                ObjectNode status = parseObject(exchange, body, BodyKind.PIPELINE_STATUS);
                synchronized (lock) {
                    pipelineStatuses.computeIfAbsent(seg.get(2), k -> new ArrayList<>()).add(status);
                }
                return Reply.of(200, status);
            } else if (sub.equals("testConnectionDefinitions") && n == 4 && seg.get(2).equals("name")
                    && method.equals("GET")) {
                if (!seg.get(3).equals("Rest.testConnectionDefinition")) {
                    throw notFound("testConnectionDefinition instance for " + seg.get(3) + " not found");
                }
                return Reply.of(200, restTestConnectionDefinition());
            }
            throw NO_ROUTE;
        }
        boolean isCollections = root.equals("apiCollections");
        if (!isCollections && !root.equals("apiEndpoints")) {
            throw NO_ROUTE;
        }
        Table table = isCollections ? collections : endpoints;
        BodyKind kind = isCollections ? BodyKind.COLLECTION : BodyKind.ENDPOINT;
        if (n == 1) {
            if (method.equals("GET")) {
                return list(table, query);
            }
            if (method.equals("PUT")) {
                ObjectNode request = parseObject(exchange, body, kind);
                Upsert upsert;
                synchronized (lock) {
                    upsert = isCollections ? upsertCollection(request, false, true) : upsertEndpoint(request, false, true);
                }
                return Reply.of(upsert.status(), upsert.entity());
            }
            throw NO_ROUTE;
        }
        String second = seg.get(1);
        if (n == 2 && second.equals("bulk") && method.equals("PUT")) {
            if (mode == Mode.V1_6) {
                throw NO_ROUTE;
            }
            return bulk(exchange, kind, query, body);
        }
        if (n == 2 && second.equals("deleteStale") && method.equals("DELETE")) {
            if (mode == Mode.V1_6) {
                throw NO_ROUTE;
            }
            ObjectNode request = parseObject(exchange, body, BodyKind.DELETE_STALE);
            synchronized (lock) {
                return Reply.of(200, deleteStale(isCollections, request));
            }
        }
        if (n == 2 && second.equals("restore") && method.equals("PUT")) {
            ObjectNode request = parseObject(exchange, body, BodyKind.RESTORE);
            synchronized (lock) {
                return Reply.of(200, restore(table, request.get("id").asText()));
            }
        }
        if (n == 3 && second.equals("name")) {
            String fqn = seg.get(2);
            Include include = Include.parse(query.get("include"));
            synchronized (lock) {
                ObjectNode entity = table.byFqn.get(fqn);
                if (method.equals("GET")) {
                    if (entity == null || !include.test(entity)) {
                        throw notFound(table.type + " instance for " + fqn + " not found");
                    }
                    return Reply.of(200, entity.deepCopy());
                }
                if (method.equals("DELETE")) {
                    return Reply.of(200, delete(table, entity, fqn, query));
                }
            }
            throw NO_ROUTE;
        }
        if (n == 2) {
            String id = second;
            synchronized (lock) {
                ObjectNode entity = table.byId(id);
                if (method.equals("GET")) {
                    Include include = Include.parse(query.get("include"));
                    if (entity == null || !include.test(entity)) {
                        throw notFound(table.type + " instance for " + id + " not found");
                    }
                    return Reply.of(200, entity.deepCopy());
                }
                if (method.equals("DELETE")) {
                    return Reply.of(200, delete(table, entity, id, query));
                }
                if (method.equals("PATCH")) {
                    return Reply.of(200, patch(exchange, table, entity, id, body));
                }
            }
        }
        throw NO_ROUTE;
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Bearer " + token;
        if (header == null || !header.trim().equals(expected)) {
            throw new ApiError(401, "Not authorized; Token verification failed", false);
        }
    }

    static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw NO_ROUTE;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                throw NO_ROUTE;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static boolean booleanParam(Map<String, String> query, String name, boolean defaultValue) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw badRequest("query param " + name + " must be true or false");
    }

    // ------------------------------------------------------------------------------------------------
    // Body validation

    private void requireJsonContentType(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw violation(415, "HTTP 415 Unsupported Media Type (Content-Type " + contentType
                    + "; expected application/json)");
        }
    }

    private JsonNode parseJson(HttpExchange exchange, String body) {
        requireJsonContentType(exchange);
        if (body.isBlank()) {
            throw violation(400, "contract: request body is empty");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw violation(400, "contract: request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses and validates a single-object body; throws a 400 violation when it breaks a rule. */
    private ObjectNode parseObject(HttpExchange exchange, String body, BodyKind kind) {
        JsonNode node = parseJson(exchange, body);
        String problem = validateBody(kind, node);
        if (problem != null) {
            throw violation(400, problem);
        }
        return (ObjectNode) node;
    }

    /** @return null when valid, else {@code contract: ...} or {@code schema <file>: ...} */
    private String validateBody(BodyKind kind, JsonNode node) {
        String contract = checkContract(kind, node);
        if (contract != null) {
            return "contract: " + contract;
        }
        JsonNode checked = node;
        if (mode == Mode.V1_6 && kind == BodyKind.SERVICE) {
            // a 1.6 server knows only the flat RestConnection: openAPISchemaConnection is an unknown property there
            String legacy = checkLegacyRestConnection(node.path("connection").path("config"));
            if (legacy != null) {
                return "schema entity/services/connections/api/restConnection.json (1.6): " + legacy;
            }
            // the rest of the body against the current schema, with the config in its current form
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            ObjectNode config = (ObjectNode) copy.get("connection").get("config");
            config.putObject("openAPISchemaConnection").set("openAPISchemaURL", config.remove("openAPISchemaURL"));
            checked = copy;
        }
        if (kind.schema != null && schemas.isPresent()) {
            List<String> messages = schemas.get().validate(kind.schema, checked);
            if (!messages.isEmpty()) {
                return "schema " + kind.schema + ": " + String.join("; ", messages);
            }
        }
        return null;
    }

    /**
     * The properties of a 1.6 server's {@code RestConnection}: OpenMetadata 1.6 had a required top-level
     * {@code openAPISchemaURL} (no {@code openAPISchemaConnection}, {@code additionalProperties: false}); see the
     * model generated from that schema in openmetadata-ingestion 1.6.9.0
     * ({@code metadata/generated/schema/entity/services/connections/api/restConnection.py}). The upstream
     * 1.6.9 Python connector sends this shape; the current schemas in the shared folder reject it.
     */
    static final List<String> LEGACY_REST_CONNECTION = List.of("type", "openAPISchemaURL", "token", "docURL",
            "apiCollectionFilterPattern", "supportsMetadataExtraction");

    /** Checks a 1.6-shaped RestConnection ({@link #LEGACY_REST_CONNECTION}); null when valid. */
    static String checkLegacyRestConnection(JsonNode config) {
        Iterator<String> names = config.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!LEGACY_REST_CONNECTION.contains(name)) {
                return "$.connection.config: property '" + name + "' is not defined in the schema";
            }
        }
        if (!config.path("openAPISchemaURL").isTextual()) {
            return "$.connection.config: required property 'openAPISchemaURL' not found";
        }
        if (config.has("type") && !config.get("type").asText().equals("Rest")) {
            return "$.connection.config.type: does not have a value in the enumeration [Rest]";
        }
        for (String uri : List.of("openAPISchemaURL", "docURL")) {
            if (config.has(uri)) {
                JsonNode value = config.get(uri);
                boolean ok = value.isTextual();
                if (ok) {
                    try {
                        ok = java.net.URI.create(value.asText()).isAbsolute();
                    } catch (IllegalArgumentException e) {
                        ok = false;
                    }
                }
                if (!ok) {
                    return "$.connection.config." + uri + ": does not match the uri pattern";
                }
            }
        }
        return null;
    }

    /** The emulator's own contract rules; null when the body satisfies them. */
    static String checkContract(BodyKind kind, JsonNode node) {
        if (node == null || !node.isObject()) {
            return kind.title + " must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType());
        }
        String nullPath = findNull(node, "$");
        if (nullPath != null) {
            return "null-valued property " + nullPath + " (omit null fields)";
        }
        for (String required : kind.required) {
            if (!node.has(required)) {
                return "required property '" + required + "' missing in " + kind.title;
            }
        }
        if (kind.allowed != null) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!kind.allowed.contains(name)) {
                    return "unknown property '" + name + "' in " + kind.title;
                }
            }
        }
        switch (kind) {
            case SERVICE, COLLECTION, ENDPOINT -> {
                String problem = checkName(node.get("name"));
                if (problem != null) {
                    return problem;
                }
                for (String text : List.of("displayName", "description", "endpointURL", "sourceHash", "serviceType",
                        "service", "apiCollection")) {
                    if (node.has(text) && !node.get(text).isTextual()) {
                        return "$." + text + " must be a string";
                    }
                }
                if (kind == BodyKind.COLLECTION && node.get("service").asText().isEmpty()) {
                    return "$.service must not be empty";
                }
                if (kind == BodyKind.ENDPOINT) {
                    if (node.get("apiCollection").asText().isEmpty()) {
                        return "$.apiCollection must not be empty";
                    }
                    if (node.has("requestMethod")) {
                        JsonNode m = node.get("requestMethod");
                        if (!m.isTextual() || !REQUEST_METHODS.contains(m.asText())) {
                            return "$.requestMethod " + m + " is not one of " + REQUEST_METHODS;
                        }
                    }
                    for (String schemaProperty : List.of("requestSchema", "responseSchema")) {
                        problem = checkApiSchema(node.get(schemaProperty), "$." + schemaProperty);
                        if (problem != null) {
                            return problem;
                        }
                    }
                }
            }
            case DELETE_STALE -> {
                if (!node.get("scopeFqn").isTextual() || node.get("scopeFqn").asText().isEmpty()) {
                    return "$.scopeFqn must be a non-empty string";
                }
                if (!node.get("scopeEntityType").isTextual()) {
                    return "$.scopeEntityType must be a string";
                }
                JsonNode seen = node.get("seenFqns");
                if (!seen.isArray()) {
                    return "$.seenFqns must be an array";
                }
                for (int i = 0; i < seen.size(); i++) {
                    if (!seen.get(i).isTextual()) {
                        return "$.seenFqns[" + i + "] must be a string";
                    }
                }
                for (String flag : List.of("dryRun", "hardDelete", "recursive")) {
                    if (node.has(flag) && !node.get(flag).isBoolean()) {
                        return "$." + flag + " must be a boolean";
                    }
                }
            }
            case RESTORE -> {
                if (!node.get("id").isTextual()) {
                    return "$.id must be a string";
                }
            }
            case PIPELINE_STATUS -> {
                if (!node.get("runId").isTextual()) {
                    return "$.runId must be a string";
                }
                JsonNode state = node.get("pipelineState");
                if (!state.isTextual() || !PIPELINE_STATES.contains(state.asText())) {
                    return "$.pipelineState " + state + " is not one of " + PIPELINE_STATES;
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return null;
    }

    /** basic.json#/definitions/entityName's pattern, read the way the server's Java regex reads it. */
    private static final java.util.regex.Pattern ENTITY_NAME = java.util.regex.Pattern.compile("^((?!::).)*$");

    private static String checkName(JsonNode name) {
        if (!name.isTextual()) {
            return "$.name must be a string";
        }
        String text = name.asText();
        if (text.isEmpty() || text.length() > 256 || !ENTITY_NAME.matcher(text).matches()) {
            return "$.name must be 1-256 characters matching ^((?!::).)*$ (no '::', no line break), got \"" + text + "\"";
        }
        try {
            Fqn.quote(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " (FQN quoting rule)";
        }
        return null;
    }

    private static String checkApiSchema(JsonNode schema, String path) {
        if (schema == null) {
            return null;
        }
        if (!schema.isObject()) {
            return path + " must be an object";
        }
        return checkFields(schema.get("schemaFields"), path + ".schemaFields");
    }

    private static String checkFields(JsonNode fields, String path) {
        if (fields == null) {
            return null;
        }
        if (!fields.isArray()) {
            return path + " must be an array";
        }
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String at = path + "[" + i + "]";
            if (!field.isObject()) {
                return at + " must be an object";
            }
            JsonNode name = field.get("name");
            if (name == null || !name.isTextual() || name.asText().isEmpty()) {
                return at + ".name must be a non-empty string";
            }
            JsonNode dataType = field.get("dataType");
            if (dataType == null || !dataType.isTextual() || !DATA_TYPES.contains(dataType.asText())) {
                return at + ".dataType " + (dataType == null ? "missing" : dataType.toString())
                        + " is not one of " + DATA_TYPES;
            }
            String problem = checkFields(field.get("children"), at + ".children");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The JSON path of the first null value inside {@code node}, or null. */
    private static String findNull(JsonNode node, String path) {
        if (node.isNull()) {
            return path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String found = findNull(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = findNull(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------
    // Upserts (callers hold the lock)

    private Upsert upsertService(ObjectNode request) {
        String fqn = Fqn.quote(request.get("name").asText());
        return store(services, fqn, request.deepCopy(), true);
    }

    private Upsert upsertCollection(ObjectNode request, boolean bulk, boolean protectCurated) {
        String serviceFqn = request.get("service").asText();
        ObjectNode service = services.byFqn.get(serviceFqn);
        if (service == null || service.path("deleted").asBoolean()) {
            throw new ApiError(bulk ? 400 : 404, "apiService instance for " + serviceFqn + " not found", false);
        }
        String fqn = Fqn.child(serviceFqn, request.get("name").asText());
        ObjectNode content = request.deepCopy();
        content.set("service", reference(services, service));
        return store(collections, fqn, content, protectCurated);
    }

    private Upsert upsertEndpoint(ObjectNode request, boolean bulk, boolean protectCurated) {
        String collectionFqn = request.get("apiCollection").asText();
        ObjectNode collection = collections.byFqn.get(collectionFqn);
        if (collection == null || collection.path("deleted").asBoolean()) {
            throw new ApiError(bulk ? 400 : 404, "apiCollection instance for " + collectionFqn + " not found", false);
        }
        String fqn = Fqn.child(collectionFqn, request.get("name").asText());
        ObjectNode content = request.deepCopy();
        content.set("apiCollection", reference(collections, collection));
        content.set("service", collection.get("service").deepCopy());
        return store(endpoints, fqn, content, protectCurated);
    }

    private static ObjectNode reference(Table table, ObjectNode entity) {
        ObjectNode ref = NODES.objectNode();
        ref.set("id", entity.get("id"));
        ref.put("type", table.type);
        ref.set("name", entity.get("name"));
        ref.set("fullyQualifiedName", entity.get("fullyQualifiedName"));
        return ref;
    }

    private static final List<String> CURATED = List.of("description", "displayName");
    private static final List<String> KEPT_WHEN_OMITTED = List.of("tags", "owners");

    /** Creates or updates; {@code content} holds the request fields with references resolved. */
    private Upsert store(Table table, String fqn, ObjectNode content, boolean protectCurated) {
        withSchemaDefaults(content);
        ObjectNode existing = table.byFqn.get(fqn);
        if (existing != null) {
            for (String field : KEPT_WHEN_OMITTED) {
                if (!content.has(field) && existing.has(field)) {
                    content.set(field, existing.get(field).deepCopy());
                }
            }
            for (String field : protectCurated ? CURATED : List.<String>of()) {
                if (!existing.path(field).asText("").isEmpty()) {
                    content.set(field, existing.get(field).deepCopy());
                }
            }
        }
        if (existing == null) {
            ObjectNode entity = entity(table, UUID.randomUUID().toString(), fqn, content, 0.1);
            table.put(fqn, entity);
            return new Upsert(201, entity.deepCopy(), "Entity created");
        }
        boolean wasDeleted = existing.path("deleted").asBoolean();
        if (!wasDeleted && contentOf(existing).equals(contentOf(content))) {
            return new Upsert(200, existing.deepCopy(), "Entity unchanged");
        }
        ObjectNode entity = entity(table, existing.get("id").asText(), fqn, content,
                bump(existing.path("version").asDouble()));
        table.put(fqn, entity);
        return new Upsert(200, entity.deepCopy(), wasDeleted ? "Entity restored" : "Entity updated");
    }

    /**
     * The server reads a request into its Java types, whose defaults fill what the client left out: an API schema
     * without {@code schemaType} is {@code JSON}, without {@code schemaFields} empty (apiSchema.json's defaults).
     */
    private static void withSchemaDefaults(ObjectNode content) {
        for (String property : List.of("requestSchema", "responseSchema")) {
            if (content.get(property) instanceof ObjectNode schema) {
                if (!schema.hasNonNull("schemaType")) {
                    schema.put("schemaType", "JSON");
                }
                if (!schema.hasNonNull("schemaFields")) {
                    schema.putArray("schemaFields");
                }
            }
        }
    }

    private ObjectNode entity(Table table, String id, String fqn, ObjectNode content, double version) {
        ObjectNode entity = NODES.objectNode();
        entity.put("id", id);
        entity.set("name", content.get("name"));
        entity.put("fullyQualifiedName", fqn);
        for (Map.Entry<String, JsonNode> e : content.properties()) {
            if (!e.getKey().equals("name")) {
                entity.set(e.getKey(), e.getValue());
            }
        }
        entity.put("version", version);
        entity.put("updatedAt", System.currentTimeMillis());
        entity.put("updatedBy", "ingestion-bot");
        entity.put("href", apiUrl + table.hrefPath + id);
        entity.put("deleted", false);
        return entity;
    }

    private static final Set<String> SYSTEM_FIELDS =
            Set.of("id", "fullyQualifiedName", "version", "updatedAt", "updatedBy", "href", "deleted");

    private static ObjectNode contentOf(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(SYSTEM_FIELDS);
        return copy;
    }

    /** RFC 6902 add/replace/remove on top-level members, the way the UI edits an entity. */
    private ObjectNode patch(HttpExchange exchange, Table table, ObjectNode entity, String id, String body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json-patch+json")) {
            throw violation(415, "HTTP 415 Unsupported Media Type (Content-Type " + contentType
                    + "; expected application/json-patch+json)");
        }
        if (entity == null) {
            throw notFound(table.type + " instance for " + id + " not found");
        }
        JsonNode ops = parseJson(exchange, body);
        if (!ops.isArray()) {
            throw violation(400, "contract: a JSON Patch body must be an array of operations");
        }
        ObjectNode patched = entity.deepCopy();
        for (JsonNode op : ops) {
            String path = op.path("path").asText("");
            if (!path.startsWith("/") || path.indexOf('/', 1) > 0 || SYSTEM_FIELDS.contains(path.substring(1))) {
                throw violation(400, "contract: unsupported JSON Patch path " + path);
            }
            String field = path.substring(1);
            switch (op.path("op").asText()) {
                case "add" -> patched.set(field, op.get("value"));
                case "replace" -> {
                    if (!patched.has(field)) {
                        throw badRequest("JSON Patch replace of missing member " + path);
                    }
                    patched.set(field, op.get("value"));
                }
                case "remove" -> patched.remove(field);
                default -> throw violation(400, "contract: unsupported JSON Patch op " + op.path("op"));
            }
        }
        touch(patched, patched.path("deleted").asBoolean());
        table.put(entity.get("fullyQualifiedName").asText(), patched);
        return patched.deepCopy();
    }

    private static double bump(double version) {
        return Math.round(version * 10 + 1) / 10.0;
    }

    private static void touch(ObjectNode entity, boolean deleted) {
        entity.put("version", bump(entity.path("version").asDouble()));
        entity.put("updatedAt", System.currentTimeMillis());
        entity.put("deleted", deleted);
    }

    // ------------------------------------------------------------------------------------------------
    // Bulk

    private Reply bulk(HttpExchange exchange, BodyKind kind, Map<String, String> query, String body) {
        JsonNode node = parseJson(exchange, body);
        if (!node.isArray()) {
            throw violation(400, "contract: bulk body must be a JSON array of " + kind.title + ", got "
                    + node.getNodeType());
        }
        if (node.size() > MAX_BULK_ITEMS) {
            throw violation(413, "contract: bulk request with " + node.size() + " items exceeds the limit of "
                    + MAX_BULK_ITEMS);
        }
        if (booleanParam(query, "async", false)) {
            throw violation(400, "contract: async=true is not supported (the connector must send async=false)");
        }
        boolean overrideMetadata = booleanParam(query, "overrideMetadata", false);
        String apiPath = kind == BodyKind.COLLECTION ? "/v1/apiCollections/bulk" : "/v1/apiEndpoints/bulk";

        List<String> problems = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String problem = validateBody(kind, node.get(i));
            problems.add(problem);
            if (problem != null) {
                violations.add("PUT " + apiPath + " item " + i + ": " + problem);
            }
        }
        ArrayNode success = NODES.arrayNode();
        ArrayNode failed = NODES.arrayNode();
        synchronized (lock) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (problems.get(i) != null) {
                    failed.add(bulkResponse(item, 400, problems.get(i)));
                    continue;
                }
                try {
                    Upsert upsert = kind == BodyKind.COLLECTION
                            ? upsertCollection((ObjectNode) item, true, !overrideMetadata)
                            : upsertEndpoint((ObjectNode) item, true, !overrideMetadata);
                    success.add(bulkResponse(item, upsert.status(), upsert.message()));
                } catch (ApiError e) {
                    failed.add(bulkResponse(item, e.status, e.getMessage()));
                }
            }
        }
        return Reply.of(200, bulkResult(false, node.size(), success, failed));
    }

    private static ObjectNode bulkResponse(JsonNode request, int status, String message) {
        ObjectNode response = NODES.objectNode();
        response.set("request", request);
        response.put("status", status);
        response.put("message", message);
        return response;
    }

    private static ObjectNode bulkResult(boolean dryRun, int processed, ArrayNode success, ArrayNode failed) {
        ObjectNode result = NODES.objectNode();
        result.put("dryRun", dryRun);
        result.put("status", failed.isEmpty() ? "success" : success.isEmpty() ? "failure" : "partialSuccess");
        result.put("numberOfRowsProcessed", processed);
        result.put("numberOfRowsPassed", success.size());
        result.put("numberOfRowsFailed", failed.size());
        result.set("successRequest", success);
        result.set("failedRequest", failed);
        return result;
    }

    // ------------------------------------------------------------------------------------------------
    // List

    private enum Include implements Predicate<JsonNode> {
        NON_DELETED, DELETED, ALL;

        static Include parse(String value) {
            if (value == null || value.equals("non-deleted")) {
                return NON_DELETED;
            }
            if (value.equals("deleted")) {
                return DELETED;
            }
            if (value.equals("all")) {
                return ALL;
            }
            throw badRequest("query param include must be one of [non-deleted, deleted, all]");
        }

        @Override
        public boolean test(JsonNode entity) {
            boolean deleted = entity.path("deleted").asBoolean();
            return this == ALL || (this == DELETED) == deleted;
        }
    }

    /** Entity fields a list returns only when {@code fields} names them (the rest is the base entity). */
    static final Set<String> FIELD_GATED = Set.of("requestSchema", "responseSchema", "sourceHash", "tags", "owners",
            "followers", "extension", "domains", "dataProducts", "votes");

    private Reply list(Table table, Map<String, String> query) {
        int limit = DEFAULT_LIST_LIMIT;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw badRequest("query param limit must be an integer");
            }
            if (limit < 0 || limit > MAX_LIST_LIMIT) {
                throw badRequest("query param limit must be between 0 and " + MAX_LIST_LIMIT);
            }
        }
        String after = decodeCursor(query.get("after"));
        String before = decodeCursor(query.get("before"));
        if (after != null && before != null) {
            throw badRequest("Only one of before or after query parameter allowed");
        }
        Include include = Include.parse(query.get("include"));
        String service = query.get("service");
        String apiCollection = table == endpoints ? query.get("apiCollection") : null;
        Predicate<JsonNode> filter = entity -> include.test(entity)
                && (service == null || service.equals(entity.path("service").path("fullyQualifiedName").asText()))
                && (apiCollection == null
                || apiCollection.equals(entity.path("apiCollection").path("fullyQualifiedName").asText()));

        synchronized (lock) {
            List<Map.Entry<String, ObjectNode>> matching = new ArrayList<>();
            for (Map.Entry<String, ObjectNode> e : table.sorted.entrySet()) {
                if (filter.test(e.getValue())) {
                    matching.add(e);
                }
            }
            int from;
            int to;
            if (before != null) {
                to = firstIndexNotBelow(matching, before);
                from = Math.max(0, to - limit);
            } else {
                from = after == null ? 0 : firstIndexAbove(matching, after);
                to = Math.min(matching.size(), from + limit);
            }
            Set<String> requested = query.get("fields") == null ? Set.of()
                    : Set.of(query.get("fields").replace(" ", "").split(","));
            ArrayNode data = NODES.arrayNode();
            for (int i = from; i < to; i++) {
                // like the server, fields outside the base entity come only when asked for with ?fields=
                ObjectNode copy = NODES.objectNode();
                matching.get(i).getValue().fields().forEachRemaining(field -> {
                    if (!FIELD_GATED.contains(field.getKey()) || requested.contains(field.getKey()) || requested.contains("*")) {
                        copy.set(field.getKey(), field.getValue().deepCopy());
                    }
                });
                data.add(copy);
            }
            ObjectNode paging = NODES.objectNode();
            paging.put("total", matching.size());
            if (from > 0 && to > from) {
                paging.put("before", encodeCursor(matching.get(from).getKey()));
            }
            if (to < matching.size() && to > from) {
                paging.put("after", encodeCursor(matching.get(to - 1).getKey()));
            }
            ObjectNode result = NODES.objectNode();
            result.set("data", data);
            result.set("paging", paging);
            return Reply.of(200, result);
        }
    }

    private static int firstIndexAbove(List<Map.Entry<String, ObjectNode>> list, String fqn) {
        int i = 0;
        while (i < list.size() && list.get(i).getKey().compareTo(fqn) <= 0) {
            i++;
        }
        return i;
    }

    private static int firstIndexNotBelow(List<Map.Entry<String, ObjectNode>> list, String fqn) {
        int i = 0;
        while (i < list.size() && list.get(i).getKey().compareTo(fqn) < 0) {
            i++;
        }
        return i;
    }

    private static String encodeCursor(String fqn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fqn.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid cursor " + cursor);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Delete / restore (callers hold the lock)

    private List<ObjectNode> endpointsOf(ObjectNode collection) {
        String id = collection.get("id").asText();
        List<ObjectNode> children = new ArrayList<>();
        for (ObjectNode endpoint : endpoints.byFqn.values()) {
            if (id.equals(endpoint.path("apiCollection").path("id").asText())) {
                children.add(endpoint);
            }
        }
        return children;
    }

    private ObjectNode delete(Table table, ObjectNode entity, String key, Map<String, String> query) {
        boolean hardDelete = booleanParam(query, "hardDelete", false);
        boolean recursive = table == collections && booleanParam(query, "recursive", false);
        if (entity == null || (!hardDelete && entity.path("deleted").asBoolean())) {
            throw notFound(table.type + " instance for " + key + " not found");
        }
        String problem = deleteEntity(table, entity, recursive, hardDelete);
        if (problem != null) {
            throw badRequest(problem);
        }
        return entity.deepCopy();
    }

    /** Deletes one entity (and, for collections, its endpoints when allowed); returns an error or null. */
    private String deleteEntity(Table table, ObjectNode entity, boolean recursive, boolean hardDelete) {
        String fqn = entity.get("fullyQualifiedName").asText();
        if (table == collections) {
            List<ObjectNode> children = endpointsOf(entity);
            boolean hasActiveChildren = children.stream().anyMatch(c -> !c.path("deleted").asBoolean());
            if (!recursive && hasActiveChildren) {
                return "Entity apiCollection " + fqn + " is not empty";
            }
            for (ObjectNode child : children) {
                if (hardDelete) {
                    endpoints.remove(child.get("fullyQualifiedName").asText());
                } else if (!child.path("deleted").asBoolean()) {
                    touch(child, true);
                }
            }
        }
        if (hardDelete) {
            table.remove(fqn);
            entity.put("deleted", true);
        } else {
            touch(entity, true);
        }
        return null;
    }

    private ObjectNode restore(Table table, String id) {
        ObjectNode entity = table.byId(id);
        if (entity == null) {
            throw notFound(table.type + " instance for " + id + " not found");
        }
        if (entity.path("deleted").asBoolean()) {
            touch(entity, false);
            if (table == collections) {
                for (ObjectNode child : endpointsOf(entity)) {
                    if (child.path("deleted").asBoolean()) {
                        touch(child, false);
                    }
                }
            }
        }
        return entity.deepCopy();
    }

    private ObjectNode deleteStale(boolean isCollections, ObjectNode request) {
        String scopeFqn = request.get("scopeFqn").asText();
        String scopeType = request.get("scopeEntityType").asText();
        Set<String> seen = new HashSet<>();
        request.get("seenFqns").forEach(fqn -> seen.add(fqn.asText()));
        boolean dryRun = request.path("dryRun").asBoolean(false);
        boolean hardDelete = request.path("hardDelete").asBoolean(false);
        boolean recursive = request.path("recursive").asBoolean(true);

        Table table = isCollections ? collections : endpoints;
        String scopeField;
        if (scopeType.equals("service") || scopeType.equals("apiService")) {
            scopeField = "service";
        } else if (!isCollections && scopeType.equals("apiCollection")) {
            scopeField = "apiCollection";
        } else {
            scopeField = null; // unknown scope: nothing is deleted
        }
        List<ObjectNode> stale = new ArrayList<>();
        if (scopeField != null && !seen.isEmpty()) { // empty seenFqns = failed discovery: delete nothing
            for (ObjectNode entity : table.sorted.values()) {
                if (!entity.path("deleted").asBoolean()
                        && scopeFqn.equals(entity.path(scopeField).path("fullyQualifiedName").asText())
                        && !seen.contains(entity.get("fullyQualifiedName").asText())) {
                    stale.add(entity);
                }
            }
        }
        ArrayNode success = NODES.arrayNode();
        ArrayNode failed = NODES.arrayNode();
        for (ObjectNode entity : stale) {
            String fqn = entity.get("fullyQualifiedName").asText();
            if (dryRun) {
                success.add(bulkResponse(NODES.textNode(fqn), 200, "Entity would be deleted (dry run)"));
                continue;
            }
            String problem = deleteEntity(table, entity, recursive, hardDelete);
            if (problem == null) {
                success.add(bulkResponse(NODES.textNode(fqn), 200,
                        hardDelete ? "Entity hard deleted" : "Entity soft deleted"));
            } else {
                failed.add(bulkResponse(NODES.textNode(fqn), 400, problem));
            }
        }
        return bulkResult(dryRun, stale.size(), success, failed);
    }

    // ------------------------------------------------------------------------------------------------

    private static Map<String, JsonNode> snapshotOf(Table table) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        table.byFqn.forEach((fqn, entity) -> copy.put(fqn, entity.deepCopy()));
        return copy;
    }

    private Map<String, JsonNode> snapshot(Table table) {
        synchronized (lock) {
            return snapshotOf(table);
        }
    }

    private static JsonNode restTestConnectionDefinition() {
        try {
            return JSON.readTree("""
                    {
                      "id": "6a2d3f5e-5f64-4a4b-9a53-2c1f4e7b8d01",
                      "name": "REST",
                      "displayName": "REST Test Connection",
                      "fullyQualifiedName": "REST",
                      "description": "Validates the OpenAPI schema URL/file of a REST API service",
                      "steps": [
                        {"name": "CheckURL", "description": "The OpenAPI schema source is reachable and returns JSON or YAML",
                         "errorMessage": "Failed to fetch the OpenAPI schema", "shortCircuit": true, "mandatory": true},
                        {"name": "CheckSchema", "description": "The document is a valid OpenAPI schema",
                         "errorMessage": "The document is not a valid OpenAPI schema", "shortCircuit": true, "mandatory": true}
                      ],
                      "version": 0.1,
                      "deleted": false
                    }
                    """);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
