package dev.omrest.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the server adds for an orchestrator: the {@code openMetadataServerConnection} it builds for the ingestion bot
 * ({@code hostPort} = its {@code metadataApiEndpoint}, here the emulator's API URL; the bot's JWT in plain text, as
 * with the default {@code db} secrets manager; every other member at its schema default, as the server's Java object
 * writes them), and the date form of the bodies it sends.
 */
final class ServerConnection {
    /** How the deploy body writes a date: ISO with six decimals ({@code 2026-12-05T00:00:00.000000Z}), see §7. */
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String apiUrl;
    private final String botToken;

    ServerConnection(String apiUrl, String botToken) {
        this.apiUrl = apiUrl;
        this.botToken = botToken;
    }

    /** A fresh {@code openMetadataServerConnection}. */
    ObjectNode build() {
        ObjectNode connection = Json.NODES.objectNode();
        connection.put("clusterName", "openmetadata");
        connection.put("type", "OpenMetadata");
        connection.put("hostPort", apiUrl);
        connection.put("authProvider", "openmetadata");
        connection.put("verifySSL", "no-ssl");
        connection.putObject("securityConfig").put("jwtToken", botToken);
        connection.put("secretsManagerProvider", "db");
        connection.put("secretsManagerLoader", "noop");
        connection.put("apiVersion", "v1");
        for (String include : new String[]{"includeTopics", "includeTables", "includeDashboards", "includePipelines",
                "includeMlModels", "includeUsers", "includeTeams", "includeGlossaryTerms", "includeTags", "includePolicy",
                "includeMessagingServices", "enableVersionValidation", "includeDatabaseServices",
                "includePipelineServices"}) {
            connection.put(include, true);
        }
        connection.put("limitRecords", 1000);
        connection.put("forceEntityOverwriting", false);
        connection.put("storeServiceConnection", true);
        connection.put("supportsDataInsightExtraction", true);
        connection.put("supportsElasticSearchReindexingExtraction", true);
        return connection;
    }

    static String micros(long epochMillis) {
        return MICROS.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * A date the server reads into its Java date: epoch milliseconds as they are, or an ISO date-time (UTC when it has
     * no offset) or date; the REST API answers it as epoch milliseconds.
     */
    static long epochMillis(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            String text = value.asText();
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    } catch (DateTimeParseException notDate) {
                        // falls through to the error
                    }
                }
            }
        }
        throw ApiError.badRequest(path + " " + value + " is not a date-time");
    }
}
