package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.List;
import java.util.Map;

/**
 * Puts back the {@code description} written beside a schema's {@code $ref} in an OpenAPI 3.0 document. OAS 3.0 says
 * such siblings are ignored, and swagger-parser drops them, but upstream reads the raw document, so a property
 * {@code {"$ref": "#/…/Address", "description": "Billing address"}} has that description there. The document's tree
 * and swagger-parser's model are walked side by side (no reference is followed, so no cycle), through component
 * schemas and the bodies and responses of operations, their properties, items and compositions.
 */
final class RefSiblingDescriptions {
    private RefSiblingDescriptions() {
    }

    static void apply(JsonNode root, OpenAPI model) {
        if (model == null || !root.path("openapi").asText("").startsWith("3.0")) {
            return;
        }
        if (model.getComponents() != null && model.getComponents().getSchemas() != null) {
            JsonNode schemas = root.path("components").path("schemas");
            model.getComponents().getSchemas().forEach((name, schema) -> walk(schemas.get(name), schema));
        }
        if (model.getPaths() != null) {
            JsonNode paths = root.path("paths");
            model.getPaths().forEach((path, item) -> operations(paths.path(path), item));
        }
    }

    private static void operations(JsonNode item, PathItem model) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : model.readOperationsMap().entrySet()) {
            JsonNode operation = item.path(entry.getKey().name().toLowerCase(java.util.Locale.ROOT));
            Operation op = entry.getValue();
            if (op.getRequestBody() != null) {
                content(operation.path("requestBody").path("content"), op.getRequestBody().getContent());
            }
            if (op.getResponses() != null) {
                for (Map.Entry<String, ApiResponse> response : op.getResponses().entrySet()) {
                    content(operation.path("responses").path(response.getKey()).path("content"), response.getValue().getContent());
                }
            }
        }
    }

    private static void content(JsonNode content, Content model) {
        if (model != null) {
            for (Map.Entry<String, MediaType> media : model.entrySet()) {
                walk(content.path(media.getKey()).get("schema"), media.getValue().getSchema());
            }
        }
    }

    private static void walk(JsonNode node, Schema<?> schema) {
        if (node == null || !node.isObject() || schema == null) {
            return;
        }
        JsonNode description = node.get("description");
        if (node.has("$ref") && schema.get$ref() != null && schema.getDescription() == null && description != null
                && description.isTextual()) {
            schema.setDescription(description.asText());
        }
        if (schema.getProperties() != null) {
            JsonNode properties = node.path("properties");
            schema.getProperties().forEach((name, property) -> walk(properties.get(name), property));
        }
        walk(node.get("items"), schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(node.get("additionalProperties"), additional);
        }
        each(node.get("allOf"), schema.getAllOf());
        each(node.get("oneOf"), schema.getOneOf());
        each(node.get("anyOf"), schema.getAnyOf());
    }

    private static void each(JsonNode nodes, List<Schema> schemas) {
        if (nodes != null && nodes.isArray() && schemas != null) {
            for (int i = 0; i < Math.min(nodes.size(), schemas.size()); i++) {
                walk(nodes.get(i), schemas.get(i));
            }
        }
    }
}
