package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.SchemaField;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Caps of the extended extraction: depth, fields per schema, nested references; no blow-up, no stack overflow. */
class ExtendedLimitsTest {

    /** A one-operation document whose 200 response is {@code #/components/schemas/<root>}. */
    private static String spec(String root, String schemas) {
        return """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json":
                   {"schema": {"$ref": "#/components/schemas/%s"}}}}}}}},
                 "components": {"schemas": {%s}}}""".formatted(root, schemas);
    }

    /** The same, the response being {@code allOf} the root: upstream's rules give no field, so only the caps apply. */
    private static String composedSpec(String root, String schemas) {
        return spec(root, schemas).replace("{\"schema\": {\"$ref\": \"#/components/schemas/" + root + "\"}}",
                "{\"schema\": {\"allOf\": [{\"$ref\": \"#/components/schemas/" + root + "\"}]}}");
    }

    private static String wideSchemas() {
        StringJoiner wide = new StringJoiner(", ");
        for (int i = 0; i < 30; i++) {
            wide.add("\"w%d\": {\"$ref\": \"#/components/schemas/Fifty\"}".formatted(i));
        }
        StringJoiner fifty = new StringJoiner(", ");
        for (int i = 0; i < 50; i++) {
            fifty.add("\"f%d\": {\"type\": \"string\"}".formatted(i));
        }
        return "\"Wide\": {\"type\": \"object\", \"properties\": {" + wide + "}},"
                + "\"Fifty\": {\"type\": \"object\", \"properties\": {" + fifty + "}}";
    }

    private static int count(List<SchemaField> fields) {
        int n = 0;
        for (SchemaField f : fields == null ? List.<SchemaField>of() : fields) {
            n += 1 + count(f.children());
        }
        return n;
    }

    private static int depth(List<SchemaField> fields) {
        int max = 0;
        for (SchemaField f : fields == null ? List.<SchemaField>of() : fields) {
            max = Math.max(max, 1 + depth(f.children()));
        }
        return max;
    }

    /** {@code L1 → L2 → … → Ln}, each with a value and the next level. */
    private static String chain(int levels) {
        StringJoiner schemas = new StringJoiner(",\n");
        for (int i = 1; i <= levels; i++) {
            schemas.add(("\"L%d\": {\"type\": \"object\", \"properties\": {\"v\": {\"type\": \"string\"}"
                    + (i < levels ? ", \"next\": {\"$ref\": \"#/components/schemas/L%d\"}" : "") + "}}").formatted(i, i + 1));
        }
        return schemas.toString();
    }

    /** {@code S0 … Sn}: every level has two properties pointing at the next one; upstream expands 2^n fields. */
    private static String fanOut(int levels, int width) {
        StringJoiner schemas = new StringJoiner(",\n");
        for (int i = 0; i < levels; i++) {
            StringJoiner properties = new StringJoiner(", ");
            for (int p = 0; p < width; p++) {
                properties.add("\"p%d\": {\"$ref\": \"#/components/schemas/S%d\"}".formatted(p, i + 1));
            }
            schemas.add("\"S%d\": {\"type\": \"object\", \"properties\": {%s}}".formatted(i, properties));
        }
        schemas.add("\"S%d\": {\"type\": \"object\", \"properties\": {\"leaf\": {\"type\": \"string\"}}}".formatted(levels));
        return schemas.toString();
    }

    @Test
    void treesAreCutBelowTenLevelsWithAWarning() {
        DesiredState state = Specs.map(composedSpec("L1", chain(15)), ExtendedSchemaFieldsTest.EXTENDED);
        ApiSchema response = state.endpoints().get(0).request().responseSchema();
        assertEquals(FieldWalker.MAX_DEPTH, depth(response.schemaFields()));
        assertEquals(List.of("Response schema fields cut below depth 10"), ExtendedSchemaFieldsTest.warnings(state));
        JsonNode deepest = Specs.json(response).path("schemaFields");
        for (int i = 1; i < FieldWalker.MAX_DEPTH; i++) {
            deepest = deepest.get(1).path("children");
        }
        assertEquals(Specs.readJson("""
                [{"name": "v", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "next", "dataType": "RECORD", "dataTypeDisplay": "object"}]"""), deepest);
    }

    @Test
    void schemasAreCutAtAThousandFieldsWithAWarning() {
        DesiredState state = Specs.map(composedSpec("Wide", wideSchemas()), ExtendedSchemaFieldsTest.EXTENDED);
        ApiSchema response = state.endpoints().get(0).request().responseSchema();
        assertEquals(FieldWalker.MAX_FIELDS, count(response.schemaFields()));
        assertEquals(List.of("Response schema fields cut at 1000 fields"), ExtendedSchemaFieldsTest.warnings(state));
    }

    /** Issue 16: the caps cut only what goes beyond upstream's fields; every field upstream gives is kept. */
    @Test
    void fieldsUpstreamGivesAreKeptWhereTheCapsWouldCutThem() {
        DesiredState deep = Specs.map(spec("L1", chain(15)), ExtendedSchemaFieldsTest.EXTENDED);
        List<SchemaField> deepFields = deep.endpoints().get(0).request().responseSchema().schemaFields();
        assertEquals(15, depth(deepFields));
        assertEquals(List.of("Response schema fields cut below depth 10 (the fields upstream's rules give are kept all the same)"),
                ExtendedSchemaFieldsTest.warnings(deep));
        DesiredState wide = Specs.map(spec("Wide", wideSchemas()), ExtendedSchemaFieldsTest.EXTENDED);
        List<SchemaField> wideFields = wide.endpoints().get(0).request().responseSchema().schemaFields();
        assertEquals(30 + 30 * 50, count(wideFields));
        assertEquals(List.of("w0", "w29"), List.of(wideFields.get(0).name(), wideFields.get(29).name()));
        assertEquals(List.of("Response schema fields cut at 1000 fields (the fields upstream's rules give are kept all the same)"),
                ExtendedSchemaFieldsTest.warnings(wide));
    }

    @Test
    void sharedSchemasFannedOutDoNotBlowUp() {
        long start = System.nanoTime();
        DesiredState state = Specs.map(spec("S0", fanOut(30, 3)), ExtendedSchemaFieldsTest.EXTENDED);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(count(state.endpoints().get(0).request().responseSchema().schemaFields()) <= FieldWalker.MAX_FIELDS);
        assertEquals(List.of("Response schema: upstream's rules expand it to more than 20000 fields, so only the extended"
                        + " extraction's fields are kept", "Response schema fields cut below depth 10",
                        "Response schema fields cut at 1000 fields"), ExtendedSchemaFieldsTest.warnings(state));
    }

    @Test
    void upstreamModeGivesUpOnASchemaThatWouldExhaustMemoryAsUpstreamFailsASchema() {
        DesiredState state = Specs.map(spec("S0", fanOut(12, 4)),
                Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.UPSTREAM));
        assertNull(state.endpoints().get(0).request().responseSchema());
        assertEquals(List.of("Error while processing schema fields: the schema expands to more than 1000000 fields"),
                ExtendedSchemaFieldsTest.warnings(state));
    }

    @Test
    void longChainsOfReferencesDoNotOverflowASmallStack() throws InterruptedException {
        StringJoiner schemas = new StringJoiner(",\n");
        int n = 3000;
        for (int i = 0; i < n; i++) {
            schemas.add("\"A%d\": {\"allOf\": [{\"$ref\": \"#/components/schemas/A%d\"}], \"properties\": {\"p%d\": {\"type\": \"string\"}}}"
                    .formatted(i, i + 1, i));
        }
        schemas.add("\"A%d\": {\"type\": \"object\", \"properties\": {\"end\": {\"type\": \"string\"}}}".formatted(n));
        String document = spec("A0", schemas.toString());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                outcome.set(Specs.map(document, ExtendedSchemaFieldsTest.EXTENDED));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 512 * 1024);
        worker.start();
        worker.join(60_000);
        if (!(outcome.get() instanceof DesiredState state)) {
            fail("mapping failed: " + outcome.get());
            return;
        }
        List<SchemaField> fields = state.endpoints().get(0).request().responseSchema().schemaFields();
        assertEquals(FieldWalker.MAX_REF_CHAIN, fields.size(), fields.toString());
        assertEquals("p63", fields.get(0).name());
        assertEquals("p0", fields.get(fields.size() - 1).name());
        assertEquals(List.of("Response schema fields cut after 64 references nested in one another"),
                ExtendedSchemaFieldsTest.warnings(state));
    }
}
