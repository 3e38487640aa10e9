package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads typed values out of the payload tree, collecting one problem per malformed field. */
final class PayloadFields {
    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    void problem(String message) {
        problems.add(message);
    }

    /** A missing parent was reported already, so its children are not reported again. */
    JsonNode object(JsonNode parent, String path, String key, boolean required) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(key);
        String at = join(path, key);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(at + " is required");
            }
            return null;
        }
        if (!node.isObject()) {
            problems.add(at + " must be an object, not " + kind(node));
            return null;
        }
        return node;
    }

    String text(JsonNode parent, String path, String key, boolean required) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(key);
        String at = join(path, key);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                problems.add(at + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(at + " must be a string, not " + kind(node));
            return null;
        }
        return node.asText().trim();
    }

    boolean bool(JsonNode parent, String path, String key, boolean defaultValue) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
            return Boolean.parseBoolean(node.asText());
        }
        problems.add(join(path, key) + " must be true or false, not " + kind(node));
        return defaultValue;
    }

    /** A number from 0 to 1. */
    double fraction(JsonNode parent, String path, String key, double defaultValue) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            problems.add(join(path, key) + " must be a number from 0 to 1, not " + (node.isNumber() ? node.asText() : kind(node)));
            return defaultValue;
        }
        return node.asDouble();
    }

    /** A whole number from min to max, or null when absent (or wrong, which is a problem). */
    Integer wholeNumber(JsonNode parent, String path, String key, int min, int max) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            problems.add(join(path, key) + " must be a whole number from " + min + " to " + max + ", not "
                    + (node.isNumber() ? node.asText() : kind(node)));
            return null;
        }
        return node.asInt();
    }

    List<String> strings(JsonNode parent, String path, String key) {
        JsonNode node = parent == null ? null : parent.get(key);
        String at = join(path, key);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(at + " must be a list of strings, not " + kind(node));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                values.add(item.asText());
            } else {
                problems.add(at + "[" + i + "] must be a string, not " + kind(item));
            }
        }
        return values;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
