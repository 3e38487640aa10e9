package dev.omrest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Random structural damage to a JSON tree: removed nodes, wrong types, copied subtrees, hostile refs, odd keys. */
final class TreeMutator {
    static final String[] AWKWARD_STRINGS = {"", " ", "a.b", "v1.0/x", "\"", "a::b", "/", "//", "{id}", "ünïcødé", "🚀",
            "x".repeat(300), "null", "0", "-1", "1e309", "\u0000", "<script>", "../../etc/passwd", "#/components/schemas/Nope"};
    static final String[] HOSTILE_REFS = {"#", "#/", "#/components/schemas/Missing", "#/paths", "#/info", "other.yaml#/Pet",
            "http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/x", "file:///etc/passwd", "#/components/schemas/%ZZ",
            "#/components/schemas/a~1b", "#/paths/~1pets/get"};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    TreeMutator(Random random) {
        this.random = random;
    }

    /** Applies one random mutation in place and says what it did. */
    String mutate(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        if (slots.isEmpty()) {
            return "nothing to mutate";
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        return switch (random.nextInt(6)) {
            case 0 -> slot.remove();
            case 1 -> slot.replace(randomValue(), "wrong type");
            case 2 -> {
                Slot source = slots.get(random.nextInt(slots.size()));
                yield slot.replace(source.value().deepCopy(), "copy of " + source.pointer);
            }
            case 3 -> {
                ObjectNode ref = NODES.objectNode();
                boolean self = random.nextBoolean();
                String target = self ? "#" + slot.ancestorPointer(random) : HOSTILE_REFS[random.nextInt(HOSTILE_REFS.length)];
                ref.put("$ref", target);
                yield slot.replace(ref, "$ref " + target);
            }
            case 4 -> slot.renameTo(AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)]);
            default -> slot.replace(NODES.textNode(AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)]), "awkward text");
        };
    }

    private JsonNode randomValue() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.arrayNode();
            case 5 -> NODES.objectNode();
            case 6 -> NODES.arrayNode().add(1).add("two").addNull().add(NODES.objectNode());
            default -> NODES.textNode(AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)]);
        };
    }

    private static void collect(JsonNode node, String pointer, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                slots.add(new Slot(object, name, -1, child));
                collect(object.get(name), child, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = pointer + "/" + i;
                slots.add(new Slot(array, null, i, child));
                collect(array.get(i), child, slots);
            }
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index, String pointer) {
        JsonNode value() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        String remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
            return "removed " + pointer;
        }

        String replace(JsonNode value, String what) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
            return what + " at " + pointer;
        }

        String renameTo(String newName) {
            if (name == null) {
                return replace(NODES.textNode(newName), "awkward element");
            }
            ObjectNode object = (ObjectNode) parent;
            ObjectNode renamed = NODES.objectNode();
            Iterator<String> names = object.fieldNames();
            List<String> order = new ArrayList<>();
            names.forEachRemaining(order::add);
            for (String key : order) {
                renamed.set(key.equals(name) ? newName : key, object.get(key));
            }
            object.removeAll();
            object.setAll(renamed);
            return "renamed " + pointer + " to " + HostileDocuments.quote(newName.length() > 20 ? newName.substring(0, 20) + "…" : newName);
        }

        String ancestorPointer(Random random) {
            String[] parts = pointer.split("/");
            int keep = 1 + random.nextInt(Math.max(1, parts.length - 1));
            return String.join("/", java.util.Arrays.copyOfRange(parts, 0, keep));
        }
    }
}
