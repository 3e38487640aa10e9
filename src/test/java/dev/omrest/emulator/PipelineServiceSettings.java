package dev.omrest.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Supplier;

/**
 * The server's {@code pipelineServiceClientConfiguration} as the emulator holds it: the client (none until a test
 * configures one) and {@code ingestionIpInfoEnabled}. Without a client a 2.0 server answers as one whose client is
 * disabled ({@code enabled: false} makes its factory return none, and each endpoint answers 200 "Pipeline Client
 * Disabled"); the emulated 1.6 server fails such calls with a 500 that says what to configure.
 */
final class PipelineServiceSettings {
    static final String DISABLED = "Pipeline Client Disabled";

    private final OpenMetadataEmulator.Mode mode;
    private volatile OrchestratorClient client;
    private volatile boolean ingestionIpInfoEnabled;

    PipelineServiceSettings(OpenMetadataEmulator.Mode mode) {
        this.mode = mode;
    }

    OrchestratorClient client() {
        return client;
    }

    void client(OrchestratorClient client) {
        this.client = client;
    }

    boolean ingestionIpInfoEnabled() {
        return ingestionIpInfoEnabled;
    }

    void ingestionIpInfoEnabled(boolean enabled) {
        this.ingestionIpInfoEnabled = enabled;
    }

    /**
     * The answer of an endpoint that needs the client when there is none: 2.0's disabled answer, as a
     * PipelineServiceClientResponse ({@code json}) or as the plain string some endpoints answer; on 1.6, a 500.
     */
    Reply disabled(boolean json) {
        if (mode == OpenMetadataEmulator.Mode.V1_6) {
            throw new ApiError(500, "The emulator has no pipeline service client: call "
                    + "OpenMetadataEmulator.pipelineServiceClient(apiEndpoint, username, password) first", false);
        }
        if (!json) {
            return Reply.text(200, DISABLED);
        }
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("code", 200);
        answer.put("reason", DISABLED);
        return Reply.of(200, answer);
    }

    /** Runs a client call, its {@link OrchestratorClient.Failure} becoming the server's error answer. */
    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (OrchestratorClient.Failure e) {
            throw new ApiError(e.status(), e.getMessage(), false);
        }
    }
}
