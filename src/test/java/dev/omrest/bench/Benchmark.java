package dev.omrest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.emulator.SpecServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged function (JVM, through AWS's runtime interface client and a mock Runtime API) and, optionally,
 * the upstream Python connector against the emulator with a per-request latency, and appends one JSON line per
 * measurement to {@code bench.out}. Driven by {@code bench/run.sh}; see there for the properties.
 */
public final class Benchmark {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "bench-token";
    static final int PARALLELISM = Integer.getInteger("bench.parallelism", 4);
    static final int PER_ENTITY_PARALLELISM = Integer.getInteger("bench.perEntityParallelism", 16);
    /**
     * The CPUs the clients (our function, the upstream connector) are pinned to, e.g. {@code 1} while run.sh pins the
     * benchmark JVM (the emulator) to CPU 0: client and server no longer share cores, as on separate machines. Empty:
     * not pinned.
     */
    static final String CLIENT_CPUS = System.getProperty("bench.clientCpus", "");

    /** A client's command line, pinned to {@link #CLIENT_CPUS} when set. */
    static List<String> pinned(List<String> command) {
        if (CLIENT_CPUS.isBlank()) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", CLIENT_CPUS));
        pinned.addAll(command);
        return pinned;
    }

    /** Extra options for the function's JVM, e.g. a flight recording while profiling (not used for the figures). */
    static final List<String> FUNCTION_JVM_OPTIONS =
            List.of(System.getProperty("bench.functionJvmOptions", "").trim().split("\\s+")).stream()
                    .filter(option -> !option.isEmpty()).toList();
    /**
     * {@code AWS_LAMBDA_INITIALIZATION_TYPE} for the function (empty: unset, as on-demand): {@code snap-start} has the
     * function prime itself during init, as it would before a SnapStart snapshot.
     */
    static final String INIT_TYPE = System.getProperty("bench.initType", "");
    /** The emulator costs what a real server of 2 cores costs ({@code CostModel.CALIBRATED}); off: free, as in tests. */
    static final boolean COST_MODEL = Boolean.getBoolean("bench.costModel");
    static final String UNCHANGED_CHECK = System.getProperty("bench.unchangedCheck", "");
    /**
     * With change events, each run of a spec happens an hour after the last on the server's clock, as an hourly
     * schedule makes them: a run reads the events since 10 minutes before the seal's stamp, which in real time would
     * still hold the writes of the run seconds before.
     */
    private static int scheduledHour;
    /** {@code OMREST_WRITE_ADAPTIVE} for the function (empty: its default, on). */
    static final String ADAPTIVE = System.getProperty("bench.adaptive", "");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path function = Path.of(System.getProperty("bench.function"));
        String ric = System.getProperty("bench.ric");
        Path out = Path.of(System.getProperty("bench.out"));
        Map<String, Path> specs = pairs(System.getProperty("bench.specs"), Path::of);
        Map<String, String> heaps = pairs(System.getProperty("bench.heaps", ""), s -> s);
        List<String> modes = List.of(System.getProperty("bench.modes", "V2_0,V1_6").split(","));
        List<Integer> latencies = List.of(System.getProperty("bench.latencies", "0,5,20").split(",")).stream()
                .map(Integer::parseInt).toList();
        List<String> upstreamSpecs = List.of(System.getProperty("bench.upstream.specs", "").split(","));
        List<Integer> upstreamLatencies = List.of(System.getProperty("bench.upstream.latencies", "20").split(",")).stream()
                .filter(s -> !s.isBlank()).map(Integer::parseInt).toList();
        long upstreamTimeout = Long.getLong("bench.upstream.timeout", 1200);
        boolean rerun = Boolean.parseBoolean(System.getProperty("bench.rerun", "true"));
        List<String> runs = new ArrayList<>(rerun ? List.of("cold", "rerun") : List.of("cold"));
        if (Boolean.parseBoolean(System.getProperty("bench.warm", "false"))) {
            runs.add("warm");
        }
        boolean freshRerun = Boolean.parseBoolean(System.getProperty("bench.freshRerun", "false"));

        try (SpecServer specServer = SpecServer.start()) {
            for (Map.Entry<String, Path> spec : specs.entrySet()) {
                specServer.serve("/" + spec.getKey() + ".json", 200, "application/json", Files.readAllBytes(spec.getValue()));
            }
            for (String modeName : modes) {
                OpenMetadataEmulator.Mode mode = OpenMetadataEmulator.Mode.valueOf(modeName);
                try (OpenMetadataEmulator om = OpenMetadataEmulator.start(mode, TOKEN)) {
                    om.recordBodies(false);
                    if (COST_MODEL) {
                        om.costModel(dev.omrest.emulator.CostModel.CALIBRATED);
                    }
                    for (int latency : latencies) {
                        for (String name : specs.keySet()) {
                            String specUrl = specServer.url("/" + name + ".json");
                            String payload = payload(name, specUrl, om.apiUrl(), System.getProperty("bench.schemaFields"));
                            om.reset();
                            scheduledHour = -10;
                            om.latencyMillis(latency);
                            String heap = heaps.getOrDefault(name, "256m");
                            List<ObjectNode> oursLines = new ArrayList<>(ours(function, ric, heap, payload, om, runs));
                            List<java.util.SortedSet<String>> oursFqns = om.liveFqns();
                            Map<String, JsonNode> oursSchemas = schemas(om);
                            if (freshRerun) {
                                // a scheduled run of an unchanged spec: a new process against the catalogue as left
                                for (ObjectNode line : ours(function, ric, heap, payload, om, List.of("cold"))) {
                                    oursLines.add(line.put("run", "rerun-new-process"));
                                }
                            }
                            for (ObjectNode line : oursLines) {
                                line.put("spec", name).put("mode", modeName).put("latencyMs", latency).put("heap", heap);
                                append(out, line);
                            }
                            if (upstreamSpecs.contains(name) && upstreamLatencies.contains(latency)) {
                                om.reset();
                                for (String run : freshRerun ? List.of("cold", "rerun-new-process") : List.of("cold")) {
                                    ObjectNode line = upstream(mode, payload(name, specUrl, om.apiUrl(), null), om, upstreamTimeout,
                                            Path.of("bench/.cache/upstream-" + name + "-" + modeName + "-" + latency + "-" + run + ".log"));
                                    line.put("run", run).put("spec", name).put("mode", modeName).put("latencyMs", latency);
                                    compareNames(line, oursFqns, om.liveFqns());
                                    compareSchemas(line, oursSchemas, schemas(om));
                                    append(out, line);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * One cold start and ingest, then (when asked) in the same process an unchanged re-run and a warm run: the same
     * ingest into an emptied server by a process whose code the first runs have loaded and compiled.
     */
    static List<ObjectNode> ours(Path function, String ric, String heap, String payload, OpenMetadataEmulator om,
                                 List<String> runs) throws Exception {
        Path gcLog = Files.createTempFile("bench-gc", ".log");
        List<ObjectNode> lines = new ArrayList<>();
        try (MockLambdaRuntime runtime = new MockLambdaRuntime()) {
            long started = System.nanoTime();
            Process process = startFunction(function, ric, heap, runtime, List.of("-Xlog:gc:file=" + gcLog));
            try {
                long firstPoll = runtime.firstPollNanos(300);
                long restored = runtime.restorePollNanos();
                // with SnapStart, init ends where the snapshot is taken; restore runs from there to the first poll
                long initMillis = ((restored == 0 ? firstPoll : restored) - started) / 1_000_000;
                Long restoreMillis = restored == 0 ? null : (firstPoll - restored) / 1_000_000;
                for (String run : runs) {
                    if (!process.isAlive()) {
                        break;
                    }
                    if (run.equals("warm")) {
                        om.reset();
                    }
                    om.clearRequests();
                    if (!UNCHANGED_CHECK.isBlank()) {
                        om.clockOffset(java.time.Duration.ofHours(scheduledHour++));
                    }
                    long bytesBefore = om.bytesReceived();
                    long serverCpuBefore = om.cpuMillis();
                    MockLambdaRuntime.Answer answer = runtime.invoke(payload, 1800, process);
                    ObjectNode line = JSON.createObjectNode().put("peer", "ours").put("run", run)
                            .put("schemaFields", System.getProperty("bench.schemaFields", "extended"))
                            .put("unchangedCheck", UNCHANGED_CHECK.isBlank() ? "listing" : UNCHANGED_CHECK)
                            .put("parallelism", om.mode() == OpenMetadataEmulator.Mode.V1_6 ? PER_ENTITY_PARALLELISM : PARALLELISM)
                            .put("clientCpus", CLIENT_CPUS).put("initType", INIT_TYPE).put("costModel", COST_MODEL)
                            .put("adaptive", ADAPTIVE.isBlank() ? "true" : ADAPTIVE)
                            .put("ok", answer.ok()).put("invocationMs", answer.millis());
                    if (run.equals("cold")) {
                        line.put("initMs", initMillis);
                        if (restoreMillis != null) {
                            line.put("restoreMs", restoreMillis);
                        }
                    }
                    JsonNode report = answer.ok() ? JSON.readTree(answer.body()) : JSON.createObjectNode().put("error", answer.body());
                    if (!answer.ok()) {
                        line.put("error", answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body());
                    }
                    line.set("report", slim(report));
                    requestFigures(line, om, bytesBefore);
                    line.put("serverCpuMs", om.cpuMillis() - serverCpuBefore);
                    lines.add(line);
                }
                ObjectNode last = lines.get(lines.size() - 1);
                long rss = process.isAlive() ? vmHwmKb(process.pid()) : -1;
                for (ObjectNode line : lines) {
                    line.put("peakRssMb", rss / 1024);
                    line.put("peakHeapMb", peakHeapMb(gcLog));
                }
                last.put("finished", true);
            } finally {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                Files.deleteIfExists(gcLog);
            }
        }
        return lines;
    }

    /**
     * The packaged function as Lambda runs it: a JVM with AWS's runtime interface client and Funqy's stream handler,
     * exporting {@code ingest}, polling {@code runtime} for events; its output is appended to bench/.cache/function.log.
     */
    static Process startFunction(Path function, String ric, String heap, MockLambdaRuntime runtime, List<String> jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(FUNCTION_JVM_OPTIONS);
        command.addAll(List.of("-cp", function + ":" + function + "/lib/*:" + ric,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"));
        ProcessBuilder builder = new ProcessBuilder(pinned(command))
                .directory(function.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("bench/.cache/function.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("QUARKUS_FUNQY_EXPORT", "ingest");
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        env.put("LAMBDA_TASK_ROOT", function.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", "us-east-1");
        env.put("OMREST_WRITE_PARALLELISM", Integer.toString(PARALLELISM));
        env.put("OMREST_WRITE_PER_ENTITY_PARALLELISM", Integer.toString(PER_ENTITY_PARALLELISM));
        if (!INIT_TYPE.isBlank()) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", INIT_TYPE);
        }
        if (!ADAPTIVE.isBlank()) {
            env.put("OMREST_WRITE_ADAPTIVE", ADAPTIVE);
        }
        return builder.start();
    }

    /** {@code bench/upstream-peer.sh} with the client version matching the emulator. */
    static ObjectNode upstream(OpenMetadataEmulator.Mode mode, String payload, OpenMetadataEmulator om, long timeoutSeconds,
                               Path log) throws Exception {
        // the client the newest 2.0 servers ship (bench.upstream.v2); any 2.0.x client takes the emulator's 2.0 server
        String version = mode == OpenMetadataEmulator.Mode.V2_0 ? System.getProperty("bench.upstream.v2", "2.0.7.0") : "1.6.9.0";
        Path payloadFile = Files.createTempFile("bench-upstream", ".json");
        Files.writeString(payloadFile, payload);
        ProcessBuilder builder = new ProcessBuilder(pinned(List.of("bash", "bench/upstream-peer.sh", version, payloadFile.toString())))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("UPSTREAM_LOG", log.toString());
        ObjectNode line = JSON.createObjectNode().put("peer", "upstream " + version).put("run", "cold")
                .put("log", log.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        String stdout;
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            line.put("ok", false).put("error", "no result within " + timeoutSeconds + " s");
            stdout = "";
        } else {
            stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        line.put("wallMs", (System.nanoTime() - started) / 1_000_000);
        Matcher m = Pattern.compile("UPSTREAM version=\\S+ exit=(\\d+) wall_ms=(\\d+) workflow_ms=(\\S+)").matcher(stdout);
        if (m.find()) {
            line.put("ok", m.group(1).equals("0")).put("exit", Integer.parseInt(m.group(1)))
                    .put("processMs", Long.parseLong(m.group(2))).put("workflowMs", m.group(3));
        }
        requestFigures(line, om, 0);
        Files.deleteIfExists(payloadFile);
        return line;
    }

    /** The fidelity rule: upstream's entity FQNs and ours, side by side (only meaningful when both ran to the end). */
    /** Each stored endpoint's request and response schema, as the server keeps them (its defaults filled). */
    private static Map<String, JsonNode> schemas(OpenMetadataEmulator om) {
        Map<String, JsonNode> schemas = new java.util.TreeMap<>();
        om.endpoints().forEach((fqn, entity) -> {
            ObjectNode both = JSON.createObjectNode();
            both.set("requestSchema", entity.path("requestSchema").deepCopy());
            both.set("responseSchema", entity.path("responseSchema").deepCopy());
            schemas.put(fqn, both);
        });
        return schemas;
    }

    /**
     * Endpoints whose stored schemas differ between the two connectors: with {@code SCHEMA_FIELDS=upstream}, an
     * end-to-end check of upstream-mode fidelity through both sinks and the server (bench/parity.sh checks more specs
     * without a server); in the default extended mode they differ by design.
     */
    private static void compareSchemas(ObjectNode line, Map<String, JsonNode> ours, Map<String, JsonNode> upstream) {
        List<String> differ = new ArrayList<>();
        ours.forEach((fqn, schemas) -> {
            JsonNode theirs = upstream.get(fqn);
            if (theirs != null && !theirs.equals(schemas)) {
                differ.add(fqn);
            }
        });
        line.put("schemasDiffer", differ.size());
        line.set("schemasDifferSample", JSON.valueToTree(differ.subList(0, Math.min(5, differ.size()))));
    }

    private static void compareNames(ObjectNode line, List<java.util.SortedSet<String>> ours,
                                     List<java.util.SortedSet<String>> upstream) {
        List<String> onlyOurs = new ArrayList<>();
        List<String> onlyUpstream = new ArrayList<>();
        for (int kind = 0; kind < 2; kind++) {
            for (String fqn : ours.get(kind)) {
                if (!upstream.get(kind).contains(fqn)) {
                    onlyOurs.add(fqn);
                }
            }
            for (String fqn : upstream.get(kind)) {
                if (!ours.get(kind).contains(fqn)) {
                    onlyUpstream.add(fqn);
                }
            }
        }
        line.put("fqnsOnlyOurs", onlyOurs.size()).put("fqnsOnlyUpstream", onlyUpstream.size());
        line.set("fqnsOnlyOursSample", JSON.valueToTree(onlyOurs.subList(0, Math.min(5, onlyOurs.size()))));
        line.set("fqnsOnlyUpstreamSample", JSON.valueToTree(onlyUpstream.subList(0, Math.min(5, onlyUpstream.size()))));
    }

    private static void requestFigures(ObjectNode line, OpenMetadataEmulator om, long bytesBefore) {
        List<RecordedRequest> requests = om.requests();
        long writes = requests.stream().filter(r -> !r.method().equals("GET")).count();
        line.put("requests", requests.size()).put("writeRequests", writes)
                .put("bytesSent", om.bytesReceived() - bytesBefore);
        List<java.util.SortedSet<String>> live = om.liveFqns();
        line.put("liveCollections", live.get(0).size()).put("liveEndpoints", live.get(1).size());
        List<Double> writeMillis = new ArrayList<>(om.writeMillis());
        if (!writeMillis.isEmpty()) {
            java.util.Collections.sort(writeMillis);
            line.put("writeP50Ms", Math.round(writeMillis.get(writeMillis.size() / 2)))
                    .put("writeP90Ms", Math.round(writeMillis.get(writeMillis.size() * 9 / 10)));
            long entities = live.get(0).size() + live.get(1).size();
            long bytes = om.bytesReceived() - bytesBefore;
            line.put("bytesPerEntity", entities == 0 ? 0 : bytes / entities);
        }
        line.put("peakInFlight", om.peakInFlight());
    }

    private static JsonNode slim(JsonNode report) {
        ObjectNode slim = JSON.createObjectNode();
        for (String field : new String[] {"status", "writeMode", "counts", "durationsMillis", "requests", "retries", "error", "skippedPhases"}) {
            if (report.has(field)) {
                slim.set(field, report.get(field));
            }
        }
        slim.put("warnings", report.path("warnings").size()).put("errors", report.path("errors").size());
        if (report.path("errors").size() > 0) {
            slim.put("firstError", report.path("errors").get(0).path("message").asText());
        }
        return slim;
    }

    static String payload(String service, String specUrl, String omUrl, String schemaFields) {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode source = payload.putObject("source").put("type", "rest").put("serviceName", service);
        source.putObject("serviceConnection").putObject("config").put("type", "Rest")
                .putObject("openAPISchemaConnection").put("openAPISchemaURL", specUrl);
        ObjectNode sourceConfig = source.putObject("sourceConfig").putObject("config").put("type", "ApiMetadata");
        if (schemaFields != null && !schemaFields.isBlank()) {
            sourceConfig.put("schemaFields", schemaFields);
        }
        if (!UNCHANGED_CHECK.isBlank()) {
            sourceConfig.put("unchangedCheck", UNCHANGED_CHECK);
        }
        payload.putObject("sink").put("type", "metadata-rest").putObject("config");
        payload.putObject("workflowConfig").put("loggerLevel", "INFO").putObject("openMetadataServerConfig")
                .put("hostPort", omUrl).put("authProvider", "openmetadata")
                .putObject("securityConfig").put("jwtToken", TOKEN);
        return payload.toString();
    }

    private static long vmHwmKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The largest heap occupancy seen before a collection, from the JVM's own GC log. */
    private static long peakHeapMb(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }

    private static void append(Path out, ObjectNode line) throws IOException {
        System.out.println(line);
        Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static <T> Map<String, T> pairs(String text, java.util.function.Function<String, T> value) {
        Map<String, T> map = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0].trim(), value.apply(kv[1].trim()));
            }
        }
        return map;
    }
}
