package dev.omrest.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.infra.AccessNeeds.S3Object;
import dev.omrest.infra.ServicesConfig.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services file alone, without CDK: what it accepts, what it refuses and what it needs from AWS. */
class ServicesConfigTest {

    @Test
    void readsEveryFieldAndWhatEachPayloadReferences() {
        List<ScheduledService> services = ServicesConfig.load(Fixtures.resource("test-services.json"));
        assertEquals(List.of("petstore", "orders", "inventory_v2"), services.stream().map(ScheduledService::name).toList());

        ScheduledService petstore = services.get(0);
        assertEquals("cron(0 3 * * ? *)", petstore.schedule());
        assertTrue(petstore.enabled());
        assertEquals(3, petstore.retryAttempts());
        assertEquals(7200, petstore.maxEventAgeSeconds());
        assertEquals(Set.of("openmetadata/ingestion-bot-jwt"), petstore.access().secrets());
        assertEquals(Set.of("/specs/petstore-token"), petstore.access().parameters());
        assertTrue(petstore.access().s3Objects().isEmpty());

        ScheduledService orders = services.get(1);
        assertFalse(orders.enabled());
        assertEquals(ServicesConfig.DEFAULT_RETRY_ATTEMPTS, orders.retryAttempts());
        assertEquals(ServicesConfig.DEFAULT_MAX_EVENT_AGE_SECONDS, orders.maxEventAgeSeconds());
        assertEquals(Set.of("arn:aws:secretsmanager:eu-west-1:123456789012:secret:om/bot-AbCdEf"), orders.access().secrets(),
                "the #json-key suffix is not part of the secret id");
        assertEquals(Set.of(new S3Object("team-specs", "orders/openapi.json")), orders.access().s3Objects(), "virtual-hosted S3 URL");

        ScheduledService inventory = services.get(2);
        assertEquals(Set.of(new S3Object("shared-specs", "inventory/v2/openapi.json")), inventory.access().s3Objects(), "path-style S3 URL");
        assertEquals(Set.of("OMREST_SECRET_OM_JWT"), inventory.access().envVars());
    }

    @Test
    void thePayloadIsKeptExactlyAsWritten() throws Exception {
        JsonNode file = Fixtures.JSON.readTree(Fixtures.resource("test-services.json").toFile());
        List<ScheduledService> services = ServicesConfig.load(Fixtures.resource("test-services.json"));
        for (int i = 0; i < services.size(); i++) {
            assertEquals(file.get("services").get(i).get("payload"), services.get(i).payload());
        }
    }

    @Test
    void theShippedExampleIsValidAndDisabled() {
        List<ScheduledService> services = ServicesConfig.load(Path.of("services.json"));
        assertFalse(services.isEmpty());
        services.forEach(s -> assertFalse(s.enabled(), s.name() + ": the example must not fire against example.com after a plain deploy"));
        assertTrue(services.stream().allMatch(s -> !s.access().secrets().isEmpty() || !s.access().parameters().isEmpty()),
                "every example shows a secret reference");
    }

    @Test
    void refusesALiteralJwtWithoutRepeatingIt() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpbmdlc3Rpb24tYm90In0.c2lnbmF0dXJl";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(
                entry("petstore", "rate(1 day)", payload("https://specs.example.com/a.json", jwt))));
        assertTrue(e.getMessage().contains("services[0].payload.workflowConfig.openMetadataServerConfig.securityConfig.jwtToken looks like a literal secret"),
                e.getMessage());
        assertFalse(e.getMessage().contains(jwt), "the message must not leak the token");
        assertFalse(e.getMessage().contains("eyJ"), "the message must not leak any part of the token");
    }

    @Test
    void refusesALiteralSpecToken() {
        ObjectNode payload = payload("https://specs.example.com/a.json", "secretsmanager:om/jwt");
        ((ObjectNode) payload.path("source").path("serviceConnection").path("config")).put("token", "ghp_abc123");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(entry("a", "rate(1 day)", payload)));
        assertTrue(e.getMessage().contains("services[0].payload.source.serviceConnection.config.token looks like a literal secret"), e.getMessage());
        assertFalse(e.getMessage().contains("ghp_abc123"));
    }

    @Test
    void refusesLiteralCredentialsInEverySpecAccessScheme() {
        ObjectNode payload = payload("https://specs.example.com/a.json", "env:OMREST_SECRET_OM_JWT");
        ObjectNode config = (ObjectNode) payload.path("source").path("serviceConnection").path("config");
        config.putObject("basicAuth").put("username", "reader").put("password", "hunter2");
        config.putObject("apiKey").put("name", "X-Api-Key").put("in", "header").put("value", "k-123");
        config.putObject("oauth2").put("tokenUrl", "https://auth.example.com/token").put("clientId", "ingest").put("clientSecret", "s3cr3t");
        config.putObject("headers").put("Accept", "application/json").put("X-Auth-Token", "t-456").put("X-Tenant", "acme");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(entry("a", "rate(1 day)", payload)));
        String config0 = "services[0].payload.source.serviceConnection.config.";
        for (String field : List.of("basicAuth.password", "apiKey.value", "oauth2.clientSecret", "headers.X-Auth-Token")) {
            assertTrue(e.getMessage().contains(config0 + field + " looks like a literal secret"), field + " in " + e.getMessage());
        }
        for (String harmless : List.of("basicAuth.username", "apiKey.name", "oauth2.clientId", "headers.Accept", "headers.X-Tenant")) {
            assertFalse(e.getMessage().contains(config0 + harmless), harmless + " is not a credential: " + e.getMessage());
        }
        for (String literal : List.of("hunter2", "k-123", "s3cr3t", "t-456")) {
            assertFalse(e.getMessage().contains(literal), "leaked " + literal);
        }
    }

    @Test
    void acceptsEveryReferenceKind() {
        for (String ref : List.of("secretsmanager:om/jwt", "secretsmanager:om/all#jwt", "ssm:/om/jwt", "ssm:om-jwt", "env:OMREST_SECRET_OM_JWT")) {
            List<ScheduledService> services = parse(entry("a", "rate(1 day)", payload("https://specs.example.com/a.json", ref)));
            assertEquals(1, services.size(), ref);
        }
    }

    @Test
    void envReferencesMustNameAVariableTheFunctionResolves() {
        for (String variable : List.of("OM_JWT", "AWS_SECRET_ACCESS_KEY", "_HANDLER")) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(entry("a", "rate(1 day)",
                    payload("https://specs.example.com/a.json", "env:" + variable))));
            assertTrue(e.getMessage().contains("services[0].payload.workflowConfig.openMetadataServerConfig.securityConfig.jwtToken names "
                    + variable + ", but the function resolves env: references only to variables that start with OMREST_SECRET_"),
                    e.getMessage());
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ObjectNode bad = Fixtures.JSON.createObjectNode();
        bad.put("name", "has space");
        bad.put("schedule", "every day");
        bad.put("retryAttempts", 500);
        bad.put("enabled", "yes");
        bad.put("schedul", "typo");
        ObjectNode noName = payload("https://specs.example.com/a.json", "env:OMREST_SECRET_JWT");
        ((ObjectNode) noName.get("source")).remove("serviceName");
        ObjectNode badS3 = payload(null, "env:OMREST_SECRET_JWT");
        ((ObjectNode) badS3.path("source").path("serviceConnection").path("config").path("openAPISchemaConnection"))
                .put("openAPISchemaS3URL", "https://example.com/specs/a.json");
        ObjectNode badRef = payload("https://specs.example.com/a.json", "env:1-not-a-var");

        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(
                bad,
                entry("ok", "rate(1 day)", noName),
                entry("ok", "rate(1 day)", badS3),
                entry("c", "rate(1 day)", badRef)));
        String m = e.getMessage();
        for (String expected : List.of(
                "services[0].name is required",
                "services[0].schedule is required",
                "services[0].retryAttempts must be an integer from 0 to 185",
                "services[0].enabled must be true or false",
                "services[0].schedul is not a known field",
                "services[0].payload is required",
                "services[1].payload.source.serviceName is required",
                "services[2].payload.source.serviceConnection.config.openAPISchemaConnection.openAPISchemaS3URL is not an S3 URL",
                "services[3].payload.workflowConfig.openMetadataServerConfig.securityConfig.jwtToken is not a valid environment variable reference")) {
            assertTrue(m.contains(expected), "missing '" + expected + "' in:\n" + m);
        }
    }

    @Test
    void refusesDuplicateNames() {
        ObjectNode p = payload("https://specs.example.com/a.json", "env:OMREST_SECRET_JWT");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(entry("same", "rate(1 day)", p), entry("same", "rate(2 days)", p)));
        assertTrue(e.getMessage().contains("services[1].name 'same' is used twice"), e.getMessage());
    }

    @Test
    void refusesAPayloadEventBridgeCannotCarry() {
        ObjectNode p = payload("https://specs.example.com/a.json", "env:OMREST_SECRET_JWT");
        ((ObjectNode) p.get("source")).put("padding", "x".repeat(ServicesConfig.MAX_INPUT_CHARS));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(entry("big", "rate(1 day)", p)));
        assertTrue(e.getMessage().contains("EventBridge takes at most 8192"), e.getMessage());
    }

    @Test
    void refusesS3UrlsWithoutAKeyOrOverPlainHttp() {
        for (String url : List.of("https://bucket.s3.amazonaws.com/", "https://s3.us-east-1.amazonaws.com/bucket", "http://bucket.s3.amazonaws.com/a.json")) {
            ObjectNode p = payload(null, "env:OMREST_SECRET_JWT");
            ((ObjectNode) p.path("source").path("serviceConnection").path("config").path("openAPISchemaConnection")).put("openAPISchemaS3URL", url);
            assertThrows(InvalidConfigException.class, () -> parse(entry("a", "rate(1 day)", p)), url);
        }
    }

    private static List<ScheduledService> parse(ObjectNode... entries) {
        ObjectNode root = Fixtures.JSON.createObjectNode();
        root.putArray("services").addAll(List.of(entries));
        return ServicesConfig.parse(root.toString(), "test");
    }

    private static ObjectNode entry(String name, String schedule, ObjectNode payload) {
        ObjectNode entry = Fixtures.JSON.createObjectNode();
        entry.put("name", name);
        entry.put("schedule", schedule);
        entry.set("payload", payload);
        return entry;
    }

    private static ObjectNode payload(String specUrl, String jwt) {
        ObjectNode root = Fixtures.JSON.createObjectNode();
        ObjectNode source = root.putObject("source");
        source.put("serviceName", "svc");
        ObjectNode connection = source.putObject("serviceConnection").putObject("config").putObject("openAPISchemaConnection");
        if (specUrl != null) {
            connection.put("openAPISchemaURL", specUrl);
        }
        root.putObject("workflowConfig").putObject("openMetadataServerConfig")
                .put("hostPort", "https://om.example.com/api")
                .putObject("securityConfig").put("jwtToken", jwt);
        return root;
    }
}
