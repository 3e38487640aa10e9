package dev.omrest.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/events?entityCreated=&entityUpdated=&entityRestored=&entityDeleted=&timestamp=} as OpenMetadata's
 * EventResource reads it ({@code docs/unchanged-reruns-research.md} §3): each list is entity types or {@code *}, an
 * absent one selects nothing, {@code entityDeleted} selects soft and hard deletes; every row with
 * {@code eventTime >= timestamp} comes back, unpaged and without any filter by name, ordered by time.
 *
 * <p>{@code timestamp} is documented as required, but the resource takes it as a primitive {@code long} without a
 * default, so JAX-RS gives 0 when it is absent (every stored event) and answers 404 when it is not a number.
 *
 * @param timestamp the earliest event time, inclusive
 * @param created   entity types selected for {@code entityCreated}; empty selects none, {@code [*]} all
 */
record EventQuery(long timestamp, List<String> created, List<String> updated, List<String> restored,
                  List<String> deleted) {

    /**
     * The entity types a 1.6 server has a repository for: naming any other one in a list is its 400 ("Invalid entity
     * ... in query param ..."). The time-series types are not among them.
     */
    static final Set<String> ENTITY_TYPES = Set.of(
            "databaseService", "messagingService", "dashboardService", "pipelineService", "storageService",
            "mlmodelService", "metadataService", "searchService", "apiService",
            "table", "storedProcedure", "database", "databaseSchema", "metric", "dashboard", "dashboardDataModel",
            "pipeline", "chart", "app", "appMarketPlaceDefinition", "report", "topic", "searchIndex",
            "apiCollection", "apiEndpoint", "mlmodel", "container", "query", "glossary", "glossaryTerm", "tag",
            "classification", "type", "testDefinition", "testConnectionDefinition", "testSuite", "kpi", "testCase",
            "webAnalyticEvent", "dataInsightCustomChart", "dataInsightChart", "policy", "role", "user", "team",
            "persona", "bot", "ingestionPipeline", "domain", "dataProduct", "eventsubscription", "workflow",
            "document");

    static EventQuery parse(Query query) {
        return new EventQuery(timestamp(query.get("timestamp")),
                entityTypes("entityCreated", query.get("entityCreated")),
                entityTypes("entityUpdated", query.get("entityUpdated")),
                entityTypes("entityRestored", query.get("entityRestored")),
                entityTypes("entityDeleted", query.get("entityDeleted")));
    }

    private static long timestamp(String value) {
        if (value == null || value.isBlank()) {
            return 0; // a primitive query parameter's default
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.NO_ROUTE; // JAX-RS answers a query parameter it cannot convert with 404
        }
    }

    private static List<String> entityTypes(String name, String value) {
        if (value == null) {
            return List.of();
        }
        String list = value.replace(" ", "");
        if (list.equals("*")) {
            return List.of("*");
        }
        List<String> types = Arrays.asList(list.split(","));
        for (String type : types) {
            if (!ENTITY_TYPES.contains(type)) {
                throw ApiError.badRequest("Invalid entity " + type + " in query param " + name);
            }
        }
        return types;
    }

    /** The answer over {@code rows}: one query per event type, in the server's order, then sorted by time (stably). */
    ObjectNode answer(List<ChangeEvent> rows) {
        List<ChangeEvent> events = new ArrayList<>();
        events.addAll(select(rows, ChangeEvent.ENTITY_CREATED, created));
        events.addAll(select(rows, ChangeEvent.ENTITY_UPDATED, updated));
        events.addAll(select(rows, ChangeEvent.ENTITY_RESTORED, restored));
        events.addAll(select(rows, ChangeEvent.ENTITY_DELETED, deleted));
        events.addAll(select(rows, ChangeEvent.ENTITY_SOFT_DELETED, deleted));
        events.sort(Comparator.comparingLong(ChangeEvent::timestamp));
        ArrayNode data = Json.NODES.arrayNode();
        events.forEach(event -> data.add(event.toJson()));
        ObjectNode result = Json.NODES.objectNode();
        result.set("data", data);
        result.putObject("paging").put("total", events.size());
        return result;
    }

    private List<ChangeEvent> select(List<ChangeEvent> rows, String eventType, List<String> entityTypes) {
        boolean all = entityTypes.equals(List.of("*"));
        List<ChangeEvent> selected = new ArrayList<>();
        for (ChangeEvent event : rows) {
            if (event.eventType().equals(eventType) && event.timestamp() >= timestamp
                    && (all || entityTypes.contains(event.entityType()))) {
                selected.add(event);
            }
        }
        selected.sort(Comparator.comparingLong(ChangeEvent::timestamp)); // ORDER BY eventTime
        return selected;
    }
}
