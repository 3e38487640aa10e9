package dev.omrest.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import dev.omrest.support.LogCapture;
import dev.omrest.support.MotoServer;
import dev.omrest.support.Specs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.omrest.function.IngestFunctionTest.invoke;
import static dev.omrest.function.IngestFunctionTest.petstoreYaml;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 specs and Secrets Manager / SSM references against moto in server mode on loopback. */
@QuarkusTest
class AwsSourcesTest {
    static final String BOT_JWT = "bot-jwt-from-secrets-manager";
    static final String SPEC_TOKEN = "spec-token-from-ssm";
    static final String PLAIN_SECRET = "plain-secret-value-77";
    static Optional<MotoServer> moto;

    OpenMetadataEmulator om;
    SpecServer specs;

    @BeforeAll
    static void startMoto() throws IOException {
        moto = MotoServer.start();
        if (moto.isEmpty()) {
            return;
        }
        // the function's own AWS settings, as the Lambda environment would give them
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.endpointUrl", moto.get().url());
        URI endpoint = URI.create(moto.get().url());
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
             SsmClient ssm = SsmClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            s3.createBucket(r -> r.bucket("specs"));
            s3.putObject(r -> r.bucket("specs").key("team/petstore.yaml"), RequestBody.fromString(petstoreYaml()));
            s3.putObject(r -> r.bucket("specs").key("worked.json"), RequestBody.fromString(Specs.resource("specs/worked-example.json")));
            s3.putObject(r -> r.bucket("specs").key("noext"), RequestBody.fromString(Specs.resource("specs/worked-example.json")));
            s3.putObject(r -> r.bucket("specs").key("broken.json"), RequestBody.fromString("{\"openapi\": "));
            secrets.createSecret(r -> r.name("omrest/bot").secretString("{\"jwt\": \"" + BOT_JWT + "\"}"));
            ssm.putParameter(r -> r.name("/omrest/spec-token").value(SPEC_TOKEN).type(ParameterType.SECURE_STRING));
            secrets.createSecret(r -> r.name("omrest/plain").secretString(PLAIN_SECRET));
            ssm.putParameter(r -> r.name("/omrest/jwt-newline").value(BOT_JWT + "\n").type(ParameterType.SECURE_STRING));
        }
    }

    @AfterAll
    static void stopMoto() {
        moto.ifPresent(MotoServer::close);
        for (String property : List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrl")) {
            System.clearProperty(property);
        }
    }

    @AfterEach
    void stop() {
        if (om != null) {
            om.close();
        }
        if (specs != null) {
            specs.close();
        }
    }

    private String s3Payload(String url) {
        return """
                {"source": {"type": "rest", "serviceName": "s3svc",
                   "serviceConnection": {"config": {"type": "Rest", "openAPISchemaConnection": {
                     "openAPISchemaS3URL": "%s",
                     "awsCredentials": {"awsRegion": "us-east-1", "endPointURL": "%s"}}}},
                   "sourceConfig": {"config": {"type": "ApiMetadata"}}},
                 "sink": {"type": "metadata-rest", "config": {}},
                 "workflowConfig": {"openMetadataServerConfig": {"hostPort": "%s", "authProvider": "openmetadata",
                   "securityConfig": {"jwtToken": "secretsmanager:omrest/bot#jwt"}}}}"""
                .formatted(url, moto.orElseThrow().url(), om.apiUrl());
    }

    /** The petstore spec behind the SSM token, an emulator that takes the bot JWT, and a payload naming both. */
    private String petstoreBehindSsmToken(OpenMetadataEmulator.Mode mode, String jwtReference) throws IOException {
        om = OpenMetadataEmulator.start(mode, BOT_JWT);
        specs = SpecServer.start();
        specs.serve("/petstore.yaml", 200, "application/yaml", petstoreYaml()).requireBearer("/petstore.yaml", SPEC_TOKEN);
        return Payloads.url("petstore", specs.url("/petstore.yaml"), "ssm:/omrest/spec-token", null, om.apiUrl(), jwtReference);
    }

    /**
     * Secrets Manager and SSM references, JSON and not, with and without a trailing newline, through every function:
     * no value reaches an answer or a log line.
     */
    @Test
    void secretsFromSecretsManagerAndSsmNeverShowThroughAnyFunction() throws IOException {
        Assumptions.assumeTrue(moto.isPresent());
        String ok = petstoreBehindSsmToken(OpenMetadataEmulator.Mode.V2_0, "ssm:/omrest/jwt-newline");
        String notJson = Payloads.with(ok, "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", "secretsmanager:omrest/plain#jwt");
        String json = Payloads.with(ok, "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken", "secretsmanager:omrest/bot#jwt");
        List<String> answers = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            JsonNode trimmed = invoke(ok);
            assertEquals("success", trimmed.path("status").asText(), trimmed.toString());
            JsonNode failed = invoke(notJson);
            assertEquals("failed", failed.path("status").asText());
            assertEquals("workflowConfig.openMetadataServerConfig.securityConfig.jwtToken refers to key jwt of secret omrest/plain,"
                    + " which is not a JSON object", failed.path("errors").get(0).path("message").asText());
            assertEquals("success", invoke(json).path("status").asText());
            answers.addAll(List.of(trimmed.toString(), failed.toString()));
            for (String payload : List.of(ok, notJson, json)) {
                answers.add(given().port(8081).contentType("application/json").body(payload).when().post("/testConnection")
                        .then().extract().asString());
                answers.add(given().port(8081).contentType("application/json").body(TestConnectionHttpTest.event(payload, false))
                        .when().post("/testConnectionHttp").then().extract().asString());
            }
            assertTrue(answers.get(2).contains("\"status\":\"Successful\""), answers.get(2));
            assertTrue(answers.get(3).contains("is a secret reference (ssm:…), which this function does not resolve"), answers.get(3));
            List<String> everything = new ArrayList<>(answers);
            everything.addAll(logs.lines());
            for (String secret : List.of(PLAIN_SECRET, BOT_JWT, SPEC_TOKEN)) {
                for (String line : everything) {
                    assertFalse(line.contains(secret), "a credential leaked into: " + line);
                }
            }
        }
    }

    @Test
    void specsComeFromS3AndTheJwtFromSecretsManager() {
        Assumptions.assumeTrue(moto.isPresent());
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, BOT_JWT);
        JsonNode yaml = invoke(s3Payload("https://specs.s3.us-east-1.amazonaws.com/team/petstore.yaml"));
        assertEquals("success", yaml.path("status").asText(), yaml.toString());
        assertEquals("s3://specs/team/petstore.yaml", yaml.path("spec").asText());
        assertEquals(9, om.endpoints().size());
        assertEquals("https://specs.s3.us-east-1.amazonaws.com/team/petstore.yaml", om.service("s3svc").orElseThrow()
                .path("connection").path("config").path("openAPISchemaConnection").path("openAPISchemaS3URL").asText());

        for (String url : List.of("https://s3.amazonaws.com/specs/worked.json", "https://specs.s3.amazonaws.com/noext")) {
            JsonNode report = invoke(s3Payload(url).replace("s3svc", "svc" + url.length()));
            assertEquals("success", report.path("status").asText(), report.toString());
            assertEquals(4, report.path("counts").path("apiEndpoint").path("created").asInt());
        }
        assertEquals(List.of(), om.contractViolations());
    }

    @Test
    void s3FailuresAreClearAndWriteNothing() {
        Assumptions.assumeTrue(moto.isPresent());
        om = OpenMetadataEmulator.start(OpenMetadataEmulator.Mode.V2_0, BOT_JWT);
        JsonNode missing = invoke(s3Payload("https://specs.s3.amazonaws.com/none.yaml"));
        assertEquals("failed", missing.path("status").asText());
        assertTrue(missing.path("errors").get(0).path("message").asText().startsWith("Failed to download S3 object s3://specs/none.yaml: "),
                missing.toString());
        JsonNode broken = invoke(s3Payload("https://specs.s3.amazonaws.com/broken.json"));
        assertTrue(broken.path("errors").get(0).path("message").asText().startsWith("Failed to parse s3://specs/broken.json as JSON: "),
                broken.toString());
        JsonNode badUrl = invoke(s3Payload("https://example.com/specs/a.json"));
        assertEquals(List.of("source.serviceConnection.config.openAPISchemaConnection.openAPISchemaS3URL: "
                + "Unable to parse S3 URL https://example.com/specs/a.json"), badUrl.path("errors").findValuesAsText("message"));
        assertEquals(List.of(), om.requests().stream().filter(r -> !r.method().equals("GET")).toList(),
                "the catalogue is read while the spec is fetched; nothing is written");
    }

    @Test
    void tokensComeFromSsmAndMissingReferencesAreNamed() throws IOException {
        Assumptions.assumeTrue(moto.isPresent());
        String payload = petstoreBehindSsmToken(OpenMetadataEmulator.Mode.V1_6, "secretsmanager:omrest/bot#jwt");
        JsonNode report = invoke(payload);
        assertEquals("success", report.path("status").asText(), report.toString());
        assertEquals("ssm:/omrest/spec-token", om.service("petstore").orElseThrow().path("connection").path("config").path("token").asText());

        JsonNode missing = invoke(Payloads.with(payload, "workflowConfig.openMetadataServerConfig.securityConfig.jwtToken",
                "secretsmanager:omrest/bot#nokey"));
        assertEquals(List.of("workflowConfig.openMetadataServerConfig.securityConfig.jwtToken refers to key nokey of secret omrest/bot, "
                + "which the secret does not have"), missing.path("errors").findValuesAsText("message"));
        assertFalse(missing.toString().contains(BOT_JWT));
        assertFalse(report.toString().contains(SPEC_TOKEN));
    }

}
