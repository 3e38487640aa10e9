package dev.omrest.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import software.constructs.IConstruct;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small function zips and a stack built the way {@code cdk synth} builds it, with the validator flag on. */
final class Fixtures {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A zip shaped like Quarkus's native function.zip: an ELF header named bootstrap. */
    static Path nativeZip(Path dir, boolean arm64) {
        byte[] elf = new byte[64];
        elf[0] = 0x7F;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;   // 64-bit
        elf[5] = 1;   // little endian
        elf[18] = (byte) (arm64 ? 0xB7 : 0x3E);
        return zip(dir.resolve(arm64 ? "native-arm64.zip" : "native-x86_64.zip"), Map.of("bootstrap", elf));
    }

    /** A zip shaped like Quarkus's JVM function.zip: classes at the root and lib/. */
    static Path jvmZip(Path dir) {
        return zip(dir.resolve("jvm.zip"), Map.of(
                "io/quarkus/runner/GeneratedMain.class", new byte[]{(byte) 0xCA, (byte) 0xFE},
                "lib/io.quarkus.quarkus-funqy-amazon-lambda-3.33.2.jar", new byte[]{'P', 'K'}));
    }

    static Path zip(Path file, Map<String, byte[]> entries) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app like cdk.json's: the validator flag on, so a CloudFormation error fails synthesis. */
    static App app(Path outdir, Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>();
        all.put("@aws-cdk/core:validateAgainstDefaultRules", true);
        all.putAll(context);
        return App.Builder.create().outdir(outdir.resolve("cdk.out").toString()).context(all).build();
    }

    static ConnectorStack stack(App app) {
        return new ConnectorStack(app, "OmRestTest", StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(REGION).build())
                .build());
    }

    static Template synth(Path outdir, Map<String, Object> context) {
        return Template.fromStack(stack(app(outdir, context)));
    }

    static JsonNode tree(Template template) {
        return JSON.valueToTree(template.toJSON());
    }

    /** IAM statements (identity and managed policies) that allow every resource or every action of a service. */
    static List<String> wildcardGrants(Template template) {
        List<String> wildcards = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.findResources(type).forEach((logicalId, resource) -> {
                JsonNode statements = JSON.valueToTree(resource).path("Properties").path("PolicyDocument").path("Statement");
                for (JsonNode statement : statements) {
                    for (JsonNode r : asArray(statement.path("Resource"))) {
                        if (r.isTextual() && r.asText().equals("*")) {
                            wildcards.add(logicalId + " " + statement.path("Action"));
                        }
                    }
                    for (JsonNode a : asArray(statement.path("Action"))) {
                        if (a.asText().endsWith(":*")) {
                            wildcards.add(logicalId + " " + a.asText());
                        }
                    }
                }
            });
        }
        return wildcards;
    }

    static JsonNode asArray(JsonNode node) {
        return node.isArray() ? node : JSON.createArrayNode().add(node);
    }

    /** The logical id CloudFormation gives a construct (its default child's, for an L2 construct). */
    static String logicalId(Stack stack, IConstruct construct) {
        IConstruct resource = construct.getNode().getDefaultChild() != null ? construct.getNode().getDefaultChild() : construct;
        return stack.getLogicalId((CfnElement) resource);
    }

    static Map<String, Object> ref(Stack stack, IConstruct construct) {
        return Map.of("Ref", logicalId(stack, construct));
    }

    static Map<String, Object> arnOf(Stack stack, IConstruct construct) {
        return Map.of("Fn::GetAtt", List.of(logicalId(stack, construct), "Arn"));
    }
}
