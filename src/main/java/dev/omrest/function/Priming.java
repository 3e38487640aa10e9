package dev.omrest.function;

import dev.omrest.budget.Stopwatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.report.IngestReport;
import dev.omrest.report.TestConnectionResult;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the functions once, against a loopback {@link PrimingServer}, while Lambda initialises an environment whose
 * start-up nobody waits for: a SnapStart snapshot or provisioned concurrency. The classes a run loads and the code it
 * compiles are then in the snapshot, so the first real invocation does not pay for them. On-demand environments and
 * native images are not primed: there the work would only move into a start-up someone waits for.
 */
@ApplicationScoped
public class Priming {
    private static final Logger LOG = Logger.getLogger(Priming.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code omrest.prime}: {@code auto} primes SnapStart and provisioned-concurrency initialisations in JVM mode. */
    public enum Mode { AUTO, ALWAYS, NEVER }

    /** What the priming runs ended with, and how long they took. */
    record Outcome(long millis, List<String> ingestStatuses, String testConnectionStatus, List<String> calls) {
        boolean complete() {
            return ingestStatuses.stream().allMatch(IngestReport.SUCCESS::equals)
                    && TestConnectionResult.SUCCESSFUL.equals(testConnectionStatus);
        }
    }

    @Inject
    FunctionConfig config;

    @Inject
    IngestFunction ingest;

    @Inject
    TestConnectionFunction testConnection;

    void onStart(@Observes StartupEvent event) {
        String initialisation = System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE");
        if (!wanted(config.prime(), initialisation, ImageMode.current() == ImageMode.NATIVE_RUN)) {
            return;
        }
        try {
            Outcome outcome = prime(ingest::ingest, testConnection::testConnection);
            String summary = "Primed the functions in " + outcome.millis() + " ms (initialisation: " + initialisation
                    + "): ingest " + outcome.ingestStatuses() + ", test connection " + outcome.testConnectionStatus();
            if (outcome.complete()) {
                LOG.info(summary);
            } else {
                LOG.warn(summary + "; the first invocations may load what priming did not reach");
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("Priming skipped: " + e);
        }
    }

    static boolean wanted(Mode mode, String initialisation, boolean nativeImage) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !nativeImage
                    && ("snap-start".equals(initialisation) || "provisioned-concurrency".equals(initialisation));
        };
    }

    /** Ingests an OpenAPI 3 (JSON) and a Swagger 2.0 (YAML) spec and tests a connection, all against loopback. */
    static Outcome prime(Function<JsonNode, IngestReport> ingest, Function<JsonNode, TestConnectionResult> testConnection)
            throws IOException {
        Stopwatch start = Stopwatch.start();
        try (PrimingServer server = PrimingServer.start()) {
            String first = ingest.apply(payload(server, "openapi.json")).status();
            String second = ingest.apply(payload(server, "swagger.yaml")).status();
            String tested = testConnection.apply(payload(server, "openapi.json")).status();
            return new Outcome(start.millis(), List.of(first, second), tested, server.calls());
        }
    }

    private static JsonNode payload(PrimingServer server, String spec) {
        ObjectNode payload = JSON.createObjectNode();
        ObjectNode source = payload.putObject("source").put("type", "rest").put("serviceName", PrimingServer.SERVICE);
        source.putObject("serviceConnection").putObject("config").put("type", "Rest")
                .putObject("openAPISchemaConnection").put("openAPISchemaURL", server.url("/specs/" + spec));
        source.putObject("sourceConfig").putObject("config").put("type", "ApiMetadata");
        payload.putObject("sink").put("type", "metadata-rest").putObject("config");
        payload.putObject("workflowConfig").putObject("openMetadataServerConfig").put("hostPort", server.url("/api"))
                .put("authProvider", "openmetadata").putObject("securityConfig").put("jwtToken", "priming");
        return payload;
    }
}
