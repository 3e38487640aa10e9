package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.HttpAccess;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.config.SpecLocation;
import dev.omrest.emulator.RecordedRequest;
import dev.omrest.emulator.SpecServer;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParser;
import dev.omrest.outcome.Notice;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecSource;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-file specs (extended mode): references to other files are read relative to the spec's file or URL (a
 * loopback server here), through the source stage's fetcher; an unreadable one is a warning naming it.
 */
class ExternalRefsTest {
    private static final Path FOLDER = resourceFolder("specs/multi-file");
    private static final String PET = """
            [{"name": "id", "dataType": "LONG", "dataTypeDisplay": "integer(int64)"},
             {"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
             {"name": "owner", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
               {"name": "login", "dataType": "STRING", "dataTypeDisplay": "string", "description": "The owner's login"},
               {"name": "pets", "dataType": "ARRAY", "dataTypeDisplay": "array<object (recursive: pet)>"}]},
             {"name": "tags", "dataType": "ARRAY", "dataTypeDisplay": "array<object>", "children": [
               {"name": "label", "dataType": "STRING", "dataTypeDisplay": "string"},
               {"name": "parent", "dataType": "RECORD", "dataTypeDisplay": "object (recursive: Tag)"}]}]""";

    private SpecServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Path resourceFolder(String name) {
        try {
            return Path.of(ExternalRefsTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParsedSpec parseFile(Path file) {
        try {
            return new SpecParser(64L * 1024 * 1024).parse(new RawSpec(file.toString(), Files.readAllBytes(file), null,
                    file.toString().endsWith(".json") ? "json" : "yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> fields(DesiredState state, boolean request) {
        return state.endpoints().stream().collect(Collectors.toMap(DesiredState.Mapped::fqn, e -> Specs.json(request
                ? e.request().requestSchema() : e.request().responseSchema()).path("schemaFields")));
    }

    private static void assertMultiFilePets(DesiredState state) {
        Map<String, JsonNode> requests = fields(state, true);
        Map<String, JsonNode> responses = fields(state, false);
        assertEquals(Specs.readJson("""
                [{"name": "limit", "dataType": "INT", "dataTypeDisplay": "integer(int32) (query)", "description": "How many"}]"""),
                requests.get("svc.pets./pets/get"));
        assertEquals(Specs.readJson(PET), responses.get("svc.pets./pets/get"));
        assertEquals(Specs.readJson("""
                [{"name": "name", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "ownerLogin", "dataType": "STRING", "dataTypeDisplay": "string", "description": "The owner's login"}]"""),
                requests.get("svc.pets./pets/post"));
        assertEquals(Specs.readJson(PET), responses.get("svc.pets./pets/post"));
        assertEquals(Specs.readJson("""
                [{"name": "gone", "dataType": "UNKNOWN", "dataTypeDisplay": "external reference"},
                 {"name": "here", "dataType": "STRING", "dataTypeDisplay": "string"}]"""), responses.get("svc.default./missing/get"));
    }

    @Test
    void referencesAreReadRelativeToTheSpecFile() {
        DesiredState state = ApiMapper.map(parseFile(FOLDER.resolve("openapi.yaml")), ExtendedSchemaFieldsTest.EXTENDED);
        assertMultiFilePets(state);
        assertEquals(List.of("External reference 'schemas/nowhere.yaml' could not be read: The OpenAPI schema file "
                + FOLDER.resolve("schemas/nowhere.yaml") + " does not exist or is not a regular file"),
                state.warnings().stream().map(Notice::message).toList());
    }

    @Test
    void referencesAreReadRelativeToTheSpecUrl() throws IOException {
        server = SpecServer.start();
        server.serveFolder(FOLDER, "/v1/");
        RawSpec raw = new SpecSource(FetchLimits.DEFAULT).fetch(new SpecLocation.Url(URI.create(server.url("/v1/openapi.yaml")),
                HttpAccess.NONE));
        DesiredState state = ApiMapper.map(new SpecParser(64L * 1024 * 1024).parse(raw), ExtendedSchemaFieldsTest.EXTENDED);
        assertMultiFilePets(state);
        assertEquals(List.of("External reference 'schemas/nowhere.yaml' could not be read: Failed to connect to the JSON schema url "
                + server.url("/v1/schemas/nowhere.yaml") + ". Please check the url and credentials. Status Code was: 404"),
                state.warnings().stream().map(Notice::message).toList());
    }

    @Test
    void credentialsGoToReferencedFilesOnTheSpecsOriginOnly() {
        server = SpecServer.start();
        try (SpecServer other = SpecServer.start()) {
            server.serve("/api/openapi.json", 200, "application/json", """
                    {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                     "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                       {"type": "object", "properties": {
                         "mine": {"$ref": "schemas.json#/Mine"},
                         "theirs": {"$ref": "%s#/Theirs"}}}}}}}}}}}""".formatted(other.url("/schemas.json")))
                    .requireBearer("/api/openapi.json", "private-token");
            server.serve("/api/schemas.json", 200, "application/json", "{\"Mine\": {\"type\": \"object\", "
                    + "\"properties\": {\"a\": {\"type\": \"string\"}}}}").requireBearer("/api/schemas.json", "private-token");
            other.serve("/schemas.json", 200, "application/json", "{\"Theirs\": {\"type\": \"string\"}}")
                    .requireBearer("/schemas.json", "private-token");
            HttpAccess bearer = new HttpAccess(java.util.Map.of("Authorization", dev.omrest.config.Secret.of("Bearer private-token")),
                    java.util.Map.of(), null, HttpAccess.Tls.DEFAULT);
            SpecLocation.Url location = new SpecLocation.Url(URI.create(server.url("/api/openapi.json")), bearer);
            RawSpec raw = new SpecSource(FetchLimits.DEFAULT).fetch(location);
            DesiredState state = ApiMapper.map(new SpecParser(FetchLimits.DEFAULT, bearer).parse(raw), ExtendedSchemaFieldsTest.EXTENDED);
            assertEquals("a", Specs.json(state.endpoints().get(0).request().responseSchema())
                    .path("schemaFields").get(0).path("children").get(0).path("name").asText());
            assertEquals(List.of(200, 200), server.requests().stream().map(RecordedRequest::status).toList());
            assertEquals(List.of(401), other.requests().stream().map(RecordedRequest::status).toList());
            assertEquals(List.of("External reference '" + other.url("/schemas.json") + "#/Theirs' could not be read: Failed to connect "
                            + "to the JSON schema url " + other.url("/schemas.json") + ". Please check the url and credentials. Status Code was: 401"),
                    state.warnings().stream().map(Notice::message).toList());
        }
    }

    @Test
    void aSpecFromAUrlMayNotReadLocalFilesAndAbsoluteUrlsWork() {
        server = SpecServer.start();
        server.serve("/shared/error.json", 200, "application/json", """
                {"Error": {"type": "object", "properties": {"code": {"type": "integer"}}}}""");
        server.serve("/api/openapi.json", 200, "application/json", """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                 "paths": {"/op": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
                   {"type": "object", "properties": {
                     "error": {"$ref": "%s#/Error"},
                     "secret": {"$ref": "file:///etc/hostname"}}}}}}}}}}}""".formatted(server.url("/shared/error.json")));
        RawSpec raw = new SpecSource(FetchLimits.DEFAULT).fetch(new SpecLocation.Url(URI.create(server.url("/api/openapi.json")),
                HttpAccess.NONE));
        DesiredState state = ApiMapper.map(new SpecParser(64L * 1024 * 1024).parse(raw), ExtendedSchemaFieldsTest.EXTENDED);
        assertEquals(Specs.readJson("""
                [{"name": "error", "dataType": "RECORD", "dataTypeDisplay": "object", "children": [
                   {"name": "code", "dataType": "INT", "dataTypeDisplay": "integer"}]},
                 {"name": "secret", "dataType": "UNKNOWN", "dataTypeDisplay": "external reference"}]"""),
                Specs.json(state.endpoints().get(0).request().responseSchema()).path("schemaFields"));
        assertEquals(List.of("External reference 'file:///etc/hostname' could not be read: a document that was not read from "
                + "a file may not reference local files"), state.warnings().stream().map(Notice::message).toList());
        assertTrue(server.requests().stream().noneMatch(r -> r.path().contains("hostname")));
    }

    @Test
    void swagger2DefinitionsInOtherFilesAreBroughtIn() throws IOException {
        Path folder = Files.createTempDirectory("swagger2-multi");
        Files.writeString(folder.resolve("definitions.yaml"), """
                Pet:
                  type: object
                  properties:
                    name: {type: string}
                """);
        Files.writeString(folder.resolve("swagger.yaml"), """
                swagger: '2.0'
                info: {title: t, version: '1'}
                paths:
                  /pets:
                    post:
                      parameters:
                        - {in: body, name: body, schema: {$ref: 'definitions.yaml#/Pet'}}
                      responses:
                        '200': {description: ok, schema: {type: array, items: {$ref: 'definitions.yaml#/Pet'}}}
                """);
        DesiredState state = ApiMapper.map(parseFile(folder.resolve("swagger.yaml")), ExtendedSchemaFieldsTest.EXTENDED);
        String pet = "[{\"name\": \"name\", \"dataType\": \"STRING\", \"dataTypeDisplay\": \"string\"}]";
        assertEquals(Specs.readJson(pet), Specs.json(state.endpoints().get(0).request().requestSchema()).path("schemaFields"));
        assertEquals(Specs.readJson(pet), Specs.json(state.endpoints().get(0).request().responseSchema()).path("schemaFields"));
        assertEquals(List.of(), state.warnings());
    }

    @Test
    void upstreamModeStillIgnoresOtherFilesAndNamesAreTheSameInBothModes() {
        ParsedSpec parsed = parseFile(FOLDER.resolve("openapi.yaml"));
        DesiredState upstream = ApiMapper.map(parsed, ExtendedSchemaFieldsTest.EXTENDED.withSchemaFields(SchemaFieldsMode.UPSTREAM));
        DesiredState extended = ApiMapper.map(parsed, ExtendedSchemaFieldsTest.EXTENDED);
        assertEquals(upstream.endpoints().stream().map(DesiredState.Mapped::fqn).toList(),
                extended.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals(upstream.collections(), extended.collections());
        assertEquals(Specs.readJson("{}"),
                Specs.json(upstream.endpoints().stream().filter(e -> e.fqn().equals("svc.pets./pets/get")).findFirst()
                        .orElseThrow().request().responseSchema()));
        assertEquals(List.of("Schema 'pet.yaml' not found in components.schemas or definitions"),
                upstream.warnings().stream().filter(w -> "svc.pets./pets/get".equals(w.entity())).map(Notice::message).toList());
    }
}
