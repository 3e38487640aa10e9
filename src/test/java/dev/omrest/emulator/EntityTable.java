package dev.omrest.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * One entity table (services, collections or endpoints), indexed three ways: by FQN in insertion order (what the
 * emulator's accessors return), by FQN sorted (the server pages listings in FQN order) and by id. Not thread-safe:
 * {@link EntityStore} guards it.
 */
final class EntityTable {
    final String type;
    /** Where an entity's {@code href} points below the API URL, e.g. {@code /v1/apiCollections/}. */
    final String hrefPath;
    final LinkedHashMap<String, ObjectNode> byFqn = new LinkedHashMap<>();
    final TreeMap<String, ObjectNode> sorted = new TreeMap<>();
    final HashMap<String, String> fqnById = new HashMap<>();

    EntityTable(String type, String hrefPath) {
        this.type = type;
        this.hrefPath = hrefPath;
    }

    void put(String fqn, ObjectNode entity) {
        byFqn.put(fqn, entity);
        sorted.put(fqn, entity);
        fqnById.put(entity.path("id").asText(), fqn);
    }

    void remove(String fqn) {
        ObjectNode removed = byFqn.remove(fqn);
        sorted.remove(fqn);
        if (removed != null) {
            fqnById.remove(removed.path("id").asText());
        }
    }

    ObjectNode byId(String id) {
        String fqn = fqnById.get(id);
        return fqn == null ? null : byFqn.get(fqn);
    }

    void clear() {
        byFqn.clear();
        sorted.clear();
        fqnById.clear();
    }
}
