package dev.omrest.parse;

import dev.omrest.source.RawSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream's test_openapi_parser.py cases and its format rules (Content-Type, extension, then JSON before YAML). */
class SpecParserTest {
    private static final String JSON = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/a": {"post": {"responses": {}}, "parameters": [], "get": {"responses": {}}}}}""";
    private static final String YAML = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  responses: {}
            """;
    private final SpecParser parser = new SpecParser(64L * 1024 * 1024);

    private ParsedSpec parse(String body, String mediaType, String extension) {
        return parser.parse(new RawSpec("spec", body.getBytes(StandardCharsets.UTF_8), mediaType, extension));
    }

    @Test
    void jsonAndYamlByContentTypeOrWithoutOne() {
        for (String type : new String[]{"application/json", "application/json; charset=utf-8", null, "text/plain"}) {
            assertEquals("3.0.3", parse(JSON, type, null).openApi().getOpenapi());
        }
        for (String type : new String[]{"application/yaml", "application/yml", "text/yaml", null, "text/plain", "application/json"}) {
            assertNotNull(parse(YAML, type, null).openApi().getPaths().get("/a").getGet());
        }
    }

    @Test
    void fileExtensionDecidesTheFormat() {
        assertEquals("3.0.3", parse(JSON, null, "json").openApi().getOpenapi());
        assertEquals("3.0.3", parse(YAML, null, "yml").openApi().getOpenapi());
        SpecParseException e = assertThrows(SpecParseException.class, () -> parse(YAML, null, "json"));
        assertTrue(e.getMessage().startsWith("Failed to parse spec as JSON: "), e.getMessage());
        assertEquals("3.0.3", parse(YAML, null, "txt").openApi().getOpenapi());
    }

    @Test
    void aSwaggerParserCrashOnMalformedInputIsAParseErrorNamingIt() {
        String swagger2 = """
                {"swagger": "2.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/login": {"get": {"responses": {"200": {"description": "ok",
                   "headers": {"X-Expires-After": {"type": {"$ref": "#/"}}}}}}}}}""";
        SpecParseException e = assertThrows(SpecParseException.class, () -> parse(swagger2, "application/json", null));
        assertTrue(e.getMessage().startsWith("Failed to parse OpenAPI schema spec: swagger-parser could not convert this "
                + "Swagger 2.0 document (NullPointerException"), e.getMessage());
    }

    @Test
    void pathKeysKeepDocumentOrder() {
        assertEquals(Map.of("/a", List.of("post", "parameters", "get")), parse(JSON, "application/json", null).pathKeyOrder());
    }

    @Test
    void emptyCommentOnlyHtmlAndNonOpenApiDocumentsAreRefused() {
        assertEquals("Failed to parse OpenAPI schema as either JSON or YAML: spec is empty",
                assertThrows(SpecParseException.class, () -> parse("  \n", null, null)).getMessage());
        assertTrue(assertThrows(SpecParseException.class, () -> parse("# only a comment\n", "application/yaml", null))
                .getMessage().startsWith("Failed to parse OpenAPI schema as either JSON or YAML: spec"));
        assertEquals("Provided schema is not valid OpenAPI specification: spec - it looks like an HTML or XML page",
                assertThrows(SpecParseException.class, () -> parse("<html><body>Login</body></html>", "text/html", null)).getMessage());
        assertEquals("Provided schema is not valid OpenAPI specification: spec - it has neither an 'openapi' nor a 'swagger' field",
                assertThrows(SpecParseException.class, () -> parse("{\"info\": {}}", "application/json", null)).getMessage());
        assertEquals("Provided schema is not valid OpenAPI specification: spec - its top level is not an object",
                assertThrows(SpecParseException.class, () -> parse("[1, 2]", "application/json", null)).getMessage());
        assertEquals("Failed to parse OpenAPI schema: spec is not valid UTF-8 text", assertThrows(SpecParseException.class,
                () -> parser.parse(new RawSpec("spec", new byte[]{'{', (byte) 0xC3, (byte) 0x28, '}'}, null, null))).getMessage());
    }

    @Test
    void swagger2IsConvertedWithoutServiceLoader() {
        ParsedSpec spec = parse("""
                {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "basePath": "/v1",
                 "paths": {"/pets": {"get": {"tags": ["pets"], "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
                   "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}}}},
                 "definitions": {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}}}}}""", null, null);
        assertTrue(spec.openApi().getOpenapi().startsWith("3.0"));
        assertEquals("#/components/schemas/Pet", spec.openApi().getPaths().get("/pets").getGet().getResponses().get("200")
                .getContent().values().iterator().next().getSchema().get$ref());
    }

    @Test
    void openApi31IsRead() {
        ParsedSpec spec = parse("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "webhooks": {"ping": {"post": {"responses": {}}}}}""",
                "application/json", null);
        assertEquals("3.1.0", spec.openApi().getOpenapi());
        assertEquals(Map.of(), spec.pathKeyOrder());
    }

    @Test
    void yamlLargerThanSnakeYamlsDefaultLimitParses() {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: big, version: '1'}\npaths:\n");
        int paths = 0;
        while (yaml.length() < 4 * 1024 * 1024) {
            yaml.append("  /p").append(paths++).append(":\n    get:\n      description: '").append("x".repeat(200))
                    .append("'\n      responses: {}\n");
        }
        assertEquals(paths, parse(yaml.toString(), "application/yaml", null).openApi().getPaths().size());
    }
}
