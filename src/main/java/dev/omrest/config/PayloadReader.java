package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns the upstream-shaped workflow config into settings, or says every field that is wrong. */
public final class PayloadReader {

    public static final String SINK_METADATA_REST = "metadata-rest";
    public static final String SINK_FILE = "file";
    private static final Set<String> VERIFY_SSL = Set.of("no-ssl", "ignore", "validate");
    /** The keys of upstream's RestConnection; only these are stored on the API service (its schema allows no others). */
    private static final Set<String> UPSTREAM_CONNECTION_KEYS = Set.of("type", "openAPISchemaConnection", "token", "docURL",
            "apiCollectionFilterPattern", "apiEndpointFilterPattern", "verifySSL", "sslConfig", "supportsMetadataExtraction");
    private static final String CONNECTION = "source.serviceConnection.config";
    private static final String SOURCE_CONFIG = "source.sourceConfig.config";
    private static final String SERVER = "workflowConfig.openMetadataServerConfig";

    private final SecretReferences secrets;

    public PayloadReader(SecretReferences secrets) {
        this.secrets = secrets;
    }

    /** Reads with {@code env:} references resolved from this process's environment (no AWS lookups). */
    public static IngestSettings read(JsonNode payload) {
        return new PayloadReader(SecretReferences.environmentOnly()).ingestSettings(payload);
    }

    public IngestSettings ingestSettings(JsonNode payload) {
        PayloadFields f = new PayloadFields();
        SourcePart part = source(f, payload, true);
        JsonNode source = part.source();
        JsonNode connection = part.connection();
        String docUrl = connection == null ? null : docUrl(f, connection);
        ObjectNode storedConnection = connection == null ? null : storedConnection(connection);

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
        SchemaFieldsMode schemaFields = schemaFields(f, sourceConfig);
        UnchangedCheck unchangedCheck = unchangedCheck(f, sourceConfig);

        JsonNode workflow = f.object(payload, "", "workflowConfig", false);
        JsonNode server = f.object(workflow, "workflowConfig", "openMetadataServerConfig", false);
        // upstream's workflow config has both at its top level; workflowConfig.ingestionPipelineFQN is this project's
        // older spelling, still read
        String pipelineFqn = f.text(payload, "", "ingestionPipelineFQN", false);
        if (pipelineFqn == null) {
            pipelineFqn = f.text(workflow, "workflowConfig", "ingestionPipelineFQN", false);
        }
        String runId = f.text(payload, "", "pipelineRunId", false);
        if (runId != null && !RunIds.valid(runId)) {
            f.problem("pipelineRunId must be a UUID, not '" + Redact.text(runId) + "'");
        }
        SinkTarget sink = sink(f, f.object(payload, "", "sink", false), server);
        if (server != null && !f.bool(server, SERVER, "storeServiceConnection", true)) {
            storedConnection = null;
        }
        throwIfProblems(f);
        return new IngestSettings(part.serviceName(), part.spec(), docUrl, collectionFilter, endpointFilter, markDeleted,
                markDeletedEndpoints, maxShare, allowMassDeletion, overrideMetadata, sink, storedConnection, pipelineFqn,
                runId, f.bool(payload, "", "enableStreamableLogs", false), schemaFields, unchangedCheck);
    }

    /** {@code extended} (default) or {@code upstream}. */
    private static SchemaFieldsMode schemaFields(PayloadFields f, JsonNode sourceConfig) {
        String text = f.text(sourceConfig, SOURCE_CONFIG, "schemaFields", false);
        if (text == null) {
            return SchemaFieldsMode.EXTENDED;
        }
        SchemaFieldsMode mode = SchemaFieldsMode.fromText(text);
        if (mode == null) {
            f.problem(SOURCE_CONFIG + ".schemaFields must be extended or upstream, not '" + text + "'");
            return SchemaFieldsMode.EXTENDED;
        }
        return mode;
    }

    /** {@code listing} or {@code changeEvents}, and hours from 1 to 144; what is not said is left null. */
    private static UnchangedCheck unchangedCheck(PayloadFields f, JsonNode sourceConfig) {
        String text = f.text(sourceConfig, SOURCE_CONFIG, "unchangedCheck", false);
        UnchangedCheck.Mode mode = text == null ? null : UnchangedCheck.Mode.fromText(text);
        if (text != null && mode == null) {
            f.problem(SOURCE_CONFIG + ".unchangedCheck must be listing or changeEvents, not '" + text + "'");
        }
        Integer hours = f.wholeNumber(sourceConfig, SOURCE_CONFIG, "unchangedCheckMaxAgeHours", 1,
                UnchangedCheck.MAX_AGE_HOURS_LIMIT);
        return new UnchangedCheck(mode, hours == null ? null : Duration.ofHours(hours));
    }

    /** For test connection only the connection is required; a server config adds a server check. */
    public ConnectionCheckSettings connectionCheckSettings(JsonNode payload) {
        PayloadFields f = new PayloadFields();
        SourcePart part = source(f, payload, false);
        JsonNode server = f.object(f.object(payload, "", "workflowConfig", false), "workflowConfig",
                "openMetadataServerConfig", false);
        SinkTarget.OpenMetadata target = server == null ? null : serverTarget(f, server);
        throwIfProblems(f);
        return new ConnectionCheckSettings(part.spec(), target, part.serviceName());
    }

    /** The parts of {@code source} both readings share. */
    private record SourcePart(JsonNode source, String serviceName, JsonNode connection, SpecLocation spec) {
    }

    private SourcePart source(PayloadFields f, JsonNode payload, boolean serviceNameRequired) {
        requireObject(payload);
        JsonNode source = f.object(payload, "", "source", true);
        String serviceName = f.text(source, "source", "serviceName", serviceNameRequired);
        String nameProblem = serviceName == null ? null : EntityNames.entityNameProblem(serviceName);
        if (nameProblem != null) {
            f.problem("source.serviceName: " + nameProblem);
            serviceName = null;
        }
        JsonNode connection = connectionConfig(f, source);
        return new SourcePart(source, serviceName, connection, connection == null ? null : specLocation(f, connection));
    }

    private static void requireObject(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new InvalidPayloadException(List.of("the payload must be a JSON object with source, sink and workflowConfig"));
        }
    }

    private static void throwIfProblems(PayloadFields f) {
        if (!f.problems().isEmpty()) {
            throw new InvalidPayloadException(f.problems());
        }
    }

    private static JsonNode connectionConfig(PayloadFields f, JsonNode source) {
        JsonNode connection = f.object(f.object(source, "source", "serviceConnection", true),
                "source.serviceConnection", "config", true);
        String type = f.text(connection, CONNECTION, "type", false);
        if (type != null && !type.equals("Rest")) {
            f.problem(CONNECTION + ".type must be Rest, not '" + type + "'");
        }
        return connection;
    }

    private static String docUrl(PayloadFields f, JsonNode connection) {
        String docUrl = f.text(connection, CONNECTION, "docURL", false);
        if (docUrl != null && !isHttpUrl(docUrl)) {
            f.problem(CONNECTION + ".docURL must be an http(s) URL, not '" + Redact.text(docUrl) + "'");
            return null;
        }
        return docUrl == null ? null : Redact.withoutUserInfo(docUrl);
    }

    private SpecLocation specLocation(PayloadFields f, JsonNode connection) {
        JsonNode nested = f.object(connection, CONNECTION, "openAPISchemaConnection", false);
        String base = nested != null ? CONNECTION + ".openAPISchemaConnection" : CONNECTION;
        JsonNode holder = nested != null ? nested : connection;
        String url = f.text(holder, base, "openAPISchemaURL", false);
        String file = f.text(holder, base, "openAPISchemaFilePath", false);
        String s3 = f.text(holder, base, "openAPISchemaS3URL", false);
        HttpAccess access = httpAccess(f, connection);
        int given = (url != null ? 1 : 0) + (file != null ? 1 : 0) + (s3 != null ? 1 : 0);
        if (given != 1) {
            f.problem(CONNECTION + ".openAPISchemaConnection must set exactly one of openAPISchemaURL, "
                    + "openAPISchemaFilePath, openAPISchemaS3URL" + (given == 0 ? "" : " (found " + given + ")"));
            return null;
        }
        if (url != null) {
            if (!isHttpUrl(url)) {
                f.problem(base + ".openAPISchemaURL must be an http(s) URL, not '" + Redact.text(url) + "'");
                return null;
            }
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() != null) {
                // as upstream's HTTP client does: user info in the URL is HTTP Basic credentials; the URL is kept without it
                access = access.withBasicCredentials(uri.getUserInfo());
                uri = URI.create(Redact.withoutUserInfo(url));
            }
            return new SpecLocation.Url(uri, access);
        }
        if (file != null) {
            Path path = localFile(f, base + ".openAPISchemaFilePath", file);
            return path == null ? null : new SpecLocation.File(path);
        }
        return s3Location(f, base, s3, f.object(holder, base, "awsCredentials", false));
    }

    private SpecLocation.S3 s3Location(PayloadFields f, String base, String url, JsonNode credentials) {
        S3Urls.BucketAndKey object;
        try {
            object = S3Urls.parse(url);
        } catch (IllegalArgumentException e) {
            f.problem(base + ".openAPISchemaS3URL: " + e.getMessage());
            return null;
        }
        String at = base + ".awsCredentials";
        String region = f.text(credentials, at, "awsRegion", false);
        String keyId = f.text(credentials, at, "awsAccessKeyId", false);
        Secret secretKey = secrets.resolve(f.text(credentials, at, "awsSecretAccessKey", false), at + ".awsSecretAccessKey", f);
        Secret sessionToken = secrets.resolve(f.text(credentials, at, "awsSessionToken", false), at + ".awsSessionToken", f);
        if ((keyId == null) != (secretKey == null)) {
            f.problem(at + " must set both awsAccessKeyId and awsSecretAccessKey, or neither (to use the function's role)");
        } else if (keyId == null && !secrets.trust().lendsRoleForS3()) {
            f.problem(at + " must set awsAccessKeyId and awsSecretAccessKey: a connection from OpenMetadata does not get "
                    + "this function's own role to read S3 with");
        }
        String endpoint = f.text(credentials, at, "endPointURL", false);
        if (endpoint != null && !isHttpUrl(endpoint)) {
            f.problem(at + ".endPointURL must be an http(s) URL, not '" + Redact.text(endpoint) + "'");
            endpoint = null;
        } else if (endpoint != null && !secrets.trust().allowsS3Endpoint(endpoint)) {
            // the function's role would sign the request to it (session token included)
            f.problem(at + ".endPointURL is not an S3 endpoint the deployment allows this function to use");
            endpoint = null;
        }
        return new SpecLocation.S3(object, region, keyId, secretKey, sessionToken, endpoint == null ? null : URI.create(endpoint));
    }

    /** Upstream's token and TLS settings, plus this project's basicAuth, apiKey, headers and oauth2. */
    private HttpAccess httpAccess(PayloadFields f, JsonNode connection) {
        Map<String, Secret> headers = new LinkedHashMap<>();
        Map<String, Secret> query = new LinkedHashMap<>();
        List<String> authSchemes = new ArrayList<>();
        Secret token = secrets.resolve(f.text(connection, CONNECTION, "token", false), CONNECTION + ".token", f);
        if (token != null) {
            authSchemes.add("token");
            headers.put("Authorization", Secret.of("Bearer " + token.reveal()));
        }
        JsonNode basic = f.object(connection, CONNECTION, "basicAuth", false);
        if (basic != null) {
            String at = CONNECTION + ".basicAuth";
            String user = f.text(basic, at, "username", true);
            Secret password = secrets.resolve(f.text(basic, at, "password", true), at + ".password", f);
            authSchemes.add("basicAuth");
            if (user != null && password != null) {
                headers.put("Authorization", HttpAccess.basic(user + ":" + password.reveal()));
            }
        }
        JsonNode apiKey = f.object(connection, CONNECTION, "apiKey", false);
        if (apiKey != null) {
            String at = CONNECTION + ".apiKey";
            String name = f.text(apiKey, at, "name", true);
            Secret value = secrets.resolve(f.text(apiKey, at, "value", true), at + ".value", f);
            String in = f.text(apiKey, at, "in", false);
            if (in != null && !in.equals("header") && !in.equals("query")) {
                f.problem(at + ".in must be header or query, not '" + in + "'");
            } else if (!"query".equals(in) && name != null && !HeaderNames.check(f, at + ".name", name)) {
                name = null;
            } else if (name != null && value != null) {
                ("query".equals(in) ? query : headers).put(name, value);
            }
        }
        JsonNode extraHeaders = f.object(connection, CONNECTION, "headers", false);
        if (extraHeaders != null) {
            extraHeaders.fieldNames().forEachRemaining(name -> {
                Secret value = secrets.resolve(f.text(extraHeaders, CONNECTION + ".headers", name, true),
                        CONNECTION + ".headers." + name, f);
                if (value != null && HeaderNames.check(f, CONNECTION + ".headers", name)) {
                    headers.putIfAbsent(name, value);
                }
            });
        }
        HttpAccess.OAuth2 oauth2 = oauth2(f, f.object(connection, CONNECTION, "oauth2", false));
        if (oauth2 != null) {
            authSchemes.add("oauth2");
        }
        if (authSchemes.size() > 1) {
            f.problem(CONNECTION + " sets " + String.join(" and ", authSchemes) + "; use only one of token, basicAuth, oauth2");
        }
        return new HttpAccess(headers, query, oauth2, tls(f, connection));
    }

    private HttpAccess.OAuth2 oauth2(PayloadFields f, JsonNode oauth2) {
        if (oauth2 == null) {
            return null;
        }
        String at = CONNECTION + ".oauth2";
        String tokenUrl = f.text(oauth2, at, "tokenUrl", true);
        String clientId = f.text(oauth2, at, "clientId", true);
        Secret clientSecret = secrets.resolve(f.text(oauth2, at, "clientSecret", true), at + ".clientSecret", f);
        List<String> scopes = f.strings(oauth2, at, "scopes");
        if (tokenUrl != null && !isHttpUrl(tokenUrl)) {
            f.problem(at + ".tokenUrl must be an http(s) URL, not '" + Redact.text(tokenUrl) + "'");
            return null;
        }
        return tokenUrl == null || clientId == null || clientSecret == null ? null
                : new HttpAccess.OAuth2(URI.create(tokenUrl), clientId, clientSecret, scopes);
    }

    private HttpAccess.Tls tls(PayloadFields f, JsonNode connection) {
        String verifySsl = f.text(connection, CONNECTION, "verifySSL", false);
        if (verifySsl == null) {
            return HttpAccess.Tls.DEFAULT;
        }
        if (!VERIFY_SSL.contains(verifySsl)) {
            f.problem(CONNECTION + ".verifySSL must be one of no-ssl, ignore, validate, not '" + verifySsl + "'");
            return HttpAccess.Tls.DEFAULT;
        }
        String certificate = f.text(f.object(connection, CONNECTION, "sslConfig", false), CONNECTION + ".sslConfig",
                "certificatePath", false);
        Path certificates = certificate == null ? null : localFile(f, CONNECTION + ".sslConfig.certificatePath", certificate);
        return new HttpAccess.Tls(verifySsl, certificates);
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

    private SinkTarget sink(PayloadFields f, JsonNode sink, JsonNode server) {
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
        return serverTarget(f, server);
    }

    private SinkTarget.OpenMetadata serverTarget(PayloadFields f, JsonNode server) {
        String hostPort = f.text(server, SERVER, "hostPort", true);
        if (hostPort != null && !isHttpUrl(hostPort)) {
            f.problem(SERVER + ".hostPort must be an http(s) URL such as http://localhost:8585/api, not '" + Redact.text(hostPort) + "'");
            hostPort = null;
        }
        String authProvider = f.text(server, SERVER, "authProvider", false);
        if (authProvider != null && !authProvider.equals("openmetadata")) {
            f.problem(SERVER + ".authProvider must be openmetadata, not '" + authProvider + "'");
        }
        String at = SERVER + ".securityConfig";
        Secret jwt = secrets.resolve(f.text(f.object(server, SERVER, "securityConfig", true), at, "jwtToken", true),
                at + ".jwtToken", f);
        return hostPort == null || jwt == null ? null
                : new SinkTarget.OpenMetadata(URI.create(Redact.withoutUserInfo(hostPort)), jwt);
    }

    /** The connection as the current upstream schema wants it: nested schema location, defaults filled, our extensions left out. */
    private static ObjectNode storedConnection(JsonNode connection) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", "Rest");
        JsonNode nested = connection.get("openAPISchemaConnection");
        ObjectNode schemaConnection = nested != null && nested.isObject() ? nested.deepCopy()
                : out.objectNode().set("openAPISchemaURL", connection.get("openAPISchemaURL"));
        out.set("openAPISchemaConnection", schemaConnection);
        withoutUserInfo(schemaConnection, "openAPISchemaURL");
        connection.fields().forEachRemaining(e -> {
            if (UPSTREAM_CONNECTION_KEYS.contains(e.getKey()) && !e.getKey().equals("openAPISchemaConnection")
                    && !e.getKey().equals("type") && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        withoutUserInfo(out, "docURL");
        if (!out.has("verifySSL")) {
            out.put("verifySSL", "no-ssl");
        }
        if (!out.has("supportsMetadataExtraction")) {
            out.put("supportsMetadataExtraction", true);
        }
        return out;
    }

    /** A URL's user info is a credential: it is never stored on the service. */
    private static void withoutUserInfo(ObjectNode holder, String key) {
        JsonNode url = holder.get(key);
        if (url != null && url.isTextual()) {
            holder.put(key, Redact.withoutUserInfo(url.asText()));
        }
    }

    /** A local file the payload names, if this function may read it; otherwise a problem naming the field. */
    private Path localFile(PayloadFields f, String field, String path) {
        try {
            return secrets.trust().files().check(Path.of(path));
        } catch (LocalFiles.RefusedFileException e) {
            f.problem(field + ": " + e.getMessage());
            return null;
        } catch (java.nio.file.InvalidPathException e) {
            f.problem(field + " is not a valid file path");
            return null;
        }
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
