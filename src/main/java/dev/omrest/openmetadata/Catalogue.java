package dev.omrest.openmetadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the server holds for a service: its version, whether the service exists, and every collection and endpoint. */
public final class Catalogue {
    static final int LIST_PAGE = 1000;

    private Catalogue() {
    }

    /** @throws OpenMetadataException when the server cannot be read (a run then writes nothing) */
    public static CurrentState read(OpenMetadataApi api, ServerCalls calls, String serviceName) {
        ServerVersion version = ServerVersion.parse(
                calls.require("GET /v1/system/version", api::version).body().path("version").asText(null));
        return serviceExists(api, calls, serviceName)
                ? new CurrentState(version.version(), true, list(api, calls, serviceName, true), list(api, calls, serviceName, false))
                : new CurrentState(version.version(), false, Map.of(), Map.of());
    }

    private static boolean serviceExists(OpenMetadataApi api, ServerCalls calls, String name) {
        ServerCalls.Answer answer = calls.call(() -> api.apiService(name));
        if (answer.status() == 404) {
            return false;
        }
        if (!answer.ok()) {
            throw new OpenMetadataException(answer.status(),
                    "GET /v1/services/apiServices/name/" + name + " failed: " + answer.problem());
        }
        return true;
    }

    /** Every collection (or endpoint) of the service, soft-deleted ones included, following the cursors. */
    private static Map<String, ExistingEntity> list(OpenMetadataApi api, ServerCalls calls, String service, boolean collections) {
        Map<String, ExistingEntity> entities = new LinkedHashMap<>();
        String after = null;
        do {
            String cursor = after;
            JsonNode page = calls.require(collections ? "GET /v1/apiCollections" : "GET /v1/apiEndpoints",
                    () -> collections
                            ? api.listApiCollections(service, "sourceHash", LIST_PAGE, cursor, "all")
                            : api.listApiEndpoints(service, "sourceHash", LIST_PAGE, cursor, "all")).body();
            for (JsonNode entity : page.path("data")) {
                String fqn = entity.path("fullyQualifiedName").asText();
                String parent = collections ? null : entity.path("apiCollection").path("fullyQualifiedName").asText(null);
                entities.put(fqn, new ExistingEntity(entity.path("id").asText(), fqn, parent,
                        entity.path("sourceHash").asText(null), entity.path("deleted").asBoolean(false)));
            }
            after = page.path("paging").path("after").asText(null);
        } while (after != null && !after.isEmpty());
        return entities;
    }
}
