package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import org.junit.jupiter.api.AfterEach;

import java.util.Map;

/** Each test gets its own spec server and, once it starts one, an OpenMetadata emulator; both close after it. */
abstract class LoopbackServers {
    protected final SpecServer specs = SpecServer.start();
    protected OpenMetadataEmulator om;

    /** Serves {@code spec} as the petstore spec and ingests it into {@code target}, with these sourceConfig options. */
    protected JsonNode ingest(OpenMetadataEmulator target, String spec, Map<String, Object> sourceConfig) {
        specs.serve("/petstore.yaml", 200, "application/yaml", spec);
        String payload = Payloads.url("petstore", specs.url("/petstore.yaml"), null, null, target.apiUrl(),
                IngestFunctionTest.JWT);
        for (Map.Entry<String, Object> option : sourceConfig.entrySet()) {
            payload = Payloads.with(payload, "source.sourceConfig.config." + option.getKey(), option.getValue());
        }
        return IngestFunctionTest.invoke(payload);
    }

    @AfterEach
    void closeServers() {
        specs.close();
        if (om != null) {
            om.close();
        }
    }
}
