package dev.omrest.infra;

import dev.omrest.infra.ServicesConfig.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, Fixtures.resource("test-services.json").toString()))));
        for (String expected : List.of("runtime must be 'native' or 'jvm'", "architecture must be 'x86_64' or 'arm64'",
                "logRetentionDays must be one of", "testConnectionInvokers: 'everyone'",
                "testConnectionFileDirectory must be an absolute path", "testConnectionS3Endpoints: 'minio:9000' is not an http(s) URL")) {
            assertTrue(e.getMessage().contains(expected), "missing '" + expected + "' in " + e.getMessage());
        }
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
