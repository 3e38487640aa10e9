package dev.omrest.parse;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;

import java.util.List;
import java.util.Map;

/**
 * The parsed document.
 *
 * @param openApi           swagger-parser's model (Swagger 2.0 already converted to OpenAPI 3), refs unresolved
 * @param pathKeyOrder      for every path, its keys in document order ({@code PathItem} does not keep that order)
 * @param messages          swagger-parser's messages: problems it tolerated
 * @param pathWarnings      path items that are references and could not be followed (their paths give no endpoints)
 * @param bundled           the same document with external {@code $ref}s read and brought into it and OAS 3.1
 *                          {@code $defs} made components (the very same object as {@code openApi} when the document
 *                          has neither); what the extended field extraction reads, and where a path item that is a
 *                          reference to another file has its operations
 * @param referenceWarnings external references that could not be read, each naming the reference
 * @param referencedDocuments every other document the spec references, as its URI and the MD5 of its bytes (or
 *                            {@code failed}), in URI order: with the spec's own bytes, what the document's content
 *                            depends on
 * @param swagger2          the document is Swagger 2.0 (its model converted to OpenAPI 3): upstream reads its body
 *                          parameters whatever their media type, and resolves its {@code #/parameters/} references
 */
public record ParsedSpec(OpenAPI openApi, Map<String, List<String>> pathKeyOrder, List<String> messages,
                         List<String> pathWarnings, OpenAPI bundled, List<String> referenceWarnings,
                         List<String> referencedDocuments, boolean swagger2) {

    public ParsedSpec {
        pathWarnings = pathWarnings == null ? List.of() : List.copyOf(pathWarnings);
        bundled = bundled == null ? openApi : bundled;
        referenceWarnings = referenceWarnings == null ? List.of() : List.copyOf(referenceWarnings);
        referencedDocuments = referencedDocuments == null ? List.of() : List.copyOf(referencedDocuments);
    }

    /** Every operation of every path, before any filter. */
    public int operationCount() {
        return openApi.getPaths() == null ? 0 : openApi.getPaths().keySet().stream().map(this::pathItem)
                .mapToInt(p -> p == null ? 0 : p.readOperations().size()).sum();
    }

    /**
     * The path item of a path: the document's own, or, when that is a reference to another file, the one brought in
     * from there (null when none could be).
     */
    public PathItem pathItem(String path) {
        if (!pathItemFromOtherFile(path)) {
            return openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        }
        PathItem brought = bundled == openApi || bundled.getPaths() == null ? null : bundled.getPaths().get(path);
        return brought == null || brought.get$ref() != null ? null : brought;
    }

    /** Whether the document's own item for this path refers to another file (brought into the bundled model). */
    public boolean pathItemFromOtherFile(String path) {
        PathItem own = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        return own != null && own.get$ref() != null;
    }

    /** A document without external references or {@code $defs}. */
    public ParsedSpec(OpenAPI openApi, Map<String, List<String>> pathKeyOrder, List<String> messages) {
        this(openApi, pathKeyOrder, messages, List.of(), openApi, List.of(), List.of(), false);
    }
}
