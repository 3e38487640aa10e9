package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The server's state: API services, collections and endpoints by FQN, ingestion pipelines and automation workflows,
 * the pipeline statuses PUT per ingestion pipeline and the logs a 2.0 server stores per run; with the server's
 * semantics for upserts (curated metadata kept, versions bumped only on change), soft and hard deletion (recursive for
 * a collection's endpoints), restore, deleteStale and JSON Patch; and the {@code change_event} table those writes fill
 * for API services, collections and endpoints ({@link ChangeEventLog}).
 *
 * <p>One lock guards all of it. Methods that serve a request expect the caller to hold {@link #lock()}, so that a
 * request's lookups and changes form one step (as one transaction would on the server); the accessors the emulator's
 * callers use take it themselves.
 */
final class EntityStore {

    /** Outcome of upserting one create request; {@code message} is what a bulk response reports for it. */
    record Upsert(int status, ObjectNode entity, String message) {
    }

    private static final List<String> CURATED = List.of("description", "displayName");
    private static final List<String> KEPT_WHEN_OMITTED = List.of("tags", "owners");

    private final Object lock = new Object();
    /** Where {@code href}s point: the emulator's API URL. */
    private final String apiUrl;
    final EntityTable services = new EntityTable("apiService", "/v1/services/apiServices/");
    final EntityTable collections = new EntityTable("apiCollection", "/v1/apiCollections/");
    final EntityTable endpoints = new EntityTable("apiEndpoint", "/v1/apiEndpoints/");
    final EntityTable pipelines = new EntityTable("ingestionPipeline", "/v1/services/ingestionPipelines/");
    final EntityTable workflows = new EntityTable("workflow", "/v1/automations/workflows/");
    /** Every status PUT, per pipeline FQN, in arrival order (a run's later PUTs update it, see {@link #runs}). */
    private final Map<String, List<JsonNode>> pipelineStatuses = new LinkedHashMap<>();
    final RunLogs runLogs = new RunLogs();
    /** The events the REST writes of {@link #evented} entities leave, as OpenMetadata 1.6 records them. */
    final ChangeEventLog changeEvents = new ChangeEventLog();

    EntityStore(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    Object lock() {
        return lock;
    }

    // ------------------------------------------------------------------------------------------------
    // Accessors (take the lock)

    Optional<JsonNode> service(String name) {
        synchronized (lock) {
            for (ObjectNode service : services.byFqn.values()) {
                if (name.equals(service.path("name").asText())) {
                    return Optional.of(service.deepCopy());
                }
            }
            return Optional.empty();
        }
    }

    /** FQN → stored entity (copies), soft-deleted ones included, in insertion order. */
    Map<String, JsonNode> snapshot(EntityTable table) {
        synchronized (lock) {
            Map<String, JsonNode> copy = new LinkedHashMap<>();
            table.byFqn.forEach((fqn, entity) -> copy.put(fqn, entity.deepCopy()));
            return copy;
        }
    }

    List<JsonNode> pipelineStatuses(String fqn) {
        synchronized (lock) {
            List<JsonNode> copies = new ArrayList<>();
            for (JsonNode status : pipelineStatuses.getOrDefault(fqn, List.of())) {
                copies.add(status.deepCopy());
            }
            return copies;
        }
    }

    List<SortedSet<String>> liveFqns() {
        synchronized (lock) {
            return List.of(live(collections), live(endpoints));
        }
    }

    private static SortedSet<String> live(EntityTable table) {
        SortedSet<String> fqns = new TreeSet<>();
        table.byFqn.forEach((fqn, e) -> {
            if (!e.path("deleted").asBoolean()) {
                fqns.add(fqn);
            }
        });
        return fqns;
    }

    /** Whether entities carry {@code changeDescription} (a server that lists none is played with false). */
    private volatile boolean describeChanges = true;

    void describeChanges(boolean describe) {
        describeChanges = describe;
    }

    /** How far the server's clock is from this machine's: tests play a schedule's hours without waiting for them. */
    private volatile long clockOffsetMillis;

    void clockOffset(java.time.Duration offset) {
        clockOffsetMillis = offset.toMillis();
    }

    /** The server's time, as it stamps {@code updatedAt} (and so its change events). */
    long now() {
        return System.currentTimeMillis() + clockOffsetMillis;
    }

    void reset() {
        synchronized (lock) {
            for (EntityTable table : List.of(services, collections, endpoints, pipelines, workflows)) {
                table.clear();
            }
            pipelineStatuses.clear();
            runLogs.clear();
            changeEvents.clear();
        }
    }

    OpenMetadataEmulator.Stored store() {
        synchronized (lock) {
            return new OpenMetadataEmulator.Stored(copies(services), copies(collections), copies(endpoints),
                    changeEvents.rows());
        }
    }

    /** Puts back exactly what {@link #store()} copied, into a store {@link #reset()} just emptied. */
    void restore(OpenMetadataEmulator.Stored stored) {
        synchronized (lock) {
            stored.services().forEach(e -> services.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
            stored.collections().forEach(e -> collections.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
            stored.endpoints().forEach(e -> endpoints.put(e.path("fullyQualifiedName").asText(), e.deepCopy()));
            changeEvents.replaceWith(stored.changeEvents());
        }
    }

    private static List<ObjectNode> copies(EntityTable table) {
        List<ObjectNode> list = new ArrayList<>();
        table.byFqn.values().forEach(e -> list.add(e.deepCopy()));
        return list;
    }

    // ------------------------------------------------------------------------------------------------
    // Reads (callers hold the lock, except list, which reads its parameters first)

    ObjectNode list(EntityTable table, Query query) {
        return list(table, Listing.parse(query, table == endpoints));
    }

    /** The entity (a copy) when it exists and {@code include} admits it; else the server's 404. */
    static ObjectNode get(EntityTable table, ObjectNode entity, String key, Include include) {
        if (entity == null || !include.test(entity)) {
            throw ApiError.notFound(table.type + " instance for " + key + " not found");
        }
        return entity.deepCopy();
    }

    ObjectNode list(EntityTable table, Listing listing) {
        synchronized (lock) {
            return listing.page(table);
        }
    }

    void addPipelineStatus(String pipelineFqn, ObjectNode status) {
        pipelineStatuses.computeIfAbsent(pipelineFqn, k -> new ArrayList<>()).add(status);
    }

    /**
     * The stored runs of a pipeline as the server keeps them, one per {@code runId} (its last PUT), the most recent run
     * (the last to start) first.
     */
    List<ObjectNode> runs(String pipelineFqn) {
        Map<String, ObjectNode> byRun = new LinkedHashMap<>();
        for (JsonNode status : pipelineStatuses.getOrDefault(pipelineFqn, List.of())) {
            byRun.put(status.path("runId").asText(), (ObjectNode) status); // a later PUT keeps the run's place
        }
        List<ObjectNode> runs = new ArrayList<>(byRun.values());
        Collections.reverse(runs);
        return runs;
    }

    /** 2.0's kill: every running or queued run is stored again as {@code stopped}. */
    void stopRuns(String pipelineFqn) {
        for (ObjectNode run : runs(pipelineFqn)) {
            String state = run.path("pipelineState").asText();
            if (state.equals("running") || state.equals("queued")) {
                ObjectNode copy = run.deepCopy();
                copy.put("pipelineState", "stopped");
                addPipelineStatus(pipelineFqn, copy);
            }
        }
    }

    /** A hard-deleted pipeline takes its statuses and logs along. */
    void forgetRuns(String pipelineFqn) {
        pipelineStatuses.remove(pipelineFqn);
        runLogs.remove(pipelineFqn);
    }

    // ------------------------------------------------------------------------------------------------
    // Upserts (callers hold the lock)

    Upsert upsertService(ObjectNode request) {
        String fqn = Fqn.quote(request.get("name").asText());
        return upsert(services, fqn, request.deepCopy(), true);
    }

    Upsert createService(ObjectNode request) {
        return create(services, Fqn.quote(request.get("name").asText()), request.deepCopy());
    }

    /** {@code bulk}: a missing parent is a 400 item failure there, a 404 for a single PUT. */
    Upsert upsertCollection(ObjectNode request, boolean bulk, boolean protectCurated) {
        String serviceFqn = request.get("service").asText();
        ObjectNode service = services.byFqn.get(serviceFqn);
        if (service == null || service.path("deleted").asBoolean()) {
            throw new ApiError(bulk ? 400 : 404, "apiService instance for " + serviceFqn + " not found", false);
        }
        String fqn = Fqn.child(serviceFqn, request.get("name").asText());
        ObjectNode content = request.deepCopy();
        content.set("service", reference(services, service));
        return upsert(collections, fqn, content, protectCurated);
    }

    Upsert upsertEndpoint(ObjectNode request, boolean bulk, boolean protectCurated) {
        String collectionFqn = request.get("apiCollection").asText();
        ObjectNode collection = collections.byFqn.get(collectionFqn);
        if (collection == null || collection.path("deleted").asBoolean()) {
            throw new ApiError(bulk ? 400 : 404, "apiCollection instance for " + collectionFqn + " not found", false);
        }
        String fqn = Fqn.child(collectionFqn, request.get("name").asText());
        ObjectNode content = request.deepCopy();
        content.set("apiCollection", reference(collections, collection));
        content.set("service", collection.get("service").deepCopy());
        return upsert(endpoints, fqn, content, protectCurated);
    }

    /**
     * A bulk PUT's items: each valid one upserted, each invalid or failing one reported, none failing the others.
     * Takes the lock. {@code problems} holds each item's validation problem or null.
     */
    ObjectNode bulkUpsert(BodyKind kind, ArrayNode items, List<String> problems, boolean overrideMetadata) {
        ArrayNode success = Json.NODES.arrayNode();
        ArrayNode failed = Json.NODES.arrayNode();
        synchronized (lock) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (problems.get(i) != null) {
                    failed.add(BulkResults.response(item, 400, problems.get(i)));
                    continue;
                }
                try {
                    Upsert upsert = kind == BodyKind.COLLECTION
                            ? upsertCollection((ObjectNode) item, true, !overrideMetadata)
                            : upsertEndpoint((ObjectNode) item, true, !overrideMetadata);
                    success.add(BulkResults.response(item, upsert.status(), upsert.message()));
                } catch (ApiError e) {
                    failed.add(BulkResults.response(item, e.status, e.getMessage()));
                }
            }
        }
        return BulkResults.result(false, items.size(), success, failed);
    }

    /** A POST's create: the server's 409 when the FQN is taken (soft-deleted entities included). */
    Upsert create(EntityTable table, String fqn, ObjectNode content) {
        if (table.byFqn.containsKey(fqn)) {
            throw new ApiError(409, "Entity already exists", false);
        }
        return upsert(table, fqn, content, false);
    }

    /** A PUT of a create request by a user: created, or replaced with a version bump when it changes anything. */
    Upsert createOrUpdate(EntityTable table, String fqn, ObjectNode content) {
        return upsert(table, fqn, content, false);
    }

    /**
     * Sets {@code changes} on a stored entity the way the server saves an entity it changed itself (deploy, toggle):
     * a new minor version only when something changed. Returns the stored entity (a copy).
     */
    ObjectNode update(EntityTable table, ObjectNode entity, ObjectNode changes) {
        ObjectNode updated = entity.deepCopy();
        updated.setAll(changes);
        if (updated.equals(entity)) {
            return updated;
        }
        touch(entity, updated, updated.path("deleted").asBoolean());
        table.put(updated.get("fullyQualifiedName").asText(), updated);
        return updated.deepCopy();
    }

    static ObjectNode reference(EntityTable table, ObjectNode entity) {
        ObjectNode ref = Json.NODES.objectNode();
        ref.set("id", entity.get("id"));
        ref.put("type", table.type);
        ref.set("name", entity.get("name"));
        ref.set("fullyQualifiedName", entity.get("fullyQualifiedName"));
        return ref;
    }

    /**
     * Creates or updates; {@code content} holds the request fields with references resolved. The ingestion bot's
     * upsert never replaces a curated (non-empty) description or display name unless {@code protectCurated} is off
     * (bulk with {@code overrideMetadata=true}), and members it omits keep their stored values.
     */
    private Upsert upsert(EntityTable table, String fqn, ObjectNode content, boolean protectCurated) {
        withSchemaDefaults(content);
        ObjectNode existing = table.byFqn.get(fqn);
        if (existing != null) {
            for (String field : KEPT_WHEN_OMITTED) {
                if (!content.has(field) && existing.has(field)) {
                    content.set(field, existing.get(field).deepCopy());
                }
            }
            for (String field : protectCurated ? CURATED : List.<String>of()) {
                if (!existing.path(field).asText("").isEmpty()) {
                    content.set(field, existing.get(field).deepCopy());
                }
            }
        }
        if (existing == null) {
            ObjectNode entity = entity(table, UUID.randomUUID().toString(), fqn, content, 0.1);
            table.put(fqn, entity);
            record(table, ChangeEvent.ENTITY_CREATED, entity, entity.path("version").asDouble());
            return new Upsert(201, entity.deepCopy(), "Entity created");
        }
        boolean wasDeleted = existing.path("deleted").asBoolean();
        if (!wasDeleted && contentOf(existing).equals(contentOf(content))) {
            return new Upsert(200, existing.deepCopy(), "Entity unchanged"); // ENTITY_NO_CHANGE: no event
        }
        ObjectNode entity = entity(table, existing.get("id").asText(), fqn, content,
                bump(existing.path("version").asDouble()));
        describeChange(existing, entity);
        table.put(fqn, entity);
        // a PUT that restores a soft-deleted entity is an update on the server (its restore is internal)
        record(table, ChangeEvent.ENTITY_UPDATED, entity, existing.path("version").asDouble());
        return new Upsert(200, entity.deepCopy(), wasDeleted ? "Entity restored" : "Entity updated");
    }

    /**
     * The server reads a request into its Java types, whose defaults fill what the client left out: an API schema
     * without {@code schemaType} is {@code JSON}, without {@code schemaFields} empty (apiSchema.json's defaults).
     */
    private static void withSchemaDefaults(ObjectNode content) {
        for (String property : List.of("requestSchema", "responseSchema")) {
            if (content.get(property) instanceof ObjectNode schema) {
                if (!schema.hasNonNull("schemaType")) {
                    schema.put("schemaType", "JSON");
                }
                if (!schema.hasNonNull("schemaFields")) {
                    schema.putArray("schemaFields");
                }
            }
        }
    }

    private ObjectNode entity(EntityTable table, String id, String fqn, ObjectNode content, double version) {
        ObjectNode entity = Json.NODES.objectNode();
        entity.put("id", id);
        entity.set("name", content.get("name"));
        entity.put("fullyQualifiedName", fqn);
        for (Map.Entry<String, JsonNode> e : content.properties()) {
            if (!e.getKey().equals("name")) {
                entity.set(e.getKey(), e.getValue());
            }
        }
        entity.put("version", version);
        entity.put("updatedAt", now());
        entity.put("updatedBy", "ingestion-bot");
        entity.put("href", apiUrl + table.hrefPath + id);
        entity.put("deleted", false);
        return entity;
    }

    private static ObjectNode contentOf(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(ContractChecks.SYSTEM_FIELDS);
        return copy;
    }

    /** RFC 6902 add/replace/remove on top-level members, the way the UI edits an entity (callers hold the lock). */
    ObjectNode patch(EntityTable table, ObjectNode entity, ArrayNode ops) {
        ObjectNode patched = entity.deepCopy();
        for (JsonNode op : ops) {
            ContractChecks.checkPatchOperation(op);
            String path = op.path("path").asText("");
            String field = path.substring(1);
            switch (op.path("op").asText()) {
                case "add" -> patched.set(field, op.get("value"));
                // the server's JSON-P patch throws on a failed test and no operation of the patch is applied; the
                // status it answers is not pinned here beyond being an error
                case "test" -> {
                    if (!op.get("value").equals(patched.get(field))) {
                        throw ApiError.badRequest("JSON Patch test failed: " + path + " is not " + op.get("value"));
                    }
                }
                case "replace" -> {
                    if (!patched.has(field)) {
                        throw ApiError.badRequest("JSON Patch replace of missing member " + path);
                    }
                    patched.set(field, op.get("value"));
                }
                default -> patched.remove(field); // "remove": checkPatchOperation admits no other
            }
        }
        if (patched.equals(entity)) {
            return patched; // the server's ENTITY_NO_CHANGE: same version, same updatedAt, no event
        }
        touch(entity, patched, patched.path("deleted").asBoolean());
        table.put(entity.get("fullyQualifiedName").asText(), patched);
        record(table, ChangeEvent.ENTITY_UPDATED, patched, entity.path("version").asDouble());
        return patched.deepCopy();
    }

    private static double bump(double version) {
        return Math.round(version * 10 + 1) / 10.0;
    }

    private static double unbump(double version) {
        return Math.round(version * 10 - 1) / 10.0;
    }

    private void touch(ObjectNode entity, boolean deleted) {
        touch(entity.deepCopy(), entity, deleted);
    }

    /** A change of {@code before} into {@code entity}: a new version, now, and what changed as the server describes it. */
    private void touch(ObjectNode before, ObjectNode entity, boolean deleted) {
        entity.put("version", bump(entity.path("version").asDouble()));
        entity.put("updatedAt", now());
        entity.put("deleted", deleted);
        describeChange(before, entity);
    }

    /**
     * The server's {@code changeDescription} of an entity's last change: the members added, updated (old and new
     * value) and deleted, of what the entity holds beyond the server's own bookkeeping ({@code deleted} counts: a soft
     * delete is an update of it). A string's value is the string, another value its JSON, as the server writes them.
     */
    private void describeChange(ObjectNode before, ObjectNode after) {
        if (!describeChanges) {
            after.remove("changeDescription");
            return;
        }
        ObjectNode change = Json.NODES.objectNode();
        ArrayNode added = change.putArray("fieldsAdded");
        ArrayNode updated = change.putArray("fieldsUpdated");
        ArrayNode deleted = change.putArray("fieldsDeleted");
        Set<String> names = new java.util.TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!name.equals("deleted") && ContractChecks.SYSTEM_FIELDS.contains(name)) {
                continue;
            }
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null || old.isNull()) {
                if (now != null && !now.isNull()) {
                    added.addObject().put("name", name).set("newValue", fieldValue(now));
                }
            } else if (now == null || now.isNull()) {
                deleted.addObject().put("name", name).set("oldValue", fieldValue(old));
            } else if (!old.equals(now)) {
                updated.addObject().put("name", name).<ObjectNode>set("oldValue", fieldValue(old)).set("newValue", fieldValue(now));
            }
        }
        change.put("previousVersion", before.path("version").asDouble());
        after.set("changeDescription", change);
    }

    private static JsonNode fieldValue(JsonNode value) {
        return value.isValueNode() ? value : Json.NODES.textNode(value.toString());
    }

    /** Whether writes to {@code table} leave change events (the API entities; the server's others are not emulated). */
    private boolean evented(EntityTable table) {
        return table == services || table == collections || table == endpoints;
    }

    /**
     * The event OpenMetadata's response filter records for a REST write answered with {@code entity}: stamped with the
     * entity's {@code updatedAt}, as the server does. Only the write a request targeted gets one; what the server does
     * to other entities on the way (a collection's endpoints deleted or restored with it, deleteStale's deletions) goes
     * through its repository, past the filter, and leaves none.
     */
    private void record(EntityTable table, String eventType, ObjectNode entity, double previousVersion) {
        if (evented(table)) {
            changeEvents.insert(ChangeEvent.of(eventType, table.type, entity, entity.path("updatedAt").asLong(),
                    previousVersion));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Delete / restore (callers hold the lock)

    private List<ObjectNode> endpointsOf(ObjectNode collection) {
        String id = collection.get("id").asText();
        List<ObjectNode> children = new ArrayList<>();
        for (ObjectNode endpoint : endpoints.byFqn.values()) {
            if (id.equals(endpoint.path("apiCollection").path("id").asText())) {
                children.add(endpoint);
            }
        }
        return children;
    }

    /** {@code DELETE} by name or id; {@code key} is what the request named, for the 404 message. */
    ObjectNode delete(EntityTable table, ObjectNode entity, String key, Query query) {
        boolean hardDelete = query.bool("hardDelete", false);
        boolean recursive = table == collections && query.bool("recursive", false);
        if (entity == null || (!hardDelete && entity.path("deleted").asBoolean())) {
            throw ApiError.notFound(table.type + " instance for " + key + " not found");
        }
        ObjectNode storedRow = entity.deepCopy();
        String problem = deleteEntity(table, entity, recursive, hardDelete);
        if (problem != null) {
            throw ApiError.badRequest(problem);
        }
        double version = storedRow.path("version").asDouble();
        if (hardDelete) {
            // the server answers a hard delete with the row as it was stored: its last updatedAt, which can be old, and
            // the previous version of the row's own change description (a created-only row has none: its version)
            record(table, ChangeEvent.ENTITY_DELETED, storedRow, version > 0.1 ? unbump(version) : version);
        } else {
            record(table, ChangeEvent.ENTITY_SOFT_DELETED, entity, version);
        }
        return entity.deepCopy();
    }

    /** Deletes one entity (and, for collections, its endpoints when allowed); returns an error or null. */
    private String deleteEntity(EntityTable table, ObjectNode entity, boolean recursive, boolean hardDelete) {
        String fqn = entity.get("fullyQualifiedName").asText();
        if (table == collections) {
            List<ObjectNode> children = endpointsOf(entity);
            boolean hasActiveChildren = children.stream().anyMatch(c -> !c.path("deleted").asBoolean());
            if (!recursive && hasActiveChildren) {
                return "Entity apiCollection " + fqn + " is not empty";
            }
            for (ObjectNode child : children) {
                if (hardDelete) {
                    endpoints.remove(child.get("fullyQualifiedName").asText());
                } else if (!child.path("deleted").asBoolean()) {
                    touch(child, true);
                }
            }
        }
        if (hardDelete) {
            table.remove(fqn);
            entity.put("deleted", true);
        } else {
            touch(entity, true);
        }
        return null;
    }

    ObjectNode restore(EntityTable table, String id) {
        ObjectNode entity = table.byId(id);
        if (entity == null) {
            throw ApiError.notFound(table.type + " instance for " + id + " not found");
        }
        if (entity.path("deleted").asBoolean()) {
            double version = entity.path("version").asDouble();
            touch(entity, false);
            record(table, ChangeEvent.ENTITY_RESTORED, entity, version);
            if (table == collections) {
                for (ObjectNode child : endpointsOf(entity)) {
                    if (child.path("deleted").asBoolean()) {
                        touch(child, false);
                    }
                }
            }
        }
        return entity.deepCopy();
    }

    /** 2.0's deleteStale: deletes what the scope holds beyond {@code seenFqns}; an empty list deletes nothing. */
    ObjectNode deleteStale(boolean isCollections, ObjectNode request) {
        String scopeFqn = request.get("scopeFqn").asText();
        String scopeType = request.get("scopeEntityType").asText();
        Set<String> seen = new HashSet<>();
        request.get("seenFqns").forEach(fqn -> seen.add(fqn.asText()));
        boolean dryRun = request.path("dryRun").asBoolean(false);
        boolean hardDelete = request.path("hardDelete").asBoolean(false);
        boolean recursive = request.path("recursive").asBoolean(true);

        EntityTable table = isCollections ? collections : endpoints;
        String scopeField;
        if (scopeType.equals("service") || scopeType.equals("apiService")) {
            scopeField = "service";
        } else if (!isCollections && scopeType.equals("apiCollection")) {
            scopeField = "apiCollection";
        } else {
            scopeField = null; // unknown scope: nothing is deleted
        }
        List<ObjectNode> stale = new ArrayList<>();
        if (scopeField != null && !seen.isEmpty()) { // empty seenFqns = failed discovery: delete nothing
            for (ObjectNode entity : table.sorted.values()) {
                if (!entity.path("deleted").asBoolean()
                        && scopeFqn.equals(entity.path(scopeField).path("fullyQualifiedName").asText())
                        && !seen.contains(entity.get("fullyQualifiedName").asText())) {
                    stale.add(entity);
                }
            }
        }
        ArrayNode success = Json.NODES.arrayNode();
        ArrayNode failed = Json.NODES.arrayNode();
        for (ObjectNode entity : stale) {
            String fqn = entity.get("fullyQualifiedName").asText();
            if (dryRun) {
                success.add(BulkResults.response(Json.NODES.textNode(fqn), 200, "Entity would be deleted (dry run)"));
                continue;
            }
            String problem = deleteEntity(table, entity, recursive, hardDelete);
            if (problem == null) {
                success.add(BulkResults.response(Json.NODES.textNode(fqn), 200,
                        hardDelete ? "Entity hard deleted" : "Entity soft deleted"));
            } else {
                failed.add(BulkResults.response(Json.NODES.textNode(fqn), 400, problem));
            }
        }
        return BulkResults.result(dryRun, stale.size(), success, failed);
    }
}
