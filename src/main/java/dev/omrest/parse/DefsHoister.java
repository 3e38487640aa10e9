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
                byPointer.put(pointerPrefix + OasTree.escape(entry.getKey()), local);
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

    private String replacement(String ref, List<Map<String, String>> stack) {
        if (ref.startsWith("#/$defs/")) {
            String rest = ref.substring("#/$defs/".length());
            int slash = rest.indexOf('/');
            String key = OasTree.unescape(slash < 0 ? rest : rest.substring(0, slash));
            for (int i = stack.size() - 1; i >= 0; i--) {
                String local = stack.get(i).get(key);
                if (local != null) {
                    return local + (slash < 0 ? "" : rest.substring(slash));
                }
            }
            return null;
        }
        if (!ref.startsWith("#") || !ref.contains("/$defs/") && !ref.contains("/definitions/")) {
            return null;
        }
        String pointer = ref.substring(1);
        List<Integer> ends = new ArrayList<>();
        for (String keyword : List.of("/$defs/", "/definitions/")) {
            for (int at = pointer.indexOf(keyword); at >= 0; at = pointer.indexOf(keyword, at + 1)) {
                int end = pointer.indexOf('/', at + keyword.length());
                ends.add(end < 0 ? pointer.length() : end);
            }
        }
        ends.sort(java.util.Comparator.reverseOrder()); // the most deeply nested definition first
        for (int end : ends) {
            String local = byPointer.get(pointer.substring(0, end));
            if (local != null) {
                return local + pointer.substring(end);
            }
        }
        return null;
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
