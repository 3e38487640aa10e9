package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A list request ({@code GET /v1/apiCollections}, {@code GET /v1/apiEndpoints}) as the server pages it: in FQN order,
 * {@code limit} entities from an opaque {@code after}/{@code before} cursor, filtered by {@code include},
 * {@code service}, (endpoints) {@code apiCollection} and (ingestion pipelines) {@code pipelineType}, with the
 * field-gated members only when {@code fields} names them.
 *
 * @param apiCollection the collection filter; always null for collections, which have no such parameter
 * @param pipelineType  the ingestion pipelines' filter; null for the other entities
 */
record Listing(int limit, String after, String before, Include include, String service, String apiCollection,
               String pipelineType, Set<String> fields) {

    /** Entity fields a list returns only when {@code fields} names them (the rest is the base entity). */
    static final Set<String> FIELD_GATED = Set.of("requestSchema", "responseSchema", "sourceHash", "tags", "owners",
            "followers", "extension", "domains", "dataProducts", "votes");

    /** Reads the parameters, answering 400 for a bad one in the order the server checks them. */
    static Listing parse(Query query, boolean endpoints) {
        int limit = OpenMetadataEmulator.DEFAULT_LIST_LIMIT;
        if (query.has("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("query param limit must be an integer");
            }
            if (limit < 0 || limit > OpenMetadataEmulator.MAX_LIST_LIMIT) {
                throw ApiError.badRequest("query param limit must be between 0 and " + OpenMetadataEmulator.MAX_LIST_LIMIT);
            }
        }
        String after = decodeCursor(query.get("after"));
        String before = decodeCursor(query.get("before"));
        if (after != null && before != null) {
            throw ApiError.badRequest("Only one of before or after query parameter allowed");
        }
        Include include = Include.parse(query.get("include"));
        Set<String> fields = query.get("fields") == null ? Set.of()
                : Set.of(query.get("fields").replace(" ", "").split(","));
        return new Listing(limit, after, before, include, query.get("service"),
                endpoints ? query.get("apiCollection") : null, null, fields);
    }

    /** {@code GET /v1/services/ingestionPipelines}: the common parameters and {@code pipelineType}. */
    static Listing pipelines(Query query) {
        Listing common = parse(query, false);
        return new Listing(common.limit, common.after, common.before, common.include, common.service, null,
                query.get("pipelineType"), common.fields);
    }

    /** The page of {@code table} (the caller holds the store's lock): {@code {"data": [...], "paging": {...}}}. */
    ObjectNode page(EntityTable table) {
        Predicate<JsonNode> filter = entity -> include.test(entity)
                && (service == null || service.equals(entity.path("service").path("fullyQualifiedName").asText()))
                && (apiCollection == null
                || apiCollection.equals(entity.path("apiCollection").path("fullyQualifiedName").asText()))
                && (pipelineType == null || pipelineType.equals(entity.path("pipelineType").asText()));
        List<Map.Entry<String, ObjectNode>> matching = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : table.sorted.entrySet()) {
            if (filter.test(e.getValue())) {
                matching.add(e);
            }
        }
        int from;
        int to;
        if (before != null) {
            to = firstIndexNotBelow(matching, before);
            from = Math.max(0, to - limit);
        } else {
            from = after == null ? 0 : firstIndexAbove(matching, after);
            to = Math.min(matching.size(), from + limit);
        }
        ArrayNode data = Json.NODES.arrayNode();
        for (int i = from; i < to; i++) {
            // like the server, fields outside the base entity come only when asked for with ?fields=
            ObjectNode copy = Json.NODES.objectNode();
            matching.get(i).getValue().fields().forEachRemaining(field -> {
                if (!FIELD_GATED.contains(field.getKey()) || fields.contains(field.getKey()) || fields.contains("*")) {
                    copy.set(field.getKey(), field.getValue().deepCopy());
                }
            });
            data.add(copy);
        }
        ObjectNode paging = Json.NODES.objectNode();
        paging.put("total", matching.size());
        if (from > 0 && to > from) {
            paging.put("before", encodeCursor(matching.get(from).getKey()));
        }
        if (to < matching.size() && to > from) {
            paging.put("after", encodeCursor(matching.get(to - 1).getKey()));
        }
        ObjectNode result = Json.NODES.objectNode();
        result.set("data", data);
        result.set("paging", paging);
        return result;
    }

    private static int firstIndexAbove(List<Map.Entry<String, ObjectNode>> list, String fqn) {
        int i = 0;
        while (i < list.size() && list.get(i).getKey().compareTo(fqn) <= 0) {
            i++;
        }
        return i;
    }

    private static int firstIndexNotBelow(List<Map.Entry<String, ObjectNode>> list, String fqn) {
        int i = 0;
        while (i < list.size() && list.get(i).getKey().compareTo(fqn) < 0) {
            i++;
        }
        return i;
    }

    private static String encodeCursor(String fqn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fqn.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Invalid cursor " + cursor);
        }
    }
}
