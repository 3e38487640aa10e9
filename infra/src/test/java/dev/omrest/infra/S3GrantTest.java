package dev.omrest.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.infra.AccessNeeds.S3Object;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IAM grant names the S3 object the function fetches: the cases are the function's own
 * ({@code ../src/test/resources/s3-object-urls.json}, where {@code S3ObjectUrlsTest} fetches each object from moto), so
 * a key with escaped characters is granted exactly as it is read.
 */
class S3GrantTest {
    private static final Path CASES = Path.of("../src/test/resources/s3-object-urls.json");

    @TempDir
    Path dir;

    private static JsonNode cases() throws IOException {
        return Fixtures.JSON.readTree(CASES.toFile());
    }

    private static ObjectNode payload(String s3Url) {
        ObjectNode root = Fixtures.JSON.createObjectNode();
        ObjectNode source = root.putObject("source");
        source.put("serviceName", "svc");
        source.putObject("serviceConnection").putObject("config").putObject("openAPISchemaConnection")
                .put("openAPISchemaS3URL", s3Url);
        root.putObject("workflowConfig").putObject("openMetadataServerConfig")
                .put("hostPort", "https://om.example.com/api")
                .putObject("securityConfig").put("jwtToken", "env:OMREST_SECRET_JWT");
        return root;
    }

    @Test
    void eachUrlNamesTheDecodedObjectAndOtherUrlsAreRefused() throws IOException {
        for (JsonNode object : cases().path("objects")) {
            List<String> problems = new ArrayList<>();
            AccessNeeds needs = AccessNeeds.of(payload(object.path("url").asText()), "p", problems);
            assertEquals(List.of(), problems, object.path("url").asText());
            assertEquals(Set.of(new S3Object(object.path("bucket").asText(), object.path("key").asText())), needs.s3Objects(),
                    object.path("url").asText());
        }
        for (JsonNode refused : cases().path("refused")) {
            List<String> problems = new ArrayList<>();
            AccessNeeds needs = AccessNeeds.of(payload(refused.asText()), "p", problems);
            assertEquals(1, problems.size(), refused.asText() + ": " + problems);
            assertTrue(needs.s3Objects().isEmpty(), refused.asText());
        }
    }

    @Test
    void theSynthesizedGrantNamesExactlyThoseObjects() throws IOException {
        ObjectNode file = Fixtures.JSON.createObjectNode();
        ArrayNode services = file.putArray("services");
        Set<String> expected = new TreeSet<>();
        int i = 0;
        for (JsonNode object : cases().path("objects")) {
            ObjectNode entry = services.addObject();
            entry.put("name", "s3-case-" + i++);
            entry.put("schedule", "rate(1 day)");
            entry.set("payload", payload(object.path("url").asText()));
            expected.add(":s3:::" + object.path("bucket").asText() + "/" + object.path("key").asText());
        }
        Path servicesFile = dir.resolve("services.json");
        Files.writeString(servicesFile, file.toString());
        Template template = Fixtures.synth(dir, Map.of(
                DeploySettings.FUNCTION_ZIP, Fixtures.nativeZip(dir, false).toString(),
                DeploySettings.SERVICES_FILE, servicesFile.toString()));
        Set<String> granted = new TreeSet<>();
        for (JsonNode policy : Fixtures.JSON.valueToTree(template.findResources("AWS::IAM::Policy"))) {
            for (JsonNode statement : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Sid").asText().equals("ReadNamedSpecObjects")) {
                    // each resource is {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::bucket/key"]]}
                    statement.path("Resource").forEach(r -> granted.add(r.path("Fn::Join").path(1).path(2).asText()));
                }
            }
        }
        assertEquals(expected, granted);
    }

    /** The SDK here is the function's: the same parseUri, so the same reading of every URL. */
    @Test
    void theAwsSdkVersionIsTheFunctions() throws IOException {
        assertEquals(sdkVersion(Path.of("../pom.xml")), sdkVersion(Path.of("pom.xml")));
    }

    private static String sdkVersion(Path pom) throws IOException {
        Matcher m = Pattern.compile("<aws-sdk\\.version>([^<]+)</aws-sdk\\.version>").matcher(Files.readString(pom));
        assertTrue(m.find(), pom + " sets aws-sdk.version");
        return m.group(1);
    }
}
