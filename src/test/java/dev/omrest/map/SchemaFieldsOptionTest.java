package dev.omrest.map;

import dev.omrest.config.InvalidPayloadException;
import dev.omrest.config.PayloadReader;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The payload option {@code source.sourceConfig.config.schemaFields}. */
class SchemaFieldsOptionTest {
    private static String payload(String sourceConfig) {
        return """
                {"source": {"serviceName": "svc",
                   "serviceConnection": {"config": {"openAPISchemaConnection": {"openAPISchemaFilePath": "spec.json"}}},
                   "sourceConfig": {"config": %s}},
                 "sink": {"type": "file", "config": {"filename": "out.json"}}}""".formatted(sourceConfig);
    }

    @Test
    void extendedByDefaultUpstreamOnRequest() {
        assertEquals(SchemaFieldsMode.EXTENDED, PayloadReader.read(Specs.readJson(payload("{}"))).schemaFields());
        assertEquals(SchemaFieldsMode.EXTENDED,
                PayloadReader.read(Specs.readJson(payload("{\"schemaFields\": \"extended\"}"))).schemaFields());
        assertEquals(SchemaFieldsMode.UPSTREAM,
                PayloadReader.read(Specs.readJson(payload("{\"schemaFields\": \"upstream\"}"))).schemaFields());
    }

    @Test
    void otherValuesAreRefusedNamingTheField() {
        assertEquals(List.of("source.sourceConfig.config.schemaFields must be extended or upstream, not 'full'"),
                assertThrows(InvalidPayloadException.class,
                        () -> PayloadReader.read(Specs.readJson(payload("{\"schemaFields\": \"full\"}")))).problems());
        assertEquals(List.of("source.sourceConfig.config.schemaFields must be a string, not a boolean"),
                assertThrows(InvalidPayloadException.class,
                        () -> PayloadReader.read(Specs.readJson(payload("{\"schemaFields\": true}")))).problems());
    }
}
