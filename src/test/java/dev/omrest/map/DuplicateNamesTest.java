package dev.omrest.map;

import dev.omrest.outcome.Notice;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two operations that map to one entity name are reported, the same way on every run, never silently merged. */
class DuplicateNamesTest {
    static final String SPEC = """
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
             "paths": {
               "/documents": {"get": {"tags": ["docs"], "operationId": "first", "description": "without slash",
                                      "responses": {"200": {"description": "ok"}}}},
               "/documents/": {"get": {"tags": ["docs"], "operationId": "second", "description": "with slash",
                                       "responses": {"200": {"description": "ok"}}}},
               "/v1.0/items": {"get": {"tags": ["v1.0"], "responses": {"200": {"description": "ok"}}}}}}""";

    @Test
    void aPathWithAndWithoutTrailingSlashIsOneEndpointAndAWarning() {
        for (int run = 0; run < 3; run++) {
            DesiredState state = Specs.map(SPEC, Specs.context("svc", null, null));
            List<String> fqns = state.endpoints().stream().map(DesiredState.Mapped::fqn).toList();
            assertEquals(List.of("svc.docs./documents/get", "svc.\"v1.0\".\"/v1.0/items/get\""), fqns);
            assertEquals("with slash", state.endpoints().get(0).request().description());
            assertEquals(List.of(new Notice("svc.docs./documents/get", "Two operations map to the same endpoint name (a path "
                    + "with and without a trailing slash); the later one in the document is kept, as upstream does")),
                    state.warnings());
        }
    }
}
