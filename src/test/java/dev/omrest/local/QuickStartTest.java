package dev.omrest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.PayloadReader;
import dev.omrest.emulator.SchemaValidator;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keeps the README's quick start and the bundled examples true. */
class QuickStartTest {

    @Test
    void everyBundledConfigIsAValidPayload() throws IOException {
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ObjectMapper reader = file.toString().endsWith(".yaml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
                IngestSettings settings = PayloadReader.read(reader.readTree(file.toFile()));
                checked.add(file.getFileName() + ":" + settings.serviceName());
            }
        }
        assertEquals(List.of("petstore-file-sink.json:petstore", "petstore-openmetadata.json:petstore",
                "upstream-rest.yaml:petstore_data"), checked);
    }

    @Test
    void localIngestWritesTheCreateRequestsOfTheBundledSpec() throws IOException {
        Path output = Path.of("target/ingest-output/petstore.json");
        Files.deleteIfExists(output);
        LocalIngest.main(new String[]{"examples/petstore-file-sink.json"});
        JsonNode written = Specs.JSON.readTree(output.toFile());
        assertEquals("petstore", written.path("apiService").path("name").asText());
        assertEquals(List.of("pet", "store", "user", "default"), written.path("apiCollections").findValuesAsText("name"));
        assertEquals(List.of("/pet/post", "/pet/put", "/pet/findByStatus/get", "/pet/{petId}/get", "/pet/{petId}/delete",
                "/store/order/post", "/store/inventory/get", "/user/login/get", "/health/get"),
                names(written.path("apiEndpoints")));
        Optional<SchemaValidator> schemas = SchemaValidator.fromSharedFolder();
        if (schemas.isPresent()) {
            assertEquals(List.of(), schemas.get().validate("api/services/createApiService.json", written.path("apiService")));
            for (JsonNode collection : written.path("apiCollections")) {
                assertEquals(List.of(), schemas.get().validate("api/data/createAPICollection.json", collection));
            }
            for (JsonNode endpoint : written.path("apiEndpoints")) {
                assertEquals(List.of(), schemas.get().validate("api/data/createAPIEndpoint.json", endpoint));
            }
        }
    }

    private static List<String> names(JsonNode endpoints) {
        List<String> names = new ArrayList<>();
        endpoints.forEach(e -> names.add(e.path("name").asText()));
        return names;
    }
}
