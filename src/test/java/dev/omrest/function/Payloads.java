package dev.omrest.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.support.Specs;

/** Connection payloads in the upstream workflow-config shape, for tests. */
final class Payloads {
    private Payloads() {
    }

    static String url(String service, String specUrl, String specToken, String docUrl, String omUrl, String jwt) {
        return """
                {"source": {"type": "rest", "serviceName": "%s",
                   "serviceConnection": {"config": {"type": "Rest",
                     "openAPISchemaConnection": {"openAPISchemaURL": "%s"}%s%s}},
                   "sourceConfig": {"config": {"type": "ApiMetadata", "markDeletedApiCollections": true}}},
                 "sink": {"type": "metadata-rest", "config": {}},
                 "workflowConfig": {"loggerLevel": "INFO", "openMetadataServerConfig": {"hostPort": "%s",
                   "authProvider": "openmetadata", "securityConfig": {"jwtToken": "%s"}}}}"""
                .formatted(service, specUrl, specToken == null ? "" : ", \"token\": \"" + specToken + "\"",
                        docUrl == null ? "" : ", \"docURL\": \"" + docUrl + "\"", omUrl, jwt);
    }

    static String file(String service, String path, String omUrl, String jwt) {
        return """
                {"source": {"type": "rest", "serviceName": "%s",
                   "serviceConnection": {"config": {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaFilePath": "%s"}}},
                   "sourceConfig": {"config": {"type": "ApiMetadata"}}},
                 "sink": {"type": "metadata-rest", "config": {}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "%s", "authProvider": "openmetadata",
                   "securityConfig": {"jwtToken": "%s"}}}}""".formatted(service, path, omUrl, jwt);
    }

    /** The payload with one value replaced, addressed by a dotted path such as {@code source.sourceConfig.config.x}. */
    static String with(String payload, String dottedPath, Object value) {
        ObjectNode root = (ObjectNode) Specs.readJson(payload);
        String[] keys = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (ObjectNode) node.get(keys[i]);
        }
        node.set(keys[keys.length - 1], Specs.JSON.valueToTree(value));
        return root.toString();
    }
}
