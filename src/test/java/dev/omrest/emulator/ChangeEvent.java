package dev.omrest.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * One row of the server's {@code change_event} table, as OpenMetadata's response filter builds it from a write's
 * answer ({@code docs/unchanged-reruns-research.md} §1): the entity as it stood in that answer, with {@code timestamp}
 * taken from the entity's {@code updatedAt} rather than from the clock when the row was written. That is why a hard
 * delete, whose answer is the stored row, carries the entity's last {@code updatedAt}, an old time.
 *
 * @param previousVersion the version before the change (the server reads it from the change description; for a create,
 *                        or a row the change description does not cover, the current version)
 * @param entity          the entity's JSON as a string: the server stores it serialized, and {@code /v1/events} hands it
 *                        back that way
 */
public record ChangeEvent(String id, String eventType, String entityType, String entityId,
                          String entityFullyQualifiedName, String userName, long timestamp, double previousVersion,
                          double currentVersion, String entity) {

    public static final String ENTITY_CREATED = "entityCreated";
    public static final String ENTITY_UPDATED = "entityUpdated";
    public static final String ENTITY_RESTORED = "entityRestored";
    public static final String ENTITY_SOFT_DELETED = "entitySoftDeleted";
    public static final String ENTITY_DELETED = "entityDeleted";

    /** The only caller the emulator knows: its one token is the ingestion bot's. */
    static final String INGESTION_BOT = "ingestion-bot";

    /** The event for a write to {@code entity} (as it is answered), stamped with {@code timestamp}. */
    static ChangeEvent of(String eventType, String entityType, ObjectNode entity, long timestamp,
                          double previousVersion) {
        try {
            return new ChangeEvent(UUID.randomUUID().toString(), eventType, entityType, entity.get("id").asText(),
                    entity.get("fullyQualifiedName").asText(), INGESTION_BOT, timestamp, previousVersion,
                    entity.path("version").asDouble(), Json.MAPPER.writeValueAsString(entity));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entity the event carries, parsed back from its string. */
    public JsonNode entityJson() {
        try {
            return Json.MAPPER.readTree(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event as {@code /v1/events} answers it, members in the order of OpenMetadata's changeEvent schema. */
    public ObjectNode toJson() {
        ObjectNode node = Json.NODES.objectNode();
        node.put("id", id);
        node.put("eventType", eventType);
        node.put("entityType", entityType);
        node.put("entityId", entityId);
        node.put("entityFullyQualifiedName", entityFullyQualifiedName);
        node.put("previousVersion", previousVersion);
        node.put("currentVersion", currentVersion);
        node.put("userName", userName);
        node.put("timestamp", timestamp);
        node.put("entity", entity);
        return node;
    }
}
