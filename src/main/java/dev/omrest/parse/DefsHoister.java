package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OAS 3.1 / JSON Schema {@code $defs} (and draft-4 style {@code definitions} inside a schema): swagger-parser keeps
 * them only as raw extension maps, so each definition is made a component schema too (named after its key, with a
 * suffix when the name is taken) and the references to it — {@code #/$defs/X} inside the schema that declares it
 * (the nearest one), or a full pointer such as {@code #/components/schemas/A/$defs/X} or
 * {@code #/components/schemas/A/definitions/X} anywhere — are pointed at that component.
 */
final class DefsHoister {
    private final ObjectNode root;
    private final boolean swagger2;
    private final ObjectNode section;
    private final String prefix;
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, String> byPointer = new HashMap<>();
    private final Map<JsonNode, Map<String, String>> scopes = new IdentityHashMap<>();
    private final Set<JsonNode> aliases = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, JsonNode> added = new LinkedHashMap<>();
    private boolean changed;

    DefsHoister(ObjectNode root) {
        this.root = root;
        this.swagger2 = root.hasNonNull("swagger");
        if (swagger2) {
            this.section = child(root, "definitions");
            this.prefix = "#/definitions/";
        } else {
            this.section = child(child(root, "components"), "schemas");
            this.prefix = "#/components/schemas/";
        }
    }

    /** A quick look: is there a {@code $defs}, or a {@code definitions} below the top level, anywhere? */
    static boolean hasDefs(JsonNode tree) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(tree);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject() && (node.get("$defs") instanceof ObjectNode
                    || node != tree && node.get("definitions") instanceof ObjectNode)) {
                return true;
            }
            node.elements().forEachRemaining(c -> {
                if (c.isContainerNode()) {
                    todo.push(c);
                }
            });
        }
        return false;
    }

    boolean run() {
        if (section == null) {
            return false;
        }
        section.fieldNames().forEachRemaining(usedNames::add);
        collect(root, OasTree.Kind.DOCUMENT, "");
        if (added.isEmpty()) {
            return false;
        }
        added.forEach(section::set);
        aliases.addAll(added.values());
        rewrite(root, OasTree.Kind.DOCUMENT, new ArrayList<>());
        return true;
    }

    private void collect(JsonNode node, OasTree.Kind kind, String pointer) {
        if (kind == OasTree.Kind.SCHEMA && node.get("$defs") instanceof ObjectNode defs) {
            scopes.put(node, hoist(defs, pointer + "/$defs/"));
        }
        if (kind == OasTree.Kind.SCHEMA && node.get("definitions") instanceof ObjectNode definitions) {
            hoist(definitions, pointer + "/definitions/"); // reachable by full pointer only: #/definitions/X is Swagger 2.0's
        }
        OasTree.forEachChild(node, kind, swagger2, (suffix, child, childKind) -> collect(child, childKind, pointer + suffix));
    }

    /** Each definition becomes a component; the names its declaring schema knows it by. */
    private Map<String, String> hoist(ObjectNode definitions, String pointerPrefix) {
        Map<String, String> scope = new HashMap<>();
        definitions.fields().forEachRemaining(entry -> {
            if (entry.getValue().isObject() || entry.getValue().isBoolean()) {
                String name = unique(entry.getKey().replaceAll("[^A-Za-z0-9._-]", "_"));
                String local = prefix + name;
                added.put(name, entry.getValue());
                scope.put(entry.getKey(), local);
                byPointer.put(pointerPrefix + RefPointers.escape(entry.getKey()), local);
            }
        });
        return scope;
    }

    private void rewrite(JsonNode node, OasTree.Kind kind, List<Map<String, String>> stack) {
        Map<String, String> scope = scopes.get(node);
        if (scope != null) {
            stack.add(scope);
        }
        if (kind == OasTree.Kind.SCHEMA && node.get("$ref") != null && node.get("$ref").isTextual()) {
            String replaced = replacement(node.get("$ref").asText(), stack);
            if (replaced != null) {
                ((ObjectNode) node).put("$ref", replaced);
                changed = true;
            }
        }
        OasTree.forEachChild(node, kind, swagger2, (suffix, child, childKind) -> {
            if (!aliases.contains(child) || suffix.startsWith("/$defs/") || suffix.startsWith("/definitions/")
                    && kind == OasTree.Kind.SCHEMA) {
                rewrite(child, childKind, stack);
            }
        });
        if (scope != null) {
            stack.remove(stack.size() - 1);
        }
    }

    /**
     * Where a reference to a hoisted definition now points, or null. Keys are compared as {@link RefPointers} reads
     * them; what follows the definition's name is kept as written.
     */
    private String replacement(String ref, List<Map<String, String>> stack) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        String[] written = ref.substring(2).split("/", -1);
        List<String> keys = RefPointers.keys(RefPointers.of(ref.substring(1)));
        if (keys.size() >= 2 && keys.get(0).equals("$defs")) {
            // #/$defs/X…: X of the nearest schema that declares it
            for (int i = stack.size() - 1; i >= 0; i--) {
                String local = stack.get(i).get(keys.get(1));
                if (local != null) {
                    return local + rest(written, 2);
                }
            }
            return null;
        }
        for (int name = keys.size() - 1; name >= 1; name--) { // the most deeply nested definition first
            String keyword = keys.get(name - 1);
            if (keyword.equals("$defs") || keyword.equals("definitions")) {
                String local = byPointer.get(pointer(keys, name + 1));
                if (local != null) {
                    return local + rest(written, name + 1);
                }
            }
        }
        return null;
    }

    /** The first {@code count} keys as a pointer, in the form {@link #byPointer} holds. */
    private static String pointer(List<String> keys, int count) {
        StringBuilder pointer = new StringBuilder();
        for (String key : keys.subList(0, count)) {
            pointer.append('/').append(RefPointers.escape(key));
        }
        return pointer.toString();
    }

    /** The segments from {@code from} on, as written. */
    private static String rest(String[] written, int from) {
        StringBuilder rest = new StringBuilder();
        for (int i = from; i < written.length; i++) {
            rest.append('/').append(written[i]);
        }
        return rest.toString();
    }

    boolean changed() {
        return changed;
    }

    private String unique(String suggested) {
        String base = suggested.isEmpty() ? "Def" : suggested;
        String name = base;
        for (int i = 2; usedNames.contains(name); i++) {
            name = base + "_" + i;
        }
        usedNames.add(name);
        return name;
    }

    private static ObjectNode child(ObjectNode parent, String key) {
        if (parent == null) {
            return null;
        }
        JsonNode child = parent.get(key);
        if (child == null) {
            return parent.putObject(key);
        }
        return child instanceof ObjectNode object ? object : null;
    }
}
