package dev.omrest.map;

import dev.omrest.parse.RefPointers;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Local references of one document, for the extended extraction: {@code #/components/schemas/A} and pointers into
 * it ({@code #/components/schemas/A/properties/b}, {@code …/items}, {@code …/allOf/0}), {@code #/definitions/A},
 * pointers into {@code #/paths/…}, and otherwise upstream's rule (the last segment, looked up in
 * {@code components.schemas}). Request bodies, responses and parameters that are references are followed, also
 * when a component is itself a reference.
 */
final class SchemaIndex {
    private static final int MAX_CHAIN = 16;
    private final OpenAPI openApi;
    private final Components components;
    private final Map<String, Schema> schemas;
    private final Map<String, Optional<Schema<?>>> cache = new HashMap<>();
    /** Display marks of discriminators, made once per document (some map thousands of values). */
    final Map<Discriminator, String> discriminatorMarks = new IdentityHashMap<>();

    SchemaIndex(OpenAPI openApi) {
        this.openApi = openApi;
        this.components = openApi.getComponents();
        this.schemas = components == null || components.getSchemas() == null ? Map.of() : components.getSchemas();
    }

    /** The schema a local reference points at, or null (external or missing). */
    Schema<?> schema(String ref) {
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        Optional<Schema<?>> known = cache.get(ref);
        if (known == null) {
            known = Optional.ofNullable(lookup(ref, 0));
            cache.put(ref, known);
        }
        return known.orElse(null);
    }

    private Schema<?> lookup(String ref, int chain) {
        String[] segments = segments(ref);
        if (segments.length >= 3 && segments[0].equals("components") && segments[1].equals("schemas")) {
            return navigate(schemas.get(segments[2]), segments, 3, chain);
        }
        if (segments.length >= 2 && segments[0].equals("definitions")) {
            return navigate(schemas.get(segments[1]), segments, 2, chain);
        }
        if (segments.length >= 3 && segments[0].equals("paths")) {
            return fromPaths(segments, chain);
        }
        if (segments.length >= 4 && segments[0].equals("components") && components != null) {
            return fromComponents(segments, chain);
        }
        if (segments.length == 0) {
            return null;
        }
        return schemas.get(segments[segments.length - 1]);
    }

    private Schema<?> navigate(Schema<?> start, String[] segments, int from, int chain) {
        Schema<?> schema = start;
        int i = from;
        while (schema != null && i < segments.length) {
            if (schema.get$ref() != null) {
                if (chain >= MAX_CHAIN) {
                    return null;
                }
                schema = schema.get$ref().startsWith("#") ? lookup(schema.get$ref(), chain + 1) : null;
                continue;
            }
            String key = segments[i];
            String next = i + 1 < segments.length ? segments[i + 1] : null;
            switch (key) {
                case "properties" -> {
                    schema = schema.getProperties() == null || next == null ? null : schema.getProperties().get(next);
                    i += 2;
                }
                case "items" -> {
                    schema = schema.getItems();
                    i++;
                }
                case "additionalProperties" -> {
                    schema = schema.getAdditionalProperties() instanceof Schema<?> s ? s : null;
                    i++;
                }
                case "not" -> {
                    schema = schema.getNot();
                    i++;
                }
                case "allOf", "oneOf", "anyOf", "prefixItems" -> {
                    List<Schema> list = switch (key) {
                        case "allOf" -> schema.getAllOf();
                        case "oneOf" -> schema.getOneOf();
                        case "anyOf" -> schema.getAnyOf();
                        default -> schema.getPrefixItems();
                    };
                    schema = element(list, next);
                    i += 2;
                }
                default -> schema = null;
            }
        }
        return schema;
    }

    /** {@code #/paths/<path>/<method>/(requestBody|responses/<code>)/content/<type>/schema…} or {@code …/parameters/<i>/schema…}. */
    private Schema<?> fromPaths(String[] s, int chain) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(s[1]);
        if (item == null) {
            return null;
        }
        int i = 2;
        List<Parameter> parameters = item.getParameters();
        Operation operation = null;
        if (!s[i].equals("parameters")) {
            operation = ApiMapper.operation(item, s[i]);
            if (operation == null) {
                return null;
            }
            parameters = operation.getParameters();
            i++;
        }
        if (i >= s.length) {
            return null;
        }
        Content content = null;
        switch (s[i]) {
            case "parameters" -> {
                Parameter parameter = parameter(element(parameters, i + 1 < s.length ? s[i + 1] : null));
                if (parameter == null || i + 2 >= s.length) {
                    return null;
                }
                if (s[i + 2].equals("schema")) {
                    return navigate(parameter.getSchema(), s, i + 3, chain);
                }
                content = parameter.getContent();
                i += 2;
            }
            case "requestBody" -> {
                RequestBody body = operation == null ? null : requestBody(operation.getRequestBody());
                content = body == null ? null : body.getContent();
                i++;
            }
            case "responses" -> {
                ApiResponse response = operation == null || operation.getResponses() == null || i + 1 >= s.length ? null
                        : response(operation.getResponses().get(s[i + 1]));
                content = response == null ? null : response.getContent();
                i += 2;
            }
            default -> {
                return null;
            }
        }
        return contentSchema(content, s, i, chain);
    }

    /** {@code #/components/(parameters|headers)/X/schema…} or {@code #/components/(requestBodies|responses)/X/content/<type>/schema…}. */
    private Schema<?> fromComponents(String[] s, int chain) {
        Content content;
        int i = 3;
        switch (s[1]) {
            case "parameters" -> {
                Parameter parameter = parameter(byName(components.getParameters(), s[2]));
                if (parameter == null) {
                    return null;
                }
                if (s[i].equals("schema")) {
                    return navigate(parameter.getSchema(), s, i + 1, chain);
                }
                content = parameter.getContent();
            }
            case "headers" -> {
                var header = components.getHeaders() == null ? null : components.getHeaders().get(s[2]);
                if (header == null) {
                    return null;
                }
                if (s[i].equals("schema")) {
                    return navigate(header.getSchema(), s, i + 1, chain);
                }
                content = header.getContent();
            }
            case "requestBodies" -> {
                RequestBody body = requestBody(byName(components.getRequestBodies(), s[2]));
                content = body == null ? null : body.getContent();
            }
            case "responses" -> {
                ApiResponse response = response(byName(components.getResponses(), s[2]));
                content = response == null ? null : response.getContent();
            }
            default -> {
                return null;
            }
        }
        return contentSchema(content, s, i, chain);
    }

    /** {@code content/<type>/schema…} at {@code s[i]}. */
    private Schema<?> contentSchema(Content content, String[] s, int i, int chain) {
        if (content == null || i + 2 >= s.length || !s[i].equals("content") || !s[i + 2].equals("schema")) {
            return null;
        }
        MediaType media = content.get(s[i + 1]);
        return media == null ? null : navigate(media.getSchema(), s, i + 3, chain);
    }

    RequestBody requestBody(RequestBody body) {
        return follow(body, RequestBody::get$ref, ref -> {
            String[] s = ref.startsWith("#/paths/") ? segments(ref) : null;
            if (s == null) {
                return byRef(components == null ? null : components.getRequestBodies(), ref);
            }
            Operation operation = s.length == 4 && s[3].equals("requestBody") ? operationAt(s) : null;
            return operation == null ? null : operation.getRequestBody();
        });
    }

    ApiResponse response(ApiResponse response) {
        return follow(response, ApiResponse::get$ref, ref -> {
            String[] s = ref.startsWith("#/paths/") ? segments(ref) : null;
            if (s == null) {
                return byRef(components == null ? null : components.getResponses(), ref);
            }
            Operation operation = s.length == 5 && s[3].equals("responses") ? operationAt(s) : null;
            return operation == null || operation.getResponses() == null ? null : operation.getResponses().get(s[4]);
        });
    }

    Parameter parameter(Parameter parameter) {
        return follow(parameter, Parameter::get$ref, ref -> {
            String[] s = ref.startsWith("#/paths/") ? segments(ref) : null;
            return s != null ? pathParameter(s) : byRef(components == null ? null : components.getParameters(), ref);
        });
    }

    /** Follows a chain of references to the object at its end; null when one is missing or the chain is too long. */
    private static <T> T follow(T start, Function<T, String> refOf, Function<String, T> resolve) {
        T current = start;
        for (int i = 0; current != null && refOf.apply(current) != null; i++) {
            if (i >= MAX_CHAIN) {
                return null;
            }
            current = resolve.apply(refOf.apply(current));
        }
        return current;
    }

    /** {@code #/paths/<path>/parameters/<i>} or {@code #/paths/<path>/<method>/parameters/<i>}. */
    private Parameter pathParameter(String[] s) {
        PathItem item = openApi.getPaths() == null || s.length < 4 ? null : openApi.getPaths().get(s[1]);
        if (item == null) {
            return null;
        }
        if (s.length == 4 && s[2].equals("parameters")) {
            return element(item.getParameters(), s[3]);
        }
        Operation operation = s.length == 5 && s[3].equals("parameters") ? ApiMapper.operation(item, s[2]) : null;
        return operation == null ? null : element(operation.getParameters(), s[4]);
    }

    /** The operation at {@code #/paths/<path>/<method>/…}. */
    private Operation operationAt(String[] s) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(s[1]);
        return item == null ? null : ApiMapper.operation(item, s[2]);
    }

    /** A component by the last segment of a local reference, as upstream looks names up. */
    private static <T> T byRef(Map<String, T> byName, String ref) {
        if (byName == null || !ref.startsWith("#")) {
            return null;
        }
        return byName.get(name(ref));
    }

    private static <T> T byName(Map<String, T> byName, String name) {
        return byName == null ? null : byName.get(name);
    }

    private static <T> T element(List<T> list, String key) {
        int index = key == null ? -1 : RefPointers.index(key);
        return list != null && index >= 0 && index < list.size() ? list.get(index) : null;
    }

    /** The last segment of a reference: the name it is shown by. */
    static String name(String ref) {
        return RefPointers.key(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The keys a local reference names, read as the parse stage reads them; a leading {@code /} may be left out. */
    private static String[] segments(String ref) {
        String pointer = ref.substring(1);
        if (pointer.startsWith("/")) {
            pointer = pointer.substring(1);
        }
        if (pointer.isEmpty()) {
            return new String[0];
        }
        return RefPointers.keys(RefPointers.of("/" + pointer)).toArray(String[]::new);
    }
}
