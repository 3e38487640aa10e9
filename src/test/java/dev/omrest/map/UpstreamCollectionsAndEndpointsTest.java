package dev.omrest.map;

import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.CreateApiCollection;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Upstream's test_rest.py cases on collections, URLs, grouping and filters (openmetadata-ingestion 2.0.7.0), ported. */
class UpstreamCollectionsAndEndpointsTest {
    static final String SCHEMA_URL = "https://petstore3.swagger.io/api/v3/openapi.json";
    static final String DOC_URL = "https://petstore3.swagger.io/";
    static final String PETSTORE = """
            {"openapi": "3.0.2", "info": {"title": "Swagger Petstore", "version": "1.0.17"},
             "tags": [{"name": "pet", "description": "Everything about your Pets"},
                      {"name": "store", "description": "Access to Petstore orders"},
                      {"name": "user", "description": "Operations about user"}],
             "paths": {
               "/pet/findByStatus": {"get": {"tags": ["pet"], "operationId": "findPetsByStatus", "responses": {}}},
               "/store/order": {"post": {"tags": ["store"], "operationId": "placeOrder", "responses": {}}},
               "/store/inventory": {"get": {"tags": ["store"], "operationId": "getInventory", "responses": {}}},
               "/store/order/{orderId}": {"get": {"tags": ["store"], "operationId": "getOrderById", "responses": {}}},
               "/user/login": {"get": {"tags": ["user"], "operationId": "loginUser", "responses": {}}},
               "/health": {"get": {"operationId": "health", "responses": {}}},
               "/untagged/endpoint": {"get": {"responses": {}}}
             }}""";

    private static DesiredState petstore(NameFilter collections, NameFilter endpoints) {
        return Specs.map(PETSTORE, new MappingContext("openapi_rest", null, DOC_URL, SCHEMA_URL, collections, endpoints,
                SchemaFieldsMode.UPSTREAM));
    }

    /** These are upstream's expectations: run in {@code schemaFields: upstream} mode (names do not depend on it). */
    private static MappingContext upstream(String service, String fallbackUrl) {
        return Specs.context(service, null, fallbackUrl).withSchemaFields(SchemaFieldsMode.UPSTREAM);
    }

    private static List<String> collectionNames(DesiredState state) {
        return state.collections().stream().map(c -> c.request().name()).toList();
    }

    private static NameFilter filter(List<String> includes, List<String> excludes) {
        return new NameFilter(includes.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList(),
                excludes.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList());
    }

    @Test
    void petstoreCollectionsAreRootTagsThenDefault() {
        DesiredState state = petstore(NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);
        assertEquals(List.of(
                        new CreateApiCollection("pet", "Everything about your Pets", "openapi_rest", "https://petstore3.swagger.io/#/pet", null),
                        new CreateApiCollection("store", "Access to Petstore orders", "openapi_rest", "https://petstore3.swagger.io/#/store", null),
                        new CreateApiCollection("user", "Operations about user", "openapi_rest", "https://petstore3.swagger.io/#/user", null),
                        new CreateApiCollection("default", null, "openapi_rest", "https://petstore3.swagger.io/#/default", null)),
                state.collections().stream().map(DesiredState.Mapped::request).toList());
    }

    @Test
    void unnamedRootTagIsSkippedAndUndeclaredOperationTagsFollowDefault() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "tags": [{}, {"name": "known"}],
                 "paths": {"/a": {"get": {"tags": ["new"], "responses": {}}}}}""";
        DesiredState state = Specs.map(spec, upstream("svc", null));
        assertEquals(List.of("known", "default", "new"), collectionNames(state));
    }

    @Test
    void undeclaredOperationTagsAreSortedAlphabetically() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a": {"get": {"tags": ["zeta"], "responses": {}}},
                           "/b": {"get": {"tags": ["Alpha", "beta"], "responses": {}}}}}""";
        assertEquals(List.of("default", "Alpha", "beta", "zeta"), collectionNames(Specs.map(spec, upstream("svc", null))));
    }

    @Test
    void collectionUrlsFollowDocUrlRules() {
        assertEquals("https://petstore3.swagger.io/#/store", EntityUrls.collection(DOC_URL, "store", SCHEMA_URL));
        assertEquals("https://example.com/#/store", EntityUrls.collection("https://example.com/#", "store", SCHEMA_URL));
        assertEquals("https://example.com/#/store", EntityUrls.collection("https://example.com/#/", "store", SCHEMA_URL));
        assertEquals("https://example.com/#/store", EntityUrls.collection("https://example.com", "store", SCHEMA_URL));
        assertEquals("https://example.com/docs/#/My%20Tag", EntityUrls.collection("https://example.com/docs", "My Tag", null));
        assertEquals(SCHEMA_URL, EntityUrls.collection(null, "store", SCHEMA_URL));
        assertNull(EntityUrls.collection(null, "store", null));
    }

    @Test
    void endpointUrlIsCollectionUrlPlusOperationIdOrTheFallback() {
        assertEquals("https://petstore3.swagger.io/#/store/placeOrder",
                EntityUrls.endpoint("https://petstore3.swagger.io/#/store", "placeOrder", SCHEMA_URL));
        assertEquals(SCHEMA_URL, EntityUrls.endpoint(null, "placeOrder", SCHEMA_URL));
        assertEquals(SCHEMA_URL, EntityUrls.endpoint("https://petstore3.swagger.io/#/store", null, SCHEMA_URL));
        DesiredState state = petstore(NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);
        assertEquals("https://petstore3.swagger.io/#/store/placeOrder", state.endpoints().stream()
                .filter(e -> e.request().name().equals("/store/order/post")).findFirst().orElseThrow().request().endpointURL());
        assertEquals(SCHEMA_URL, state.endpoints().stream()
                .filter(e -> e.request().name().equals("/untagged/endpoint/get")).findFirst().orElseThrow().request().endpointURL());
    }

    @Test
    void collectionFilterUsesIncludeThenExcludeWithPrefixMatching() {
        assertEquals(List.of("pet"), collectionNames(petstore(filter(List.of("pet.*"), List.of()), NameFilter.ACCEPT_ALL)));
        assertEquals(List.of("pet", "user", "default"),
                collectionNames(petstore(filter(List.of(), List.of("store.*")), NameFilter.ACCEPT_ALL)));
        assertEquals(List.of("pet"),
                collectionNames(petstore(filter(List.of("pet.*", "user.*"), List.of("user.*")), NameFilter.ACCEPT_ALL)));
        DesiredState none = petstore(filter(List.of("invalid.*"), List.of()), NameFilter.ACCEPT_ALL);
        assertEquals(List.of(), collectionNames(none));
        assertEquals(4, none.filteredCollections());
        assertEquals(List.of(), none.endpoints());
        assertEquals(List.of("pet"), collectionNames(petstore(filter(List.of("PET"), List.of()), NameFilter.ACCEPT_ALL)));
    }

    @Test
    void endpointFilterMatchesThePath() {
        DesiredState included = petstore(NameFilter.ACCEPT_ALL, filter(List.of(".*order.*"), List.of()));
        assertEquals(List.of("/store/order", "/store/order/{orderId}"),
                included.endpoints().stream().map(e -> e.request().displayName()).toList());
        assertEquals(5, included.filteredEndpoints());
        DesiredState excluded = petstore(filter(List.of("store"), List.of()), filter(List.of(), List.of(".*inventory.*")));
        assertEquals(List.of("/store/order", "/store/order/{orderId}"),
                excluded.endpoints().stream().map(e -> e.request().displayName()).toList());
    }

    @Test
    void endpointsAreGroupedByTheirCollection() {
        DesiredState state = petstore(NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);
        assertEquals(List.of("openapi_rest.pet./pet/findByStatus/get", "openapi_rest.store./store/order/post",
                        "openapi_rest.store./store/inventory/get", "openapi_rest.store./store/order/{orderId}/get",
                        "openapi_rest.user./user/login/get", "openapi_rest.default./health/get",
                        "openapi_rest.default./untagged/endpoint/get"),
                state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
    }

    @Test
    void nullPathsGiveNoEndpointsAndUnknownKeysAreNotOperations() {
        String noPaths = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": null}""";
        DesiredState empty = Specs.map(noPaths, upstream("svc", null));
        assertEquals(List.of("default"), collectionNames(empty));
        assertEquals(List.of(), empty.endpoints());
        assertEquals(0, empty.operations());
        String odd = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a": {"unsupported": {"responses": {}}, "x-internal": {"a": 1}, "get": {"responses": {}}}}}""";
        assertEquals(List.of("svc.default./a/get"),
                Specs.map(odd, upstream("svc", null)).endpoints().stream().map(DesiredState.Mapped::fqn).toList());
    }

    /**
     * Upstream 2.0.7 groups each operation by its own tags: an operation with several tags goes to each, an untagged
     * one, {@code tags: null} and {@code tags: ["default"]} to {@code default}; non-string tags and non-operation keys
     * are skipped. The expected names are what 2.0.7.0's own code gives for this document (bench/upstream-names.py).
     */
    @Test
    void eachOperationGoesToTheCollectionsOfItsOwnTags() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/things": {"post": {"tags": ["b"], "responses": {}},
                                       "get": {"tags": ["a", "b"], "responses": {}}},
                           "/both": {"get": {"tags": ["a", "b"], "responses": {}}},
                           "/pets": {"parameters": [], "get": {"tags": ["pets"], "responses": {}},
                                     "post": {"tags": ["admin"], "responses": {}}, "delete": {"responses": {}},
                                     "put": {"tags": null, "responses": {}}, "patch": {"tags": ["default"], "responses": {}},
                                     "head": {"tags": [1, "x"], "responses": {}}, "x-internal": {"a": 1}, "summary": "s"}}}""";
        DesiredState state = Specs.map(spec, upstream("svc", null));
        assertEquals(List.of("default", "a", "admin", "b", "pets", "x"), collectionNames(state));
        assertEquals(List.of("svc.default./pets/delete", "svc.default./pets/put", "svc.default./pets/patch",
                        "svc.a./things/get", "svc.a./both/get", "svc.admin./pets/post",
                        "svc.b./things/post", "svc.b./things/get", "svc.b./both/get", "svc.pets./pets/get", "svc.x./pets/head"),
                state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
    }

    @Test
    void pathLevelKeysBeforeTheFirstOperationDoNotWipeEndpoints() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "tags": [{"name": "a"}],
                 "paths": {"/x/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                                       "summary": "x", "get": {"tags": ["a"], "responses": {}}},
                           "/y": {"get": {"tags": ["a"], "responses": {}}}}}""";
        assertEquals(List.of("svc.a./x/{id}/get", "svc.a./y/get"),
                Specs.map(spec, upstream("svc", null)).endpoints().stream().map(DesiredState.Mapped::fqn).toList());
    }

    @Test
    void endpointNamesStripOneTrailingSlashAndDuplicatesKeepTheLaterOne() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/documents": {"post": {"operationId": "first", "responses": {}}},
                           "/documents/": {"post": {"operationId": "second", "responses": {}}},
                           "/": {"get": {"responses": {}}}}}""";
        DesiredState state = Specs.map(spec, upstream("svc", "https://x.test/spec.json"));
        assertEquals(List.of("svc.default./documents/post", "svc.default./get"),
                state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals("https://x.test/spec.json/second", state.endpoints().get(0).request().endpointURL());
        assertEquals("", state.endpoints().get(1).request().displayName());
        assertEquals(1, state.warnings().size());
    }

    @Test
    void dottedNamesAreQuotedInFqns() {
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/v1.0/users": {"get": {"tags": ["v1.pets"], "responses": {}}}}}""";
        DesiredState state = Specs.map(spec, upstream("svc", null));
        assertEquals(List.of("svc.default", "svc.\"v1.pets\""), state.collections().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals(List.of("svc.\"v1.pets\".\"/v1.0/users/get\""), state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals("svc.\"v1.pets\"", state.endpoints().get(0).request().apiCollection());
    }

    @Test
    void invalidNamesFailOnlyTheirEntity() {
        String longPath = "/" + "a".repeat(260);
        String spec = """
                {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "tags": [{"name": "bad::tag"}, {"name": "ok"}],
                 "paths": {"%s": {"get": {"tags": ["ok"], "operationId": "long", "responses": {}}},
                           "/fine": {"get": {"tags": ["ok"], "responses": {}}}}}""".formatted(longPath);
        DesiredState state = Specs.map(spec, upstream("svc", null));
        assertEquals(List.of("ok", "default"), collectionNames(state));
        assertEquals(List.of("svc.ok./fine/get"), state.endpoints().stream().map(DesiredState.Mapped::fqn).toList());
        assertEquals("Error creating API Collection request: name must not contain '::'", state.collectionFailures().get(0).message());
        assertEquals("Error creating API Endpoint request [long]: name is longer than 256 characters",
                state.endpointFailures().get(0).message());
    }
}
