package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.parse.ParsedSpec;
import io.swagger.v3.oas.models.Operation;

import java.util.function.Consumer;

/**
 * Upstream's field rules ({@link OperationSchemas}) for each operation of a spec: on the document's own model, or on the
 * bundled one for a path item that came from another file (its operations and their references are only there).
 */
final class UpstreamRules implements EndpointSchemas {
    private final ParsedSpec spec;
    private final OperationSchemas own;
    private final OperationSchemas fromOtherFiles;

    /**
     * @param exact     upstream's rules to the letter for an OpenAPI 3 document ({@link OperationSchemas})
     * @param maxFields how many fields one schema may expand to before the extraction gives up on it
     */
    UpstreamRules(ParsedSpec spec, boolean exact, int maxFields) {
        this.spec = spec;
        boolean letter = exact && !spec.swagger2();
        this.own = new OperationSchemas(spec.openApi().getComponents(), letter, maxFields);
        this.fromOtherFiles = new OperationSchemas(spec.bundled().getComponents(), letter, maxFields);
    }

    private OperationSchemas rules(String path) {
        return spec.pathItemFromOtherFile(path) ? fromOtherFiles : own;
    }

    @Override
    public ApiSchema request(String path, String method, Operation operation, Consumer<String> warn) {
        return rules(path).request(operation, warn);
    }

    @Override
    public ApiSchema response(String path, String method, Operation operation, Consumer<String> warn) {
        return rules(path).response(operation, warn);
    }

    @Override
    public String responseEnvelope(String path, String method, Operation operation) {
        return rules(path).responseEnvelope(operation);
    }
}
