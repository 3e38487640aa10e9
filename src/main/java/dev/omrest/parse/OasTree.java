package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the objects of an OpenAPI (or Swagger 2.0) document are, as a raw tree: which child of which object is a
 * path item, an operation, a parameter, a schema... Only what references can point from and the field extraction
 * reads is walked (examples, links, callbacks and extensions are not).
 */
final class OasTree {
    enum Kind { DOCUMENT, COMPONENTS, PATH_ITEM, OPERATION, PARAMETER, REQUEST_BODY, RESPONSE, HEADER, MEDIA_TYPE, SCHEMA }

    /** One child object: its JSON-pointer suffix relative to the parent (already escaped), the node and its kind. */
    interface Visitor {
        void child(String pointerSuffix, JsonNode child, Kind kind);
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");
    private static final List<String> SCHEMA_ONES = List.of("additionalProperties", "not", "contains", "if", "then", "else",
            "propertyNames", "additionalItems", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final List<String> SCHEMA_LISTS = List.of("allOf", "oneOf", "anyOf", "prefixItems");
    private static final Set<String> COMPONENT_KINDS = Set.of("schemas", "parameters", "responses", "requestBodies",
            "headers", "pathItems");

    private OasTree() {
    }

    static void forEachChild(JsonNode node, Kind kind, boolean swagger2, Visitor visitor) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        switch (kind) {
            case DOCUMENT -> {
                map(object, "paths", Kind.PATH_ITEM, true, visitor);
                map(object, "webhooks", Kind.PATH_ITEM, true, visitor);
                if (swagger2) {
                    map(object, "definitions", Kind.SCHEMA, false, visitor);
                    map(object, "parameters", Kind.PARAMETER, false, visitor);
                    map(object, "responses", Kind.RESPONSE, false, visitor);
                }
                one(object, "components", Kind.COMPONENTS, visitor);
            }
            case COMPONENTS -> {
                for (String section : COMPONENT_KINDS) {
                    map(object, section, switch (section) {
                        case "schemas" -> Kind.SCHEMA;
                        case "parameters" -> Kind.PARAMETER;
                        case "responses" -> Kind.RESPONSE;
                        case "requestBodies" -> Kind.REQUEST_BODY;
                        case "headers" -> Kind.HEADER;
                        default -> Kind.PATH_ITEM;
                    }, false, visitor);
                }
            }
            case PATH_ITEM -> {
                for (String method : METHODS) {
                    one(object, method, Kind.OPERATION, visitor);
                }
                list(object, "parameters", Kind.PARAMETER, visitor);
            }
            case OPERATION -> {
                list(object, "parameters", Kind.PARAMETER, visitor);
                one(object, "requestBody", Kind.REQUEST_BODY, visitor);
                map(object, "responses", Kind.RESPONSE, true, visitor);
            }
            case PARAMETER, HEADER -> {
                one(object, "schema", Kind.SCHEMA, visitor);
                map(object, "content", Kind.MEDIA_TYPE, false, visitor);
            }
            case REQUEST_BODY -> map(object, "content", Kind.MEDIA_TYPE, false, visitor);
            case RESPONSE -> {
                map(object, "content", Kind.MEDIA_TYPE, false, visitor);
                map(object, "headers", Kind.HEADER, false, visitor);
                if (swagger2) {
                    one(object, "schema", Kind.SCHEMA, visitor);
                }
            }
            case MEDIA_TYPE -> one(object, "schema", Kind.SCHEMA, visitor);
            case SCHEMA -> {
                for (String key : SCHEMA_MAPS) {
                    map(object, key, Kind.SCHEMA, false, visitor);
                }
                JsonNode items = object.get("items");
                if (items != null && items.isArray()) {
                    list(object, "items", Kind.SCHEMA, visitor);
                } else {
                    one(object, "items", Kind.SCHEMA, visitor);
                }
                for (String key : SCHEMA_ONES) {
                    one(object, key, Kind.SCHEMA, visitor);
                }
                for (String key : SCHEMA_LISTS) {
                    list(object, key, Kind.SCHEMA, visitor);
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static void one(ObjectNode parent, String key, Kind kind, Visitor visitor) {
        JsonNode child = parent.get(key);
        if (child != null && child.isObject()) {
            visitor.child("/" + RefPointers.escape(key), child, kind);
        }
    }

    private static void map(ObjectNode parent, String key, Kind kind, boolean skipExtensions, Visitor visitor) {
        JsonNode map = parent.get(key);
        if (map == null || !map.isObject()) {
            return;
        }
        String prefix = "/" + RefPointers.escape(key) + "/";
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject() && !(skipExtensions && entry.getKey().startsWith("x-"))) {
                visitor.child(prefix + RefPointers.escape(entry.getKey()), entry.getValue(), kind);
            }
        }
    }

    private static void list(ObjectNode parent, String key, Kind kind, Visitor visitor) {
        JsonNode list = parent.get(key);
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isObject()) {
                visitor.child("/" + RefPointers.escape(key) + "/" + i, list.get(i), kind);
            }
        }
    }
}
