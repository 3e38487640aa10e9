package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParser;
import dev.omrest.outcome.Notice;
import dev.omrest.source.RawSpec;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Path items that are references: to another file (the layout of many multi-file specs), to
 * {@code components.pathItems}, to another path. Each gives the endpoints its target describes, named as any other
 * path's; one that cannot be followed is a warning and gives none.
 */
class PathItemRefsTest {
    /** Each operation in the collections of its own tags (upstream 2.0.7): /items POST is tagged stock, DELETE untagged. */
    private static final List<String> FQNS = List.of("svc.items./items/get", "svc.items./items/{id}/get",
            "svc.items./shelves/get", "svc.items./racks/get", "svc.default./items/{id}/delete", "svc.stock./items/post");
    /** A path item referenced from two paths repeats its operation IDs, which swagger-parser points out. */
    private static final List<String> REPEATED = List.of(
            "OpenAPI parser: attribute paths.'/shelves'(get).operationId is repeated",
            "OpenAPI parser: attribute paths.'/racks'(get).operationId is repeated");
    private static final String LOOP = "Path item reference '#/components/pathItems/Loop' of path '/loop' not followed: "
            + "the references go round in a circle; the path gives no endpoints";

    private static final Path SPEC;

    static {
        try {
            SPEC = Path.of(PathItemRefsTest.class.getResource("/specs/path-refs/openapi.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParsedSpec parsed() throws IOException {
        return new SpecParser(64L * 1024 * 1024).parse(new RawSpec(SPEC.toString(), Files.readAllBytes(SPEC), null, "yaml"));
    }

    private static List<String> fqns(DesiredState state) {
        return state.endpoints().stream().map(DesiredState.Mapped::fqn).toList();
    }

    private static JsonNode fields(DesiredState state, String fqn, boolean request) {
        DesiredState.Mapped<dev.omrest.openmetadata.CreateApiEndpoint> endpoint = state.endpoints().stream()
                .filter(e -> e.fqn().equals(fqn)).findFirst().orElseThrow();
        return Specs.json(request ? endpoint.request().requestSchema() : endpoint.request().responseSchema()).path("schemaFields");
    }

    @Test
    void everyPathItemReferenceThatCanBeFollowedGivesItsEndpoints() throws IOException {
        ParsedSpec parsed = parsed();
        assertEquals(6, parsed.operationCount());
        assertEquals("Shelves, as this document says", parsed.openApi().getPaths().get("/shelves").getSummary(),
                "a summary beside the reference wins");
        assertEquals(List.of("parameters", "delete", "get"), parsed.pathKeyOrder().get("/items/{id}"),
                "the key order of a path item from another file is that file's");

        DesiredState state = ApiMapper.map(parsed, ExtendedSchemaFieldsTest.EXTENDED);
        assertEquals(FQNS, fqns(state));
        assertEquals(List.of("items", "default", "stock"), state.collections().stream().map(c -> c.request().name()).toList(),
                "a tag used only in another file's path item is a collection too");
        assertEquals(List.of(REPEATED.get(0), REPEATED.get(1), LOOP, "External reference 'paths/nowhere.yaml' could not be read: The OpenAPI schema file "
                        + SPEC.resolveSibling("paths/nowhere.yaml") + " does not exist or is not a regular file"),
                state.warnings().stream().map(Notice::message).toList());

        String item = """
                [{"name": "sku", "dataType": "STRING", "dataTypeDisplay": "string"},
                 {"name": "count", "dataType": "LONG", "dataTypeDisplay": "integer(int64)"}]""";
        assertEquals(Specs.readJson("""
                [{"name": "limit", "dataType": "INT", "dataTypeDisplay": "integer(int32) (query)"}]"""),
                fields(state, "svc.items./items/get", true));
        assertEquals(Specs.readJson(item), fields(state, "svc.items./items/get", false));
        assertEquals(Specs.readJson(item), fields(state, "svc.stock./items/post", true));
        assertEquals(Specs.readJson("""
                [{"name": "id", "dataType": "STRING", "dataTypeDisplay": "string (path)"}]"""),
                fields(state, "svc.items./items/{id}/get", true), "the referenced file's path-level parameter");
        assertEquals(Specs.readJson(item), fields(state, "svc.items./items/{id}/get", false));
        assertEquals(Specs.readJson("""
                [{"name": "item", "dataType": "STRING", "dataTypeDisplay": "string"}]"""),
                fields(state, "svc.items./racks/get", false), "the path item /shelves has, through two references");
    }

    @Test
    void namesDoNotDependOnTheFieldMode() throws IOException {
        DesiredState upstream = ApiMapper.map(parsed(), Specs.context("svc", null, null).withSchemaFields(SchemaFieldsMode.UPSTREAM));
        assertEquals(FQNS, fqns(upstream));
        assertEquals(List.of(REPEATED.get(0), REPEATED.get(1), LOOP), upstream.warnings().stream().map(Notice::message).toList());
        assertEquals(Specs.readJson("""
                [{"name": "sku", "dataType": "STRING"}, {"name": "count", "dataType": "INT"}]"""),
                fields(upstream, "svc.items./items/{id}/get", false), "upstream's rules, over what the other file says");
    }

    @Test
    void copiesOfReferencedPathItemsCannotOutgrowTheDocument() {
        String big = "[" + "0,".repeat(59_999) + "0]";
        String spec = """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a": {"$ref": "#/components/pathItems/Big"}, "/b": {"$ref": "#/components/pathItems/Big"},
                           "/c": {"$ref": "#/components/pathItems/Big"}, "/d": {"$ref": "#"}, "/e": {"$ref": "#/paths"}},
                 "components": {"pathItems": {"Big": {"x-big": %s, "get": {"responses": {"200": {"description": "ok"}}}}}}}"""
                .formatted(big);
        DesiredState state = Specs.map(spec, ExtendedSchemaFieldsTest.EXTENDED);
        assertEquals(List.of("svc.default./a/get"), fqns(state));
        String tooLarge = "' not followed: the copies of referenced path items would be larger than the document itself; "
                + "the path gives no endpoints";
        assertEquals(List.of("Path item reference '#/components/pathItems/Big' of path '/b" + tooLarge,
                        "Path item reference '#/components/pathItems/Big' of path '/c" + tooLarge,
                        "Path item reference '#' of path '/d' not followed: # holds the path item itself; "
                                + "the path gives no endpoints",
                        "Path item reference '#/paths' of path '/e' not followed: #/paths holds the path item itself; "
                                + "the path gives no endpoints"),
                state.warnings().stream().map(Notice::message).filter(m -> m.startsWith("Path item")).toList());
    }
}
