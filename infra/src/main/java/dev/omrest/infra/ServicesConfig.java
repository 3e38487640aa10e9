package dev.omrest.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The services file ({@code infra/services.json}): which services to ingest on a schedule. Every problem is
 * reported at once, with its JSON path, before anything is synthesized; problem texts never contain a
 * secret's value.
 *
 * <pre>
 * {"services": [{"name": "petstore", "schedule": "cron(0 3 * * ? *)", "enabled": true,
 *                "retryAttempts": 2, "maxEventAgeSeconds": 3600, "payload": { ...workflow config... }}]}
 * </pre>
 */
public final class ServicesConfig {
    /** EventBridge's limit for a target's constant input. */
    public static final int MAX_INPUT_CHARS = 8192;
    static final int DEFAULT_RETRY_ATTEMPTS = 2;
    static final int DEFAULT_MAX_EVENT_AGE_SECONDS = 3600;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "schedule", "enabled", "retryAttempts", "maxEventAgeSeconds", "payload", "description");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServicesConfig() {
    }

    public static List<ScheduledService> load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigException("Cannot read the services file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static List<ScheduledService> parse(String json, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(origin + " is not valid JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        List<ScheduledService> services = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("services");
        if (list == null || !list.isArray()) {
            throw new InvalidConfigException(origin + ": expected an object with a 'services' array");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ScheduledService service = entry(list.get(i), "services[" + i + "]", problems);
            if (service != null && !names.add(service.name())) {
                problems.add("services[" + i + "].name '" + service.name() + "' is used twice");
            }
            if (service != null) {
                services.add(service);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(origin + " has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
        }
        return List.copyOf(services);
    }

    private static ScheduledService entry(JsonNode node, String path, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(path + " must be an object");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                problems.add(path + "." + key + " is not a known field (known: " + new java.util.TreeSet<>(ENTRY_KEYS) + ")");
            }
        }
        String name = text(node, "name");
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(path + ".name is required: 1-64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        String schedule = text(node, "schedule");
        if (schedule == null || !SCHEDULE.matcher(schedule.strip()).matches()) {
            problems.add(path + ".schedule is required: an EventBridge expression such as rate(1 day) or cron(0 3 * * ? *)");
        }
        boolean enabled = true;
        if (node.has("enabled")) {
            if (!node.get("enabled").isBoolean()) {
                problems.add(path + ".enabled must be true or false");
            } else {
                enabled = node.get("enabled").booleanValue();
            }
        }
        int retries = integer(node, "retryAttempts", DEFAULT_RETRY_ATTEMPTS, 0, 185, path, problems);
        int maxAge = integer(node, "maxEventAgeSeconds", DEFAULT_MAX_EVENT_AGE_SECONDS, 60, 86400, path, problems);

        JsonNode payload = node.get("payload");
        AccessNeeds access = null;
        if (payload == null || !payload.isObject()) {
            problems.add(path + ".payload is required: the connection payload (workflow config) as a JSON object");
        } else {
            JsonNode serviceName = payload.path("source").path("serviceName");
            if (!serviceName.isTextual() || serviceName.asText().isBlank()) {
                problems.add(path + ".payload.source.serviceName is required");
            }
            access = AccessNeeds.of(payload, path + ".payload", problems);
            int size = payload.toString().length();
            if (size > MAX_INPUT_CHARS) {
                problems.add(path + ".payload is " + size + " characters as JSON; EventBridge takes at most " + MAX_INPUT_CHARS);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ScheduledService(name, schedule.strip(), enabled, retries, maxAge, (ObjectNode) payload.deepCopy(), access);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static int integer(JsonNode node, String key, int fallback, int min, int max, String path, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add(path + "." + key + " must be an integer from " + min + " to " + max);
            return fallback;
        }
        return value.asInt();
    }

    /** The services file or a context value is wrong; the message lists every problem. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }
}
