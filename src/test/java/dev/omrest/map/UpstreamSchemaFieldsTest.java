package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Upstream's test_rest.py cases on request and response fields and types (openmetadata-ingestion 2.0.7.0), ported. */
class UpstreamSchemaFieldsTest {
    /** These are upstream's expectations: run in {@code schemaFields: upstream} mode. */
    private static final MappingContext UPSTREAM = Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.UPSTREAM);

    /** The only endpoint of a one-operation OAS 3 document with these components and operation. */
    private static DesiredState one(String operation, String schemas) {
        String spec = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"post": %s}},
                 "components": {"schemas": %s}}""".formatted(operation, schemas);
        return Specs.map(spec, UPSTREAM);
    }

    private static CreateApiEndpoint endpoint(DesiredState state) {
        assertEquals(1, state.endpoints().size());
        return state.endpoints().get(0).request();
    }

    private static void assertFields(String expectedJson, Object schema) {
        JsonNode actual = Specs.json(schema).path("schemaFields");
        assertEquals(Specs.readJson(expectedJson), actual);
    }

    private static String response(String schema) {
        return """
                {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": %s}}}}}""".formatted(schema);
    }

    private static final String USER = """
            {"User": {"type": "object", "properties": {
               "id": {"type": "integer"}, "name": {"type": "string"}, "email": {"type": "string"}}}}""";

    @Test
    void simpleRefGivesOneFieldPerProperty() {
        assertFields("""
                [{"name": "id", "dataType": "INT"}, {"name": "name", "dataType": "STRING"}, {"name": "email", "dataType": "STRING"}]""",
                endpoint(one(response("{\"$ref\": \"#/components/schemas/User\"}"), USER)).responseSchema());
    }

    @Test
    void arrayOfRefAndRefToArrayGiveTheItemFields() {
        String expected = """
                [{"name": "id", "dataType": "INT"}, {"name": "name", "dataType": "STRING"}, {"name": "email", "dataType": "STRING"}]""";
        assertFields(expected, endpoint(one(response("{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/User\"}}"),
                USER)).responseSchema());
        String users = """
                {"Users": {"type": "array", "items": {"$ref": "#/components/schemas/User"}},
                 "User": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "email": {"type": "string"}}}}""";
        assertFields(expected, endpoint(one(response("{\"$ref\": \"#/components/schemas/Users\"}"), users)).responseSchema());
    }

    @Test
    void dataEnvelopeIsUnwrapped() {
        assertFields("""
                [{"name": "id", "dataType": "INT"}, {"name": "name", "dataType": "STRING"}, {"name": "email", "dataType": "STRING"}]""",
                endpoint(one(response("""
                        {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/User"}, "meta": {"type": "string"}}}"""),
                        USER)).responseSchema());
    }

    @Test
    void noContentOrNoResponsesGiveNoResponseSchema() {
        assertNull(endpoint(one("{\"responses\": {\"200\": {\"description\": \"ok\"}}}", "{}")).responseSchema());
        assertNull(endpoint(one("{}", "{}")).responseSchema());
    }

    @Test
    void inlinePropertiesAndInlineArraysOfObjects() {
        assertFields("""
                [{"name": "a", "dataType": "STRING"}, {"name": "b", "dataType": "BOOLEAN"}]""",
                endpoint(one(response("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"boolean\"}}}"),
                        "{}")).responseSchema());
        String orders = """
                {"type": "object", "properties": {"order_list": {"type": "array", "description": "List of orders",
                  "items": {"type": "object", "properties": {
                    "order_id": {"type": "integer", "description": "Order id"},
                    "order_amount": {"type": "number", "format": "double", "description": "Amount"},
                    "order_status": {"type": "string", "description": "Status"}}}}}}""";
        String expected = """
                [{"name": "order_list", "dataType": "ARRAY", "description": "List of orders", "children": [
                  {"name": "order_id", "dataType": "INT", "description": "Order id"},
                  {"name": "order_amount", "dataType": "DOUBLE", "description": "Amount"},
                  {"name": "order_status", "dataType": "STRING", "description": "Status"}]}]""";
        assertFields(expected, endpoint(one(response(orders), "{}")).responseSchema());
        assertFields(expected, endpoint(one(response("{\"$ref\": \"#/components/schemas/Orders\"}"),
                "{\"Orders\": " + orders + "}")).responseSchema());
    }

    @Test
    void responseFallsBackTo201To204() {
        String op = """
                {"responses": {"201": {"description": "c", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}}}""";
        assertEquals(3, endpoint(one(op, USER)).responseSchema().schemaFields().size());
    }

    @Test
    void refPropertiesExpandWithDescriptionsAndArraysOfRefs() {
        String schemas = """
                {"Flight": {"type": "object", "properties": {
                   "departureAirport": {"$ref": "#/components/schemas/Airport", "description": "From"},
                   "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                   "address": {"$ref": "#/components/schemas/Address"}}},
                 "Airport": {"type": "object", "properties": {"gate": {"type": "string", "description": "Gate"},
                                                              "parking": {"type": "string"}}},
                 "Tag": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
                 "Address": {"type": "object", "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}}""";
        DesiredState state = one(response("{\"$ref\": \"#/components/schemas/Flight\"}"), schemas);
        JsonNode fields = Specs.json(endpoint(state).responseSchema()).path("schemaFields");
        assertEquals("UNKNOWN", fields.get(0).path("dataType").asText());
        assertEquals("OBJECT", fields.get(0).path("dataTypeDisplay").asText());
        assertEquals(Specs.readJson("""
                [{"name": "gate", "dataType": "STRING", "description": "Gate"}, {"name": "parking", "dataType": "STRING"}]"""),
                fields.get(0).path("children"));
        assertEquals(Specs.readJson("""
                {"name": "tags", "dataType": "ARRAY", "children": [{"name": "id", "dataType": "INT"}, {"name": "name", "dataType": "STRING"}]}"""),
                fields.get(1));
        assertEquals(2, fields.get(2).path("children").size());
    }

    @Test
    void recursionIsCutAtTheFirstRepeatedAncestor() {
        String schemas = """
                {"Node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                                                           "name": {"type": "string"}}},
                 "User": {"type": "object", "properties": {"profile": {"$ref": "#/components/schemas/Profile"}}},
                 "Profile": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}, "bio": {"type": "string"}}}}""";
        assertFields("""
                [{"name": "children", "dataType": "ARRAY"}, {"name": "name", "dataType": "STRING"}]""",
                endpoint(one(response("{\"$ref\": \"#/components/schemas/Node\"}"), schemas)).responseSchema());
        assertFields("""
                [{"name": "profile", "dataType": "UNKNOWN", "dataTypeDisplay": "OBJECT", "children": [
                   {"name": "user", "dataType": "UNKNOWN", "dataTypeDisplay": "OBJECT"}, {"name": "bio", "dataType": "STRING"}]}]""",
                endpoint(one(response("{\"$ref\": \"#/components/schemas/User\"}"), schemas)).responseSchema());
    }

    @Test
    void untypedInlineObjectPropertyIsUnknownObjectWithChildren() {
        assertFields("""
                [{"name": "meta", "dataType": "UNKNOWN", "dataTypeDisplay": "OBJECT", "description": "Metadata",
                  "children": [{"name": "identifier", "dataType": "INT", "description": "The id"}]}]""",
                endpoint(one(response("""
                        {"type": "object", "properties": {"meta": {"description": "Metadata",
                          "properties": {"identifier": {"type": "integer", "description": "The id"}}}}}"""), "{}")).responseSchema());
    }

    @Test
    void typedObjectPropertyHasNoChildrenAsUpstream() {
        assertFields("""
                [{"name": "meta", "dataType": "UNKNOWN"}]""",
                endpoint(one(response("""
                        {"type": "object", "properties": {"meta": {"type": "object", "properties": {"a": {"type": "string"}}}}}"""),
                        "{}")).responseSchema());
    }

    @Test
    void missingRefTargetGivesNullFieldsAndAWarning() {
        DesiredState state = one(response("{\"$ref\": \"#/components/schemas/Missing\"}"), "{}");
        assertEquals(Specs.readJson("{}"), Specs.json(endpoint(state).responseSchema()));
        assertEquals(List.of("OpenAPI parser: attribute paths.'/op'(post).responses.200.content.'application/json'.schema."
                        + "#/components/schemas/Missing is missing",
                        "Schema 'Missing' not found in components.schemas or definitions"),
                state.warnings().stream().map(w -> w.message()).toList());
        assertNull(state.warnings().get(0).entity());
        assertEquals("svc.default./op/post", state.warnings().get(1).entity());
    }

    @Test
    void requestBodyRefOrArrayOfRefAndInlineBodyFallsThroughToParameters() {
        String body = """
                {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}, "responses": {}}""";
        assertEquals(3, endpoint(one(body, USER)).requestSchema().schemaFields().size());
        String arrayBody = """
                {"requestBody": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}}},
                 "responses": {}}""";
        assertEquals(List.of("id", "name", "email"), endpoint(one(arrayBody, USER)).requestSchema().schemaFields().stream()
                .map(f -> f.name()).toList());
        String inline = """
                {"parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                 "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}},
                 "responses": {}}""";
        assertFields("[{\"name\": \"q\", \"dataType\": \"STRING\"}]", endpoint(one(inline, "{}")).requestSchema());
        assertNull(endpoint(one("{\"responses\": {}}", "{}")).requestSchema());
    }

    @Test
    void queryAndPathParametersBecomeRequestFields() {
        String op = """
                {"parameters": [
                   {"name": "page", "in": "query", "description": "Page number", "schema": {"type": "integer"}},
                   {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                   {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                   {"name": "any", "in": "query", "schema": {"type": "array", "items": {}}},
                   {"name": "untyped", "in": "query"},
                   {"name": "X-Trace", "in": "header", "schema": {"type": "string"}},
                   {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                   {"$ref": "#/components/parameters/Limit"},
                   {"$ref": "#/components/parameters/Missing"}],
                 "responses": {}}""";
        String spec = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/op/{id}": {"get": %s}},
                 "components": {"parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}}}"""
                .formatted(op);
        assertFields("""
                [{"name": "page", "dataType": "INT", "description": "Page number"},
                 {"name": "id", "dataType": "STRING"},
                 {"name": "ids", "dataType": "ARRAY", "children": [{"name": "item", "dataType": "STRING"}]},
                 {"name": "any", "dataType": "ARRAY"},
                 {"name": "untyped", "dataType": "UNKNOWN"},
                 {"name": "limit", "dataType": "INT"}]""",
                endpoint(Specs.map(spec, UPSTREAM)).requestSchema());
    }

    @Test
    void swagger2BodiesParametersAndDefinitions() {
        String spec = """
                {"swagger": "2.0", "info": {"title": "t", "version": "1"},
                 "paths": {
                   "/users": {"post": {"parameters": [{"in": "body", "name": "body", "schema": {"$ref": "#/definitions/User"}}],
                                       "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/User"}}}}}},
                   "/search": {"get": {"parameters": [
                       {"name": "page", "in": "query", "type": "integer", "description": "Page number"},
                       {"$ref": "#/parameters/Limit"}, {"$ref": "#/parameters/Missing"}],
                     "responses": {"200": {"description": "ok"}}}}},
                 "parameters": {"Limit": {"name": "limit", "in": "query", "type": "integer"}},
                 "definitions": {"User": {"type": "object", "properties": {"id": {"type": "integer"}, "username": {"type": "string"}}}}}""";
        DesiredState state = Specs.map(spec, UPSTREAM);
        assertEquals(List.of("svc.default./users/post", "svc.default./search/get"),
                state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        String user = "[{\"name\": \"id\", \"dataType\": \"INT\"}, {\"name\": \"username\", \"dataType\": \"STRING\"}]";
        assertFields(user, state.endpoints().get(0).request().requestSchema());
        assertFields(user, state.endpoints().get(0).request().responseSchema());
        assertFields("""
                [{"name": "page", "dataType": "INT", "description": "Page number"}, {"name": "limit", "dataType": "INT"}]""",
                state.endpoints().get(1).request().requestSchema());
    }

    @Test
    void swagger2BodyIsReadWhateverItsConsumesTypes() {
        String spec = """
                {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "consumes": ["application/xml"],
                 "paths": {"/users": {"post": {"parameters": [{"in": "body", "name": "body", "schema": {"$ref": "#/definitions/User"}}],
                                               "responses": {"200": {"description": "ok"}}}}},
                 "definitions": {"User": {"type": "object", "properties": {"id": {"type": "integer"}}}}}""";
        assertFields("[{\"name\": \"id\", \"dataType\": \"INT\"}]",
                endpoint(Specs.map(spec, UPSTREAM)).requestSchema());
    }

    @Test
    void jsonMediaTypesArePreferredInOrder() {
        String op = """
                {"responses": {"200": {"description": "ok", "content": {
                   "application/xml": {"schema": {"type": "object", "properties": {"xml": {"type": "string"}}}},
                   "application/problem+json": {"schema": {"type": "object", "properties": {"problem": {"type": "string"}}}},
                   "application/json": {"schema": {"type": "object", "properties": {"json": {"type": "string"}}}}}}}}""";
        assertFields("[{\"name\": \"json\", \"dataType\": \"STRING\"}]", endpoint(one(op, "{}")).responseSchema());
        assertFields("[{\"name\": \"problem\", \"dataType\": \"STRING\"}]",
                endpoint(one(op.replace("\"application/json\"", "\"text/plain\""), "{}")).responseSchema());
    }

    @Test
    void nonStringRefIsAParserWarningNotAFailure() {
        DesiredState state = one("""
                {"requestBody": {"content": {"application/json": {"schema": {"$ref": ["a"]}}}}, "responses": {}}""", "{}");
        assertNull(endpoint(state).requestSchema());
        assertEquals(List.of("OpenAPI parser: attribute paths.'/op'(post).requestBody.content.'application/json'.schema.$ref "
                + "is not of type `string`"), state.warnings().stream().map(w -> w.message()).toList());
    }

    @Test
    void typeMapping() {
        assertEquals("INT", DataTypes.map("integer", "int64"));
        assertEquals("STRING", DataTypes.map("string", "date-time"));
        assertEquals("UNKNOWN", DataTypes.map("invalid_type", null));
        assertEquals("UNKNOWN", DataTypes.map(null, null));
        assertEquals("UNKNOWN", DataTypes.map(List.of(), null));
        assertEquals("UNKNOWN", DataTypes.map("", null));
        assertEquals("BOOLEAN", DataTypes.map("BOOLEAN", null));
        assertEquals("STRING", DataTypes.map(List.of("string", "null"), null));
        assertEquals("UNKNOWN", DataTypes.map(List.of("string", "integer"), null));
        assertEquals("FLOAT", DataTypes.map("number", "float"));
        assertEquals("DOUBLE", DataTypes.map("number", "DOUBLE"));
        assertEquals("UNKNOWN", DataTypes.map("number", null));
        assertEquals("UNKNOWN", DataTypes.map("object", null));
        assertEquals("ARRAY", DataTypes.map("array", null));
        assertEquals("NULL", DataTypes.map("null", null));
        assertEquals("DATE", DataTypes.map("date", null));
    }

    @Test
    void openApi31TypeArrays() {
        String spec = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                   {"type": "object", "properties": {"a": {"type": ["string", "null"]}, "b": {"type": ["integer", "string"]},
                                                     "c": {"type": ["array", "null"], "items": {"type": "boolean"}}}}}}}}}}}}""";
        assertFields("""
                [{"name": "a", "dataType": "STRING"}, {"name": "b", "dataType": "UNKNOWN"},
                 {"name": "c", "dataType": "ARRAY", "children": [{"name": "item", "dataType": "BOOLEAN"}]}]""",
                endpoint(Specs.map(spec, UPSTREAM)).responseSchema());
    }
}
