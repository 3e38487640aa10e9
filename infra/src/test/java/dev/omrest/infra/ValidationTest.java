package dev.omrest.infra;

import dev.omrest.infra.ServicesConfig.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong inputs fail synthesis, and the shipped services file synthesizes cleanly. */
class ValidationTest {
    @TempDir
    Path dir;

    @Test
    void theValidatorFlagTurnsACloudFormationErrorIntoAFailure() throws Exception {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Fixtures.synth(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString(),
                DeploySettings.INGEST_MEMORY, 40000)));   // Lambda's maximum is 10240; CloudFormation's schema 32768
        assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
        Matcher report = Pattern.compile("found in: (\\S+validation-report\\.json)").matcher(e.getMessage());
        assertTrue(report.find(), e.getMessage());
        String text = Files.readString(Path.of(report.group(1)));
        assertTrue(text.contains("MemorySize") && text.contains("32768"), text);
    }

    @Test
    void aLiteralTokenInTheServicesFileStopsTheStack() throws Exception {
        String services = Files.readString(Fixtures.resource("test-services.json"))
                .replace("secretsmanager:openmetadata/ingestion-bot-jwt", "eyJraWQiOiJsaXRlcmFsIn0.payload.sig");
        Path file = Files.writeString(dir.resolve("services.json"), services);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, file.toString()))));
        assertTrue(e.getMessage().contains("services[0].payload.workflowConfig.openMetadataServerConfig.securityConfig.jwtToken looks like a literal secret"),
                e.getMessage());
        assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
    }

    @Test
    void wrongContextValuesAreNamed() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.RUNTIME, "graal",
                DeploySettings.ARCHITECTURE, "sparc",
                DeploySettings.LOG_RETENTION_DAYS, "31",
                DeploySettings.TEST_CONNECTION_INVOKERS, "everyone",
                DeploySettings.TEST_CONNECTION_FILE_DIRECTORY, "specs",
                DeploySettings.TEST_CONNECTION_S3_ENDPOINTS, "minio:9000",
                DeploySettings.UNCHANGED_CHECK, "events",
                DeploySettings.UNCHANGED_CHECK_MAX_AGE_HOURS, "200",
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString()))));
        for (String expected : List.of("runtime must be 'native' or 'jvm'", "architecture must be 'x86_64' or 'arm64'",
                "logRetentionDays must be one of", "testConnectionInvokers: 'everyone'",
                "testConnectionFileDirectory must be an absolute path", "testConnectionS3Endpoints: 'minio:9000' is not an http(s) URL",
                "unchangedCheck must be 'listing' or 'changeEvents'",
                "unchangedCheckMaxAgeHours must be from 1 to 144 (change events are kept 7 days)")) {
            assertTrue(e.getMessage().contains(expected), "missing '" + expected + "' in " + e.getMessage());
        }
    }

    private InvalidConfigException refused(Map<String, Object> context) {
        Map<String, Object> all = new java.util.HashMap<>(context);
        all.put(DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString());
        all.put(DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString());
        return assertThrows(InvalidConfigException.class, () -> Fixtures.stack(Fixtures.app(dir, all)));
    }

    private static void assertNames(InvalidConfigException e, String... expected) {
        for (String text : expected) {
            assertTrue(e.getMessage().contains(text), "missing '" + text + "' in " + e.getMessage());
        }
    }

    @Test
    void thePipelineServiceNeedsAnHttpsServerUrlAndASecret() {
        assertNames(refused(Map.of(
                        DeploySettings.OPENMETADATA_URL, "http://openmetadata.example.com/api",
                        DeploySettings.BOT_JWT_SECRET, "secretsmanager:openmetadata/bot",
                        DeploySettings.EGRESS_IP, "203.0.113.300, openmetadata.example.com")),
                "openMetadataUrl: 'http://openmetadata.example.com/api' must be an https URL (the bot JWT is sent to it)",
                "botJwtSecret: 'secretsmanager:openmetadata/bot' is neither a Secrets Manager secret name",
                "egressIp: '203.0.113.300' is not an IPv4 or IPv6 address",
                "egressIp: 'openmetadata.example.com' is not an IPv4 or IPv6 address");
        assertNames(refused(Map.of(
                        DeploySettings.OPENMETADATA_URL, "https://openmetadata example.com/api",
                        DeploySettings.BOT_JWT_SECRET, "arn:aws:ssm:eu-west-1:111122223333:parameter/bot")),
                "openMetadataUrl: 'https://openmetadata example.com/api' is not a URL",
                "botJwtSecret: 'arn:aws:ssm:eu-west-1:111122223333:parameter/bot' is neither");
        assertNames(refused(Map.of(DeploySettings.OPENMETADATA_URL, "openmetadata.example.com/api", DeploySettings.BOT_JWT_SECRET, "bot")),
                "openMetadataUrl: 'openmetadata.example.com/api' must be an https URL");
        assertNames(refused(Map.of(DeploySettings.OPENMETADATA_URL, "https:///api", DeploySettings.BOT_JWT_SECRET, "bot")),
                "openMetadataUrl: 'https:///api' is not a URL with a host name");
    }

    @Test
    void aPasswordInTheServerUrlIsRefusedAndNotRepeated() {
        InvalidConfigException e = refused(Map.of(
                DeploySettings.OPENMETADATA_URL, "https://admin:s3cr3t@openmetadata.example.com/api?x=1",
                DeploySettings.BOT_JWT_SECRET, "bot"));
        assertNames(e, "openMetadataUrl: 'https://…@openmetadata.example.com/api?x=1' must have no user info, query or fragment");
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        e = refused(Map.of(DeploySettings.OPENMETADATA_URL, "http://admin:s3cr3t@openmetadata.example.com/api", DeploySettings.BOT_JWT_SECRET, "bot"));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void oneOfTheTwoPipelineServiceValuesWithoutTheOtherIsAMistake() {
        assertNames(refused(Map.of(DeploySettings.OPENMETADATA_URL, "https://openmetadata.example.com/api")),
                "botJwtSecret is required with openMetadataUrl");
        assertNames(refused(Map.of(DeploySettings.BOT_JWT_SECRET, "openmetadata/ingestion-bot-jwt")),
                "openMetadataUrl is required with botJwtSecret");
        assertNames(refused(Map.of(DeploySettings.EGRESS_IP, "203.0.113.7")),
                "egressIp only applies to the pipeline service: give openMetadataUrl and botJwtSecret too");
    }

    /** The function's name is fixed (its policy names it) and Lambda takes at most 64 characters. */
    @Test
    void aStackNameTooLongForThePipelineServicesFunctionName() {
        App app = Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString(),
                DeploySettings.OPENMETADATA_URL, "https://openmetadata.example.com/api",
                DeploySettings.BOT_JWT_SECRET, "bot"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new ConnectorStack(app, "S".repeat(49),
                StackProps.builder().env(Environment.builder().account(Fixtures.ACCOUNT).region(Fixtures.REGION).build()).build()));
        assertNames(e, "S".repeat(49) + "-pipelineService, longer than Lambda's 64 characters: use a stackName of at most 48 characters");
        new ConnectorStack(app, "T".repeat(48), StackProps.builder()
                .env(Environment.builder().account(Fixtures.ACCOUNT).region(Fixtures.REGION).build()).build());
    }

    @Test
    void aServerUrlThatIsNotTheApiRootIsWarnedAbout() {
        ConnectorStack stack = Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString(),
                DeploySettings.OPENMETADATA_URL, "https://openmetadata.example.com",
                DeploySettings.BOT_JWT_SECRET, "bot")));
        Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(
                "openMetadataUrl https://openmetadata.example.com does not end in /api.*"));
    }

    @Test
    void aJvmZipIsNotDeployedOnTheNativeRuntime() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> Fixtures.stack(Fixtures.app(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.jvmZip(dir).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString()))));
        assertTrue(e.getMessage().contains("not a native build"), e.getMessage());
    }

    @Test
    void theShippedServicesFileSynthesizesWithItsReferencesGranted() {
        Template template = Fixtures.synth(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Path.of(DeploySettings.DEFAULT_SERVICES_FILE).toAbsolutePath().toString()));
        List<ScheduledService> services = ServicesConfig.load(Path.of(DeploySettings.DEFAULT_SERVICES_FILE));
        template.resourceCountIs("AWS::Events::Rule", services.size());
        template.allResourcesProperties("AWS::Events::Rule", Map.of("State", "DISABLED"));
        String policies = template.findResources("AWS::IAM::Policy").toString();
        assertTrue(policies.contains(":secret:openmetadata/ingestion-bot-jwt-??????"), policies);
        assertTrue(policies.contains(":parameter/openmetadata/ingestion-bot-jwt"), policies);
        assertTrue(policies.contains(":s3:::example-api-specs/orders/openapi.yaml"), policies);
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("AuthType", Match.exact("AWS_IAM")));
        assertEquals(3, template.findResources("AWS::Lambda::Function").size());
    }
}
