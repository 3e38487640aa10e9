package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.SchemaField;
import io.swagger.v3.oas.models.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The extended extraction, never with less than upstream's: a request or response upstream gives a schema for has one
 * (an empty-object body is {@code schemaFields: []}, as upstream stores it), and every field upstream gives is there
 * under the same name path, the extended field where both have one. What the extended caps cut beyond upstream's
 * fields stays cut (their warnings say what); upstream's own fields are never cut.
 */
final class UpstreamFloor implements EndpointSchemas {
    /**
     * Upstream's rules expand some schemas without end (a shared schema referenced from every level): beyond this many
     * fields the floor gives up on the schema and the extended extraction's own, cut, fields stand, with a warning.
     */
    static final int MAX_FIELDS = 20_000;
    private final EndpointSchemas extended;
    private final EndpointSchemas upstream;

    UpstreamFloor(EndpointSchemas extended, EndpointSchemas upstream) {
        this.extended = extended;
        this.upstream = upstream;
    }

    @Override
    public ApiSchema request(String path, String method, Operation operation, Consumer<String> warn) {
        List<String> cuts = new ArrayList<>();
        ApiSchema extendedSchema = extended.request(path, method, operation, cuts::add);
        // upstream's warnings are about what the extended extraction reads anyway: only a schema too large to floor is said
        ApiSchema floored = floor(extendedSchema, upstream.request(path, method, operation, tooLarge("Request", warn)), null);
        report(cuts, extendedSchema, floored, warn);
        return floored;
    }

    @Override
    public ApiSchema response(String path, String method, Operation operation, Consumer<String> warn) {
        List<String> cuts = new ArrayList<>();
        ApiSchema extendedSchema = extended.response(path, method, operation, cuts::add);
        ApiSchema floored = floor(extendedSchema, upstream.response(path, method, operation, tooLarge("Response", warn)),
                upstream.responseEnvelope(path, method, operation));
        report(cuts, extendedSchema, floored, warn);
        return floored;
    }

    private static Consumer<String> tooLarge(String which, Consumer<String> warn) {
        return message -> {
            if (message.contains("expands to more than")) {
                warn.accept(which + " schema: upstream's rules expand it to more than " + MAX_FIELDS
                        + " fields, so only the extended extraction's fields are kept");
            }
        };
    }

    /** The extended extraction's warnings; a cut that upstream's fields made good says so. */
    private static void report(List<String> warnings, ApiSchema extended, ApiSchema floored, Consumer<String> warn) {
        boolean restored = floored != extended;
        for (String warning : warnings) {
            warn.accept(restored && warning.contains(" fields cut ")
                    ? warning + " (the fields upstream's rules give are kept all the same)" : warning);
        }
    }

    /**
     * @param envelope the extended field whose children upstream's fields are (upstream lists the fields of a
     *                 {@code data} envelope's schema as the response's own), or null for the top level
     */
    static ApiSchema floor(ApiSchema extended, ApiSchema upstream, String envelope) {
        if (upstream == null || upstream.schemaFields() == null) {
            return extended != null ? extended : upstream;
        }
        if (extended == null || extended.schemaFields() == null) {
            return upstream;
        }
        if (upstream.schemaFields().isEmpty()) {
            return extended;
        }
        // an envelope's fields belong under it: merged as the children of an upstream field of that name, which also
        // stands for the envelope where the extended caps cut it
        List<SchemaField> wanted = envelope == null ? upstream.schemaFields()
                : List.of(new SchemaField(envelope, "UNKNOWN", "OBJECT", null, upstream.schemaFields()));
        List<SchemaField> merged = merge(extended.schemaFields(), wanted);
        return merged == extended.schemaFields() ? extended : new ApiSchema(merged);
    }

    /** The extended fields, with every upstream field they lack added at the end of its level. */
    static List<SchemaField> merge(List<SchemaField> extended, List<SchemaField> upstream) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < extended.size(); i++) {
            byName.putIfAbsent(extended.get(i).name(), i);
        }
        List<SchemaField> merged = new ArrayList<>(extended);
        boolean changed = false;
        for (SchemaField wanted : upstream) {
            Integer at = byName.get(wanted.name());
            if (at == null) {
                merged.add(wanted);
                changed = true;
            } else if (wanted.children() != null && !wanted.children().isEmpty()) {
                SchemaField have = merged.get(at);
                List<SchemaField> children = have.children() == null ? wanted.children() : merge(have.children(), wanted.children());
                if (children != have.children()) {
                    merged.set(at, new SchemaField(have.name(), have.dataType(), have.dataTypeDisplay(), have.description(), children));
                    changed = true;
                }
            }
        }
        return changed ? merged : extended;
    }
}
