package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.source.RawSpec;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw bytes to swagger-parser's model. The document is read into a tree once; swagger-parser works on
 * that tree, and Swagger 2.0 goes through the converter called directly (no ServiceLoader, which native
 * images do not have). References are left unresolved: the mapper follows them itself.
 */
public final class SpecParser {
    private final DocumentReader reader;

    public SpecParser(long maxBytes) {
        this.reader = new DocumentReader(maxBytes);
    }

    public ParsedSpec parse(RawSpec raw) {
        JsonNode root = reader.read(raw);
        requireOpenApiObject(root, raw);
        List<String> messages = new ArrayList<>();
        OpenAPI openApi = root.hasNonNull("swagger") ? fromSwagger2(root, messages) : fromOpenApi3(root, messages);
        if (openApi == null) {
            throw new SpecParseException("Failed to parse OpenAPI schema " + raw.origin() + ": "
                    + (messages.isEmpty() ? "the parser returned nothing" : String.join("; ", messages)));
        }
        return new ParsedSpec(openApi, pathKeyOrder(root), List.copyOf(messages));
    }

    private static void requireOpenApiObject(JsonNode root, RawSpec raw) {
        if (root.isObject() && (root.hasNonNull("openapi") || root.hasNonNull("swagger"))) {
            return;
        }
        String what;
        if (!root.isObject()) {
            String text = root.isTextual() ? root.asText().stripLeading() : "";
            what = text.startsWith("<") ? "it looks like an HTML or XML page" : "its top level is not an object";
        } else {
            what = "it has neither an 'openapi' nor a 'swagger' field";
        }
        throw new SpecParseException("Provided schema is not valid OpenAPI specification: " + raw.origin() + " - " + what);
    }

    private static OpenAPI fromSwagger2(JsonNode root, List<String> messages) {
        SwaggerDeserializationResult v2 = new SwaggerDeserializer().deserialize(root);
        SwaggerParseResult converted = new SwaggerConverter().convert(v2);
        addAll(messages, converted.getMessages());
        return converted.getOpenAPI();
    }

    private static OpenAPI fromOpenApi3(JsonNode root, List<String> messages) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().parseJsonNode(null, root, options);
        addAll(messages, result.getMessages());
        return result.getOpenAPI();
    }

    private static Map<String, List<String>> pathKeyOrder(JsonNode root) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        JsonNode paths = root.get("paths");
        if (paths == null || !paths.isObject()) {
            return order;
        }
        paths.fields().forEachRemaining(path -> {
            List<String> keys = new ArrayList<>();
            if (path.getValue().isObject()) {
                for (Iterator<String> it = path.getValue().fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
            }
            order.put(path.getKey(), List.copyOf(keys));
        });
        return order;
    }

    private static void addAll(List<String> target, List<String> source) {
        if (source != null) {
            source.stream().filter(m -> m != null && !m.isBlank()).forEach(target::add);
        }
    }
}
