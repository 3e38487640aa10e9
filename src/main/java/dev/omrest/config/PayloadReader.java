package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns the upstream-shaped workflow config into {@link IngestSettings}, or says every field that is wrong. */
public final class PayloadReader {

    public static final String SINK_METADATA_REST = "metadata-rest";
    public static final String SINK_FILE = "file";
    private static final Set<String> VERIFY_SSL = Set.of("no-ssl", "ignore", "validate");
    private static final String CONNECTION = "source.serviceConnection.config";
    private static final String SOURCE_CONFIG = "source.sourceConfig.config";
    private static final String SERVER = "workflowConfig.openMetadataServerConfig";

    private PayloadReader() {
    }

    public static IngestSettings read(JsonNode payload) {
        PayloadFields f = new PayloadFields();
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException(List.of("the payload must be a JSON object with source, sink and workflowConfig"));
        }
        JsonNode source = f.object(payload, "", "source", true);
        String serviceName = f.text(source, "source", "serviceName", true);
        JsonNode connection = f.object(f.object(source, "source", "serviceConnection", true),
                "source.serviceConnection", "config", true);
        SpecLocation spec = null;
        String docUrl = null;
        ObjectNode storedConnection = null;
        if (connection != null) {
            String type = f.text(connection, CONNECTION, "type", false);
            if (type != null && !type.equals("Rest")) {
                f.problem(CONNECTION + ".type must be Rest, not '" + type + "'");
            }
            spec = specLocation(f, connection);
            docUrl = f.text(connection, CONNECTION, "docURL", false);
            if (docUrl != null && !isHttpUrl(docUrl)) {
                f.problem(CONNECTION + ".docURL must be an http(s) URL, not '" + docUrl + "'");
            }
            String verifySsl = f.text(connection, CONNECTION, "verifySSL", false);
            if (verifySsl != null && !VERIFY_SSL.contains(verifySsl)) {
                f.problem(CONNECTION + ".verifySSL must be one of no-ssl, ignore, validate, not '" + verifySsl + "'");
            }
            storedConnection = normalisedConnection(connection);
        }

        JsonNode sourceConfig = f.object(f.object(source, "source", "sourceConfig", false),
                "source.sourceConfig", "config", false);
        String pipelineType = f.text(sourceConfig, SOURCE_CONFIG, "type", false);
        if (pipelineType != null && !pipelineType.equals("ApiMetadata")) {
            f.problem(SOURCE_CONFIG + ".type must be ApiMetadata, not '" + pipelineType + "'");
        }
        NameFilter collectionFilter = filter(f, sourceConfig, SOURCE_CONFIG, "apiCollectionFilterPattern");
        NameFilter endpointFilter = filter(f, sourceConfig, SOURCE_CONFIG, "apiEndpointFilterPattern");
        boolean markDeleted = f.bool(sourceConfig, SOURCE_CONFIG, "markDeletedApiCollections", true);
        boolean markDeletedEndpoints = f.bool(sourceConfig, SOURCE_CONFIG, "markDeletedApiEndpoints", true);
        double maxShare = f.fraction(sourceConfig, SOURCE_CONFIG, "deletionGuardMaxShare", 0.5);
        boolean allowMassDeletion = f.bool(sourceConfig, SOURCE_CONFIG, "allowMassDeletion", false);
        boolean overrideMetadata = f.bool(sourceConfig, SOURCE_CONFIG, "overrideMetadata", false);

        JsonNode workflow = f.object(payload, "", "workflowConfig", false);
        JsonNode server = f.object(workflow, "workflowConfig", "openMetadataServerConfig", false);
        String pipelineFqn = f.text(workflow, "workflowConfig", "ingestionPipelineFQN", false);
        SinkTarget sink = sink(f, f.object(payload, "", "sink", false), server);
        if (server != null && !f.bool(server, SERVER, "storeServiceConnection", true)) {
            storedConnection = null;
        }
        if (!f.problems().isEmpty()) {
            throw new InvalidPayloadException(f.problems());
        }
        return new IngestSettings(serviceName, spec, docUrl, collectionFilter, endpointFilter, markDeleted,
                markDeletedEndpoints, maxShare, allowMassDeletion, overrideMetadata, sink, storedConnection, pipelineFqn);
    }

    private static SpecLocation specLocation(PayloadFields f, JsonNode connection) {
        JsonNode nested = f.object(connection, CONNECTION, "openAPISchemaConnection", false);
        String base = nested != null ? CONNECTION + ".openAPISchemaConnection" : CONNECTION;
        JsonNode holder = nested != null ? nested : connection;
        String url = f.text(holder, base, "openAPISchemaURL", false);
        String file = f.text(holder, base, "openAPISchemaFilePath", false);
        String s3 = f.text(holder, base, "openAPISchemaS3URL", false);
        int given = (url != null ? 1 : 0) + (file != null ? 1 : 0) + (s3 != null ? 1 : 0);
        if (given != 1) {
            f.problem(CONNECTION + ".openAPISchemaConnection must set exactly one of openAPISchemaURL, "
                    + "openAPISchemaFilePath, openAPISchemaS3URL" + (given == 0 ? "" : " (found " + given + ")"));
            return null;
        }
        if (url != null) {
            if (!isHttpUrl(url)) {
                f.problem(base + ".openAPISchemaURL must be an http(s) URL, not '" + url + "'");
                return null;
            }
            return new SpecLocation.Url(URI.create(url), Secret.of(f.text(connection, CONNECTION, "token", false)));
        }
        if (file != null) {
            return new SpecLocation.File(Path.of(file));
        }
        return new SpecLocation.S3(s3);
    }

    private static NameFilter filter(PayloadFields f, JsonNode parent, String path, String key) {
        JsonNode node = f.object(parent, path, key, false);
        if (node == null) {
            return NameFilter.ACCEPT_ALL;
        }
        String at = path + "." + key;
        return new NameFilter(patterns(f, f.strings(node, at, "includes"), at + ".includes"),
                patterns(f, f.strings(node, at, "excludes"), at + ".excludes"));
    }

    private static List<Pattern> patterns(PayloadFields f, List<String> regexes, String at) {
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < regexes.size(); i++) {
            try {
                patterns.add(NameFilter.compile(regexes.get(i)));
            } catch (PatternSyntaxException e) {
                f.problem(at + "[" + i + "] is not a valid regular expression: " + e.getDescription());
            }
        }
        return patterns;
    }

    private static SinkTarget sink(PayloadFields f, JsonNode sink, JsonNode server) {
        String type = sink == null ? SINK_METADATA_REST : f.text(sink, "sink", "type", false);
        if (type == null) {
            type = SINK_METADATA_REST;
        }
        if (type.equals(SINK_FILE)) {
            String filename = f.text(f.object(sink, "sink", "config", true), "sink.config", "filename", true);
            return filename == null ? null : new SinkTarget.File(Path.of(filename));
        }
        if (!type.equals(SINK_METADATA_REST)) {
            f.problem("sink.type must be metadata-rest or file, not '" + type + "'");
            return null;
        }
        if (server == null) {
            f.problem(SERVER + " is required for sink metadata-rest");
            return null;
        }
        String hostPort = f.text(server, SERVER, "hostPort", true);
        if (hostPort != null && !isHttpUrl(hostPort)) {
            f.problem(SERVER + ".hostPort must be an http(s) URL such as http://localhost:8585/api, not '" + hostPort + "'");
            hostPort = null;
        }
        String authProvider = f.text(server, SERVER, "authProvider", false);
        if (authProvider != null && !authProvider.equals("openmetadata")) {
            f.problem(SERVER + ".authProvider must be openmetadata, not '" + authProvider + "'");
        }
        String jwt = f.text(f.object(server, SERVER, "securityConfig", true), SERVER + ".securityConfig", "jwtToken", true);
        return hostPort == null || jwt == null ? null : new SinkTarget.OpenMetadata(URI.create(hostPort), Secret.of(jwt));
    }

    /** The connection as the current upstream schema wants it: nested schema location, defaults filled. */
    private static ObjectNode normalisedConnection(JsonNode connection) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", "Rest");
        JsonNode nested = connection.get("openAPISchemaConnection");
        if (nested != null && nested.isObject()) {
            out.set("openAPISchemaConnection", nested.deepCopy());
        } else {
            out.putObject("openAPISchemaConnection").set("openAPISchemaURL", connection.get("openAPISchemaURL"));
        }
        connection.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("openAPISchemaURL") && !e.getKey().equals("openAPISchemaConnection")
                    && !e.getKey().equals("type") && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (!out.has("verifySSL")) {
            out.put("verifySSL", "no-ssl");
        }
        if (!out.has("supportsMetadataExtraction")) {
            out.put("supportsMetadataExtraction", true);
        }
        return out;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
