package dev.omrest.emulator;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The emulator's one JSON mapper: strict, so a duplicate key or trailing text in a body is a contract violation; and a
 * helper that places a member where the server's writer puts it.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * A copy of {@code entity} with {@code member} set right after {@code after} (at the end when {@code after} is
     * absent), keeping the order in which the server's writer puts the members.
     */
    static ObjectNode insertAfter(ObjectNode entity, String after, String member, JsonNode value) {
        ObjectNode copy = NODES.objectNode();
        boolean placed = false;
        for (Map.Entry<String, JsonNode> e : entity.properties()) {
            if (!e.getKey().equals(member)) {
                copy.set(e.getKey(), e.getValue().deepCopy());
            }
            if (e.getKey().equals(after)) {
                copy.set(member, value);
                placed = true;
            }
        }
        if (!placed) {
            copy.set(member, value);
        }
        return copy;
    }
}
