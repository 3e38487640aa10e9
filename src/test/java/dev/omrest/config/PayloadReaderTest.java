package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadReaderTest {

    /** The upstream example workflow (docs' YAML form, older flat connection), converted to JSON as a user would. */
    private static final String UPSTREAM_YAML = """
            source:
              type: rest
              serviceName: openapi_rest
              serviceConnection:
                config:
                  type: Rest
                  openAPISchemaURL: https://petstore3.swagger.io/api/v3/openapi.json
                  docURL: https://petstore3.swagger.io/
                  token: spec-token
              sourceConfig:
                config:
                  type: ApiMetadata
                  markDeletedApiCollections: true
                  overrideMetadata: false
                  apiCollectionFilterPattern:
                    includes: ["^pet"]
            sink:
              type: metadata-rest
              config: {}
            workflowConfig:
              loggerLevel: DEBUG
              openMetadataServerConfig:
                hostPort: http://localhost:8585/api
                authProvider: openmetadata
                securityConfig:
                  jwtToken: bot-jwt
                storeServiceConnection: true
                enableVersionValidation: true
            """;

    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper().valueToTree(new ObjectMapper(new YAMLFactory()).readTree(text));
    }

    @Test
    void upstreamConfigWithTheFlatConnectionWorksUnchanged() throws Exception {
        IngestSettings settings = PayloadReader.read(yaml(UPSTREAM_YAML));
        assertEquals("openapi_rest", settings.serviceName());
        SpecLocation.Url url = assertInstanceOf(SpecLocation.Url.class, settings.spec());
        assertEquals(URI.create("https://petstore3.swagger.io/api/v3/openapi.json"), url.uri());
        assertEquals("Bearer spec-token", url.access().headers().get("Authorization").reveal());
        assertEquals("****", url.access().headers().get("Authorization").toString());
        assertEquals("https://petstore3.swagger.io/", settings.docUrl());
        assertTrue(settings.collectionFilter().accepts("pets"));
        assertFalse(settings.collectionFilter().accepts("store"));
        assertTrue(settings.endpointFilter().accepts("/anything"));
        assertTrue(settings.markDeletedApiCollections());
        assertFalse(settings.overrideMetadata());
        SinkTarget.OpenMetadata sink = assertInstanceOf(SinkTarget.OpenMetadata.class, settings.sink());
        assertEquals(URI.create("http://localhost:8585/api"), sink.apiUrl());
        assertEquals("bot-jwt", sink.jwtToken().reveal());
        assertEquals(Specs.readJson("""
                {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "https://petstore3.swagger.io/api/v3/openapi.json"},
                 "docURL": "https://petstore3.swagger.io/", "token": "spec-token", "verifySSL": "no-ssl",
                 "supportsMetadataExtraction": true}"""), settings.serviceConnection());
    }

    @Test
    void currentNestedConnectionFormAndFileSink() {
        IngestSettings settings = PayloadReader.read(Specs.readJson("""
                {"source": {"serviceName": "s", "serviceConnection": {"config": {"type": "Rest",
                   "openAPISchemaConnection": {"openAPISchemaFilePath": "/specs/api.yaml"}}}},
                 "sink": {"type": "file", "config": {"filename": "out/requests.json"}}}"""));
        assertEquals(Path.of("/specs/api.yaml"), assertInstanceOf(SpecLocation.File.class, settings.spec()).path());
        assertEquals(Path.of("out/requests.json"), assertInstanceOf(SinkTarget.File.class, settings.sink()).path());
        assertTrue(settings.markDeletedApiCollections());
        assertNull(settings.docUrl());
        assertNull(settings.spec().fallbackUrl());
    }

    @Test
    void storeServiceConnectionFalseSendsNoConnection() {
        IngestSettings settings = PayloadReader.read(Specs.readJson("""
                {"source": {"serviceName": "s", "serviceConnection": {"config": {"openAPISchemaURL": "http://h/spec.json"}}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "http://om:8585/api",
                   "securityConfig": {"jwtToken": "j"}, "storeServiceConnection": false}}}"""));
        assertNull(settings.serviceConnection());
    }

    @Test
    void aServiceNameTheServerWouldRefuseIsAPayloadError() {
        for (String[] bad : new String[][] {{"x".repeat(257), "name is longer than 256 characters"},
                {"a::b", "name must not contain '::'"}, {"two\\nlines", "name must not contain a line break"},
                {"say \\\"hi\\\"", "name must not contain a double quote (other than quotes around the whole name)"}, {"", "is required"}}) {
            InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("""
                    {"source": {"serviceName": "%s", "serviceConnection": {"config": {"type": "Rest",
                       "openAPISchemaConnection": {"openAPISchemaURL": "http://h/spec.json"}}},
                       "sourceConfig": {"config": {"type": "ApiMetadata"}}},
                     "sink": {"type": "file", "config": {"filename": "out.json"}}}""".formatted(bad[0]))));
            assertTrue(e.problems().contains("source.serviceName: " + bad[1])
                    || e.problems().contains("source.serviceName " + bad[1]), e.problems().toString());
        }
    }

    @Test
    void everyProblemIsNamedByItsField() {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("""
                {"source": {"serviceName": 7, "serviceConnection": {"config": {"type": "Mysql",
                   "openAPISchemaConnection": {"openAPISchemaURL": "ftp://x/spec", "openAPISchemaFilePath": "/a"},
                   "docURL": "not a url", "verifySSL": "sometimes"}},
                   "sourceConfig": {"config": {"type": "DatabaseMetadata", "markDeletedApiCollections": "maybe",
                     "apiEndpointFilterPattern": {"includes": ["(unclosed"], "excludes": "x"}}}},
                 "sink": {"type": "metadata-rest"},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "localhost:8585", "authProvider": "google"}}}""")));
        assertEquals(List.of(
                "source.serviceName must be a string, not a number",
                "source.serviceConnection.config.type must be Rest, not 'Mysql'",
                "source.serviceConnection.config.verifySSL must be one of no-ssl, ignore, validate, not 'sometimes'",
                "source.serviceConnection.config.openAPISchemaConnection must set exactly one of openAPISchemaURL, "
                        + "openAPISchemaFilePath, openAPISchemaS3URL (found 2)",
                "source.serviceConnection.config.docURL must be an http(s) URL, not 'not a url'",
                "source.sourceConfig.config.type must be ApiMetadata, not 'DatabaseMetadata'",
                "source.sourceConfig.config.apiEndpointFilterPattern.includes[0] is not a valid regular expression: Unclosed group",
                "source.sourceConfig.config.apiEndpointFilterPattern.excludes must be a list of strings, not a string",
                "source.sourceConfig.config.markDeletedApiCollections must be true or false, not a string",
                "workflowConfig.openMetadataServerConfig.hostPort must be an http(s) URL such as http://localhost:8585/api, not 'localhost:8585'",
                "workflowConfig.openMetadataServerConfig.authProvider must be openmetadata, not 'google'",
                "workflowConfig.openMetadataServerConfig.securityConfig is required"), e.problems());
    }

    @Test
    void missingSectionsAreNamed() {
        assertEquals(List.of("source is required", "workflowConfig.openMetadataServerConfig is required for sink metadata-rest"),
                assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("{}"))).problems());
        assertEquals(List.of("the payload must be a JSON object with source, sink and workflowConfig"),
                assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("[1]"))).problems());
        assertEquals(List.of("source.serviceName is required", "source.serviceConnection is required",
                        "sink.config.filename is required"),
                assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("""
                        {"source": {"serviceName": " "}, "sink": {"type": "file", "config": {}}}"""))).problems());
    }

    @Test
    void tokensNeverAppearInProblems() {
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> PayloadReader.read(Specs.readJson("""
                {"source": {"serviceName": "s", "serviceConnection": {"config": {"openAPISchemaURL": "http://h/s.json",
                   "token": "secret-spec-token"}}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "http://om/api", "authProvider": "basic",
                   "securityConfig": {"jwtToken": "secret-jwt"}}}}""")));
        assertFalse(e.getMessage().contains("secret"));
    }
}
