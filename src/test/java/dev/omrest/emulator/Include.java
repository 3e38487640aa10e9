package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

/** The {@code include} query parameter: which entities a GET sees by their soft-deletion flag. */
enum Include implements Predicate<JsonNode> {
    NON_DELETED, DELETED, ALL;

    static Include parse(String value) {
        if (value == null || value.equals("non-deleted")) {
            return NON_DELETED;
        }
        if (value.equals("deleted")) {
            return DELETED;
        }
        if (value.equals("all")) {
            return ALL;
        }
        throw ApiError.badRequest("query param include must be one of [non-deleted, deleted, all]");
    }

    @Override
    public boolean test(JsonNode entity) {
        boolean deleted = entity.path("deleted").asBoolean();
        return this == ALL || (this == DELETED) == deleted;
    }
}
