package dev.omrest.openmetadata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Write calls' bodies both ways. A request goes out as UTF-8 bytes: the JSON the plan fingerprinted, or serialised in
 * the writer's own thread (the REST client's JSON writer builds a string and then its bytes, on the event loop). An
 * answer is read for its outcome alone: OpenMetadata echoes every entity it stored (a bulk call's
 * {@code successRequest}, a PUT's whole entity), as many bytes as were sent, and none of it is needed.
 */
public final class JsonBodies {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The top-level fields a write's answer is read for: the entity's id, an error's message, a bulk call's failures. */
    private static final Set<String> OUTCOME = Set.of("id", "code", "message", "error", "status", "failedRequest",
            "numberOfRowsPassed", "numberOfRowsFailed");

    private JsonBodies() {
    }

    public static byte[] request(Object request) {
        try {
            return JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a " + request.getClass().getSimpleName(), e);
        }
    }

    /** A JSON array of the given JSON values, as one body. */
    public static byte[] array(List<byte[]> values) {
        int length = 2 + Math.max(0, values.size() - 1);
        for (byte[] value : values) {
            length += value.length;
        }
        byte[] array = new byte[length];
        array[0] = '[';
        int at = 1;
        for (byte[] value : values) {
            if (at > 1) {
                array[at++] = ',';
            }
            System.arraycopy(value, 0, array, at, value.length);
            at += value.length;
        }
        array[at] = ']';
        return array;
    }

    /** Fastest deflate level: JSON shrinks 5 to 8 times even so, and a Lambda has a fraction of a core. */
    static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The answer's outcome fields; a body that is not a JSON object reads as missing. */
    static JsonNode outcome(InputStream body) throws IOException {
        try (JsonParser parser = new FilteringParserDelegate(JSON.createParser(body), new TopLevel(),
                TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            JsonNode node = JSON.readTree(parser);
            return node == null || !node.isObject() ? MissingNode.getInstance() : node;
        }
    }

    /**
     * Of an events answer, the four fields of each event a seal check reads: each event also carries its entity's
     * whole JSON, and the answer holds every API entity's events on the server since the time asked.
     */
    static JsonNode changeEvents(InputStream body) throws IOException {
        try (JsonParser parser = new FilteringParserDelegate(JSON.createParser(body), new EventsData(),
                TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
            JsonNode node = JSON.readTree(parser);
            return node == null || !node.isObject() ? MissingNode.getInstance() : node;
        }
    }

    private static final Set<String> EVENT_FIELDS = Set.of("eventType", "entityType", "entityFullyQualifiedName", "timestamp");

    /** A filter that keeps only what it names: no scalar by default. */
    private abstract static class Naming extends TokenFilter {
        @Override
        protected boolean _includeScalar() {
            return false;
        }
    }

    /** {@code data}, and in it each event's {@link #EVENT_FIELDS}; an error's {@code code} and {@code message}. */
    private static final class EventsData extends Naming {
        @Override
        public TokenFilter includeProperty(String name) {
            if (name.equals("code") || name.equals("message")) {
                return TokenFilter.INCLUDE_ALL;
            }
            return name.equals("data") ? new EventList() : null;
        }
    }

    /** The events: objects only. */
    private static final class EventList extends Naming {
        @Override
        public TokenFilter includeElement(int index) {
            return new EventFields();
        }

        @Override
        public TokenFilter filterStartObject() {
            return null;
        }
    }

    private static final class EventFields extends Naming {
        @Override
        public TokenFilter includeProperty(String name) {
            return EVENT_FIELDS.contains(name) ? TokenFilter.INCLUDE_ALL : null;
        }

        @Override
        public TokenFilter filterStartArray() {
            return null;
        }
    }

    private static final class TopLevel extends Naming {
        @Override
        public TokenFilter includeProperty(String name) {
            return OUTCOME.contains(name) ? TokenFilter.INCLUDE_ALL : null;
        }

        @Override
        public TokenFilter filterStartArray() {
            return null;
        }
    }
}
