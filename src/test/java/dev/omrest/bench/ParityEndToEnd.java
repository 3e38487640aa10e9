package dev.omrest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.emulator.OpenMetadataEmulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The parity harness's end-to-end half (bench/parity.sh runs it; not part of the tests): for every spec of a list, the
 * same workflow config goes to upstream's {@code metadata ingest} (openmetadata-ingestion 2.0.7.0, through
 * bench/upstream-ingest-worker.py) and to the packaged function in both field modes, each into an emptied emulator in
 * its 2.0 mode; what the server then holds is written, one side per file, for {@code ParityCheck --end-to-end}:
 * <pre>&lt;out&gt;/&lt;id&gt;.upstream.jsonl, &lt;id&gt;.ours-upstream.jsonl, &lt;id&gt;.ours-extended.jsonl, &lt;id&gt;.runs.json</pre>
 * Each line is a live collection ({@code {"collection": fqn, …}}) or endpoint ({@code {"endpoint": fqn,
 * "requestSchema": …, "responseSchema": …, …}}) as stored.
 *
 * <pre>ParityEndToEnd &lt;list.tsv&gt; &lt;out dir&gt; &lt;function dir&gt; &lt;ric classpath&gt; &lt;venv python&gt;</pre>
 */
public final class ParityEndToEnd {
    /** What each stored entity is compared on besides its FQN (and an endpoint's schemas). */
    public static final List<String> ATTRIBUTES = List.of("displayName", "description", "endpointURL", "requestMethod");
    static final String DOC_URL = "https://docs.example.com/api/";
    private static final long SECONDS_PER_RUN = Long.getLong("parity.secondsPerRun", 600);
    /**
     * Upstream's field reader has no limits (compatibility row 49): on some specs it expands shared schemas for longer
     * than anyone waits and into many GB (presalytics.io's ooxml.json); such a run is stopped and counted as failed.
     */
    private static final long UPSTREAM_SECONDS = Long.getLong("parity.upstreamSeconds", 120);
    private static final String FUNCTION_HEAP = System.getProperty("parity.functionHeap", "1g");

    private ParityEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> specs = Files.readAllLines(Path.of(args[0])).stream().map(l -> l.split("\t", 2)).toList();
        Path out = Path.of(args[1]);
        Path function = Path.of(args[2]);
        String ric = args[3];
        Path python = Path.of(args[4]);
        Files.createDirectories(out);
        Files.createDirectories(Path.of("bench/.cache"));
        try (OpenMetadataEmulator om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, Benchmark.TOKEN);
             MockLambdaRuntime runtime = new MockLambdaRuntime();
             UpstreamWorker upstream = new UpstreamWorker(python, out.resolve("worker.log"))) {
            om.recordBodies(false);
            Process ours = null;
            for (String[] spec : specs) {
                String id = spec[0];
                Path config = out.resolve(id + ".config.json");
                Files.writeString(config, payload(Path.of(spec[1]), om.apiUrl(), null));
                ObjectNode runs = Benchmark.JSON.createObjectNode();

                om.reset();
                JsonNode upstreamRun = upstream.ingest(config, out.resolve(id + ".upstream.log"), UPSTREAM_SECONDS);
                runs.set("upstream", upstreamRun);
                write(om, out.resolve(id + ".upstream.jsonl"));

                for (String mode : List.of("upstream", "extended")) {
                    if (ours == null || !ours.isAlive()) {
                        ours = Benchmark.startFunction(function, ric, FUNCTION_HEAP, runtime, List.of());
                    }
                    om.reset();
                    MockLambdaRuntime.Answer answer = runtime.invoke(payload(Path.of(spec[1]), om.apiUrl(), mode), SECONDS_PER_RUN, ours);
                    ObjectNode run = Benchmark.JSON.createObjectNode().put("ok", answer.ok()).put("ms", answer.millis());
                    JsonNode report = answer.ok() ? Benchmark.JSON.readTree(answer.body()) : null;
                    if (report != null) {
                        run.put("status", report.path("status").asText());
                        run.set("errors", report.path("errors").size() > 0 ? report.get("errors").get(0) : null);
                    } else {
                        run.put("error", answer.body().length() > 500 ? answer.body().substring(0, 500) : answer.body());
                        if (!ours.isAlive() || answer.body().startsWith("no answer")) {
                            ours.destroyForcibly();
                            ours = null;
                        }
                    }
                    runs.set("ours-" + mode, run);
                    write(om, out.resolve(id + ".ours-" + mode + ".jsonl"));
                }
                Files.writeString(out.resolve(id + ".runs.json"), runs.toString());
                System.out.println(id + " " + runs);
            }
            if (ours != null) {
                ours.destroy();
            }
        }
    }

    /** The workflow config both connectors get: the spec as a local file, the emulator as the server. */
    static String payload(Path spec, String omUrl, String schemaFields) {
        ObjectNode payload = Benchmark.JSON.createObjectNode();
        ObjectNode source = payload.putObject("source").put("type", "rest").put("serviceName", dev.omrest.map.ParityCheck.SERVICE);
        // a docURL, so that collection and endpoint URLs are derived (without one both sides store none for a file)
        source.putObject("serviceConnection").putObject("config").put("type", "Rest").put("docURL", DOC_URL)
                .putObject("openAPISchemaConnection").put("openAPISchemaFilePath", spec.toAbsolutePath().toString());
        ObjectNode sourceConfig = source.putObject("sourceConfig").putObject("config").put("type", "ApiMetadata");
        if (schemaFields != null) {
            sourceConfig.put("schemaFields", schemaFields);
        }
        payload.putObject("sink").put("type", "metadata-rest").putObject("config");
        payload.putObject("workflowConfig").put("loggerLevel", "INFO").putObject("openMetadataServerConfig")
                .put("hostPort", omUrl).put("authProvider", "openmetadata")
                .putObject("securityConfig").put("jwtToken", Benchmark.TOKEN);
        return payload.toString();
    }

    /** The server's live collections and endpoints, one JSON line each. */
    private static void write(OpenMetadataEmulator om, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, JsonNode> e : om.collections().entrySet()) {
                if (!e.getValue().path("deleted").asBoolean()) {
                    w.write(line("collection", e.getKey(), e.getValue()).toString());
                    w.write('\n');
                }
            }
            for (Map.Entry<String, JsonNode> e : om.endpoints().entrySet()) {
                if (!e.getValue().path("deleted").asBoolean()) {
                    ObjectNode line = line("endpoint", e.getKey(), e.getValue());
                    line.set("requestSchema", e.getValue().get("requestSchema"));
                    line.set("responseSchema", e.getValue().get("responseSchema"));
                    w.write(line.toString());
                    w.write('\n');
                }
            }
        }
    }

    private static ObjectNode line(String kind, String fqn, JsonNode entity) {
        ObjectNode line = Benchmark.JSON.createObjectNode().put(kind, fqn);
        for (String attribute : ATTRIBUTES) {
            if (entity.hasNonNull(attribute)) {
                line.set(attribute, entity.get(attribute));
            }
        }
        return line;
    }

    /** bench/upstream-ingest-worker.py: {@code metadata ingest} per request, the package imported once. */
    private static final class UpstreamWorker implements AutoCloseable {
        private final Process process;
        private final Writer requests;
        private final BufferedReader answers;

        UpstreamWorker(Path python, Path log) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(python.toString(), "bench/upstream-ingest-worker.py")
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("PYTHONWARNINGS", "ignore");
            process = builder.start();
            requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = answers.readLine();
            if (ready == null) {
                throw new IOException("the upstream worker did not start; see " + log);
            }
        }

        JsonNode ingest(Path config, Path log, long timeoutSeconds) throws IOException {
            ObjectNode request = Benchmark.JSON.createObjectNode().put("config", config.toAbsolutePath().toString())
                    .put("log", log.toAbsolutePath().toString()).put("timeout", timeoutSeconds);
            requests.write(request + "\n");
            requests.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new IOException("the upstream worker exited");
            }
            return Benchmark.JSON.readTree(answer);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
