package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Whether a listed collection's last change, as OpenMetadata describes it, set only its sourceHash to what it is. */
class LastChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAMP = """
            {"fieldsAdded": [], "fieldsUpdated": [{"name": "sourceHash", "oldValue": "~old", "newValue": "~new"}],
             "fieldsDeleted": [], "previousVersion": 0.2}""";
    private static final String EDIT = """
            {"fieldsAdded": [], "fieldsUpdated": [{"name": "description", "oldValue": "a", "newValue": "b"}],
             "fieldsDeleted": [], "previousVersion": 0.3}""";

    private static Boolean only(String entity) throws Exception {
        JsonNode node = JSON.readTree(entity);
        return Catalogue.onlySourceHashChanged(node, node.path("sourceHash").asText(null));
    }

    @Test
    void theStampAloneIsTheLastChange() throws Exception {
        assertEquals(true, only("{\"sourceHash\": \"~new\", \"changeDescription\": " + STAMP + "}"));
        assertEquals(false, only("{\"sourceHash\": \"~other\", \"changeDescription\": " + STAMP + "}"),
                "set to another value than the one listed");
        assertEquals(false, only("{\"sourceHash\": \"~new\", \"changeDescription\": " + EDIT + "}"));
        assertEquals(false, only("""
                {"sourceHash": "~new", "changeDescription": {"fieldsAdded": [{"name": "tags", "newValue": "[]"}],
                 "fieldsUpdated": [{"name": "sourceHash", "oldValue": "~old", "newValue": "~new"}], "fieldsDeleted": []}}"""),
                "and something else");
    }

    /**
     * Newer servers merge one user's edits within a session into one version (its changeDescription then covers
     * both) and describe the last edit alone in incrementalChangeDescription, which is the one read.
     */
    @Test
    void theIncrementalDescriptionWinsWhereTheServerHasIt() throws Exception {
        String merged = """
                {"fieldsAdded": [], "fieldsUpdated": [{"name": "description", "oldValue": "a", "newValue": "b"},
                 {"name": "sourceHash", "oldValue": "~old", "newValue": "~new"}], "fieldsDeleted": []}""";
        assertEquals(true, only("{\"sourceHash\": \"~new\", \"changeDescription\": " + merged
                + ", \"incrementalChangeDescription\": " + STAMP + "}"));
        assertEquals(false, only("{\"sourceHash\": \"~new\", \"changeDescription\": " + STAMP
                + ", \"incrementalChangeDescription\": " + EDIT + "}"));
        assertEquals(false, only("{\"sourceHash\": \"~new\", \"changeDescription\": " + merged + "}"));
    }

    @Test
    void noDescriptionIsNotKnown() throws Exception {
        assertNull(only("{\"sourceHash\": \"~new\"}"));
        assertNull(only("{\"sourceHash\": \"~new\", \"changeDescription\": null}"));
    }
}
