package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Path items that are references within the document ({@code "/pets": {"$ref": "#/components/pathItems/Pets"}}, or a
 * pointer to another path) become copies of what they point at, before swagger-parser reads the tree: its deserialiser
 * leaves such a path item empty (resolving is a later step this connector does not run), so its operations would give
 * no endpoints. As OpenAPI 3.1 says, a {@code summary} or {@code description} beside the reference wins over the
 * target's. References to other files are {@link RefBundler}'s.
 */
final class PathItemRefs {
    static final int MAX_CHAIN = 16;
    static final int MAX_WARNINGS = 50;
    /**
     * Copies may add as many nodes as the document has (at least this many): a document of many paths that each
     * reference one large path item must not grow without bound.
     */
    static final long MIN_BUDGET = 100_000;

    private final JsonNode root;
    private final JsonNode paths;
    private final Map<JsonNode, Long> sizes = new IdentityHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long budget = -1;
    private int suppressed;

    private PathItemRefs(JsonNode root, JsonNode paths) {
        this.root = root;
        this.paths = paths;
    }

    /** Rewrites {@code paths} in place; returns a warning for each reference that could not be followed. */
    static List<String> inline(JsonNode root) {
        JsonNode paths = root.get("paths");
        if (paths == null || !paths.isObject()) {
            return List.of();
        }
        return new PathItemRefs(root, paths).run();
    }

    private List<String> run() {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        paths.fields().forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (entry.getValue() instanceof ObjectNode item && isLocalRef(item)) {
                String problem = inline(item);
                if (problem != null && warnings.size() < MAX_WARNINGS) {
                    warnings.add("Path item reference '" + item.get("$ref").asText() + "' of path '" + entry.getKey()
                            + "' not followed: " + problem + "; the path gives no endpoints");
                } else if (problem != null) {
                    suppressed++;
                }
            }
        }
        if (suppressed > 0) {
            warnings.add(suppressed + " more path item references not followed");
        }
        return List.copyOf(warnings);
    }

    private static boolean isLocalRef(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.isTextual() && ref.asText().startsWith("#");
    }

    /** The problem, or null once {@code item} holds its target's keys. */
    private String inline(ObjectNode item) {
        JsonNode target = item;
        Set<String> seen = new HashSet<>();
        while (isLocalRef(target)) {
            String ref = target.get("$ref").asText();
            if (!seen.add(ref)) {
                return "the references go round in a circle";
            }
            if (seen.size() > MAX_CHAIN) {
                return "more than " + MAX_CHAIN + " references in a row";
            }
            target = RefPointers.at(root, RefPointers.of(ref.substring(1)));
            if (target == null) {
                return ref + " is not in the document";
            }
            if (!target.isObject()) {
                return ref + " is not an object";
            }
            if (target == root || target == paths) {
                return ref + " holds the path item itself";
            }
        }
        if (target.has("$ref")) {
            return "it leads to a reference to another file, which is not followed from here";
        }
        // a target is not a reference, so no later step rewrites it: its size can be taken once
        long size = sizes.computeIfAbsent(target, PathItemRefs::nodes);
        if (budget < 0) {
            budget = Math.max(MIN_BUDGET, nodes(root));
        }
        if (size > budget) {
            return "the copies of referenced path items would be larger than the document itself";
        }
        budget -= size;
        ObjectNode copy = ((ObjectNode) target).deepCopy();
        for (String key : List.of("summary", "description")) {
            JsonNode beside = item.get(key);
            if (beside != null && beside.isTextual()) {
                copy.set(key, beside);
            }
        }
        item.removeAll();
        item.setAll(copy);
        return null;
    }

    private static long nodes(JsonNode tree) {
        long count = 0;
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(tree);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            count++;
            node.elements().forEachRemaining(todo::push);
        }
        return count;
    }
}
