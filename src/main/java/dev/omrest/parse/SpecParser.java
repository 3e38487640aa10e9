package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.HttpAccess;
import dev.omrest.source.FetchLimits;
import dev.omrest.source.RawSpec;
import dev.omrest.source.SpecSource;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw bytes to swagger-parser's model. The document is read into a tree once; swagger-parser works on
 * that tree, and Swagger 2.0 goes through the converter called directly (no ServiceLoader, which native
 * images do not have). References are left unresolved: the mapper follows them itself.
 *
 * <p>When the document references other files or has OAS 3.1 {@code $defs}, a second model is built from the tree
 * with those brought in ({@link RefBundler}, {@link DefsHoister}, in place once the first model is built); the first
 * model stays exactly as the document is, for upstream's field extraction.
 */
public final class SpecParser {
    private final DocumentReader reader;
    private final FetchLimits limits;
    private final HttpAccess access;
    private final SpecSource source;

    /** Referenced documents are read with the default limits and no credentials. */
    public SpecParser(long maxBytes) {
        this(new FetchLimits(FetchLimits.DEFAULT.connectTimeout(), FetchLimits.DEFAULT.requestTimeout(), maxBytes,
                FetchLimits.DEFAULT.maxRedirects(), false), HttpAccess.NONE);
    }

    /** @param access how the spec was fetched; referenced documents on the spec's origin are fetched the same way */
    public SpecParser(FetchLimits limits, HttpAccess access) {
        this(limits, access, new SpecSource(limits));
    }

    /** @param source the source the spec came from: referenced documents share its connections and OAuth2 token */
    public SpecParser(FetchLimits limits, HttpAccess access, SpecSource source) {
        this.reader = new DocumentReader(limits.maxBytes());
        this.limits = limits;
        this.access = access;
        this.source = source;
    }

    public ParsedSpec parse(RawSpec raw) {
        try {
            return parseTree(raw);
        } catch (OutOfMemoryError e) {
            // what was built is garbage once this returns: the run fails with a reason instead of the function dying
            throw new SpecParseException("Failed to parse OpenAPI schema " + raw.origin() + ": " + DocumentReader.TOO_MUCH_STRUCTURE
                    + " (" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)");
        }
    }

    private ParsedSpec parseTree(RawSpec raw) {
        JsonNode root = reader.read(raw);
        requireOpenApiObject(root, raw);
        List<String> pathItemWarnings = PathItemRefs.inline(root);
        List<String> messages = new ArrayList<>();
        OpenAPI openApi = toModel(root, messages, raw);
        if (openApi == null) {
            throw new SpecParseException("Failed to parse OpenAPI schema " + raw.origin() + ": "
                    + (messages.isEmpty() ? "the parser returned nothing" : String.join("; ", messages)));
        }
        Map<String, List<String>> keyOrder = pathKeyOrder(root);
        OpenAPI bundled = openApi;
        List<String> referenceWarnings = List.of();
        List<String> referencedDocuments = List.of();
        boolean external = RefBundler.hasExternalRefs(root);
        if (external || DefsHoister.hasDefs(root)) {
            // the document's own model and key order are taken: the tree itself can be bundled in place (a copy of a
            // large spec's tree is hundreds of MB)
            ObjectNode tree = (ObjectNode) root;
            boolean changed = false;
            if (external) {
                ExternalDocuments documents = new ExternalDocuments(limits, access, source);
                RefBundler bundler = new RefBundler(tree, location(raw), documents);
                changed = bundler.run();
                referenceWarnings = List.copyOf(bundler.warnings());
                keyOrder.putAll(pathKeyOrder(tree, keyOrder));
                referencedDocuments = documents.digests();
            }
            changed |= new DefsHoister(tree).run();
            if (changed) {
                OpenAPI model = toModel(tree, new ArrayList<>(), raw);
                bundled = model == null ? openApi : model;
            }
        }
        return new ParsedSpec(openApi, keyOrder, List.copyOf(messages), pathItemWarnings, bundled, referenceWarnings,
                referencedDocuments,
                root.hasNonNull("swagger"));
    }

    /** swagger-parser's model of the tree; the parser's own crashes on malformed input become a parse error. */
    private static OpenAPI toModel(JsonNode root, List<String> messages, RawSpec raw) {
        boolean swagger2 = root.hasNonNull("swagger");
        try {
            if (swagger2) {
                return fromSwagger2(root, messages);
            }
            OpenAPI model = fromOpenApi3(root, messages);
            RefSiblingDescriptions.apply(root, model);
            return model;
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            throw new SpecParseException("Failed to parse OpenAPI schema " + raw.origin() + ": swagger-parser could not "
                    + (swagger2 ? "convert this Swagger 2.0 document" : "read this document") + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (at == null ? "" : " at " + at.getClassName() + "." + at.getMethodName()) + ")");
        }
    }

    /** Where the document was read from, to read its relative references against; null when unknown. */
    static URI location(RawSpec raw) {
        String origin = raw.origin();
        if (origin == null || origin.isBlank()) {
            return null;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("s3://")) {
                int query = origin.indexOf('?');
                return new URI(query < 0 ? origin : origin.substring(0, query));
            }
            return Path.of(origin).toAbsolutePath().normalize().toUri();
        } catch (URISyntaxException | InvalidPathException e) {
            return null;
        }
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

    /**
     * What {@code OpenAPIV3Parser.parseJsonNode} does, minus its first step: a copy of the whole tree as maps, kept
     * only for JSON-schema parser extensions (there are none here). For api.github.com that copy was a quarter of
     * swagger-parser's time, and for the largest specs a second document at the memory peak.
     */
    private static OpenAPI fromOpenApi3(JsonNode root, List<String> messages) {
        ParseOptions options = new ParseOptions();
        OpenAPIDeserializer.ParseResult result = new OpenAPIDeserializer.ParseResult();
        result.setOaiAuthor(options.isOaiAuthor());
        // a schema's type is what the document says: upstream reads an enum without a type as untyped (UNKNOWN,
        // shown OBJECT), where swagger-parser would make it a string; the extended mode infers types itself
        result.setInferSchemaType(false);
        result.setAllowEmptyStrings(options.isAllowEmptyString());
        result.setValidateInternalRefs(options.isValidateInternalRefs());
        result.setExplicitStyleAndExplode(options.isExplicitStyleAndExplode());
        try {
            OpenAPI openApi = new OpenAPIDeserializer().parseRoot(root, result, null);
            addAll(messages, result.getMessages());
            return openApi;
        } catch (Exception e) {
            // as parseJsonNode answers a deserialiser that throws: no model, the exception's message
            String message = e.getMessage();
            messages.add(message == null || message.isBlank() ? "Unexpected error deserialising spec" : message);
            return null;
        }
    }

    /** The key order of the paths that were references to other files, now that those are brought in. */
    private static Map<String, List<String>> pathKeyOrder(JsonNode bundledRoot, Map<String, List<String>> before) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        pathKeyOrder(bundledRoot).forEach((path, keys) -> {
            if (before.getOrDefault(path, List.of()).contains("$ref")) {
                order.put(path, keys);
            }
        });
        return order;
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
