package dev.omrest.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible hostile inputs: a fixed list of worst cases first (deepest, largest, every broken encoding), then
 * random mutations of real specs and of the connection payload, all drawn from one seed.
 */
final class CaseGenerator {
    static final String JSON_TYPE = "application/json";
    static final String YAML_TYPE = "application/yaml";
    static final String PAYLOAD = """
            {"source": {"type": "rest", "serviceName": "${SERVICE}",
               "serviceConnection": {"config": {"type": "Rest", "openAPISchemaConnection": {"openAPISchemaURL": "${SPEC_URL}"}}},
               "sourceConfig": {"config": {"type": "ApiMetadata", "markDeletedApiCollections": true,
                 "markDeletedApiEndpoints": true}}},
             "sink": {"type": "metadata-rest", "config": {}},
             "workflowConfig": {"loggerLevel": "INFO", "openMetadataServerConfig": {"hostPort": "${OM_URL}",
               "authProvider": "openmetadata", "securityConfig": {"jwtToken": "${JWT}"}}}}""";
    /** Specs the random mutations start from: YAML and JSON, 2.0, 3.0 and 3.1, cycles and polymorphism. */
    static final List<String> BASES = List.of("examples/specs/petstore.yaml", "src/test/resources/specs/worked-example.json",
            "src/test/resources/oas-examples/2.0/json/petstore.json", "src/test/resources/oas-examples/3.0/json/polymorphism.json",
            "src/test/resources/oas-examples/3.0/json/circular.json", "src/test/resources/oas-examples/3.1/json/train-travel.json",
            "src/test/resources/oas-examples/3.0/json/parameters-common.json");
    static final String HOME_BASE = BASES.get(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Random random;
    private final TreeMutator mutator;
    private int next;

    CaseGenerator(long seed) {
        this.random = new Random(seed);
        this.mutator = new TreeMutator(random);
    }

    /** The base spec a case was derived from (the store is seeded with it before the case runs). */
    static byte[] base(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String mediaTypeOf(String path) {
        return path.endsWith(".json") ? JSON_TYPE : YAML_TYPE;
    }

    /** The fixed worst cases, then random ones, {@code count} in all (at least the fixed ones). */
    List<Case> cases(int count) {
        List<Case> cases = new ArrayList<>(fixedCases());
        while (cases.size() < count) {
            cases.add(randomCase());
        }
        return cases;
    }

    /** A generated input and the spec the service held before it. */
    record Case(FuzzCase fuzz, String base) {
    }

    private List<Case> fixedCases() {
        List<Case> fixed = new ArrayList<>();
        fixed.add(hostile("deep schema 5000", HostileDocuments.deepSchema(5_000), JSON_TYPE));
        fixed.add(hostile("deep schema 400", HostileDocuments.deepSchema(400), JSON_TYPE));
        fixed.add(hostile("deep arrays 100000", HostileDocuments.deepArrays(100_000), JSON_TYPE));
        fixed.add(hostile("alias bomb 12x12", HostileDocuments.aliasBomb(12, 12), YAML_TYPE));
        fixed.add(hostile("10,000 tags", HostileDocuments.manyTags(10_000), JSON_TYPE));
        fixed.add(hostile("duplicate keys", HostileDocuments.duplicateKeys(), JSON_TYPE));
        fixed.add(hostile("ref loops", HostileDocuments.refLoops(), YAML_TYPE));
        fixed.add(hostile("5,000 path items referring to the document", HostileDocuments.pathItemRefBomb(5_000), JSON_TYPE));
        fixed.add(hostile("empty document", "", JSON_TYPE));
        fixed.add(hostile("JSON null", "null", JSON_TYPE));
        fixed.add(hostile("a bare string", "\"openapi\"", JSON_TYPE));
        fixed.add(hostile("an array", "[{\"openapi\": \"3.0.0\"}]", JSON_TYPE));
        fixed.add(hostile("no paths", "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"}}", JSON_TYPE));
        fixed.add(hostile("empty paths", "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{}}", JSON_TYPE));
        fixed.add(hostile("not OpenAPI", "{\"swagger\":\"1.2\",\"apis\":[]}", JSON_TYPE));
        fixed.add(hostile("HTML", "<html><body>login</body></html>", "text/html"));
        for (int i = 0; i < 4; i++) {
            fixed.add(new Case(new FuzzCase(next++, "hostile", "invalid UTF-8 variant " + i,
                    HostileDocuments.invalidUtf8(new Random(i)), JSON_TYPE, PAYLOAD), HOME_BASE));
        }
        for (int i = 0; i < 16; i++) {
            fixed.add(hostile("awkward names " + i, HostileDocuments.awkwardNames(new Random(i)), JSON_TYPE));
        }
        return fixed;
    }

    private Case hostile(String description, String document, String mediaType) {
        return new Case(new FuzzCase(next++, "hostile", description, document.getBytes(StandardCharsets.UTF_8), mediaType,
                PAYLOAD), HOME_BASE);
    }

    private Case randomCase() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return mutatedSpec();
        }
        if (roll < 60) {
            return brokenText();
        }
        if (roll < 80) {
            return mutatedPayload();
        }
        return randomHostile();
    }

    private Case mutatedSpec() {
        String base = BASES.get(random.nextInt(BASES.size()));
        JsonNode tree = read(base);
        List<String> steps = new ArrayList<>();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            steps.add(mutator.mutate(tree));
        }
        boolean asYaml = random.nextInt(10) < 4;
        byte[] text = write(tree, asYaml);
        return new Case(new FuzzCase(next++, "mutatedSpec", base + (asYaml ? " as YAML: " : " as JSON: ") + String.join("; ", steps),
                text, asYaml ? YAML_TYPE : JSON_TYPE, PAYLOAD), base);
    }

    private Case brokenText() {
        String base = BASES.get(random.nextInt(BASES.size()));
        byte[] text = base(base);
        String what;
        switch (random.nextInt(5)) {
            case 0 -> {
                int cut = random.nextInt(Math.max(1, text.length));
                text = java.util.Arrays.copyOf(text, cut);
                what = "truncated at byte " + cut;
            }
            case 1 -> {
                int flips = 1 + random.nextInt(8);
                text = text.clone();
                for (int i = 0; i < flips; i++) {
                    text[random.nextInt(text.length)] = (byte) random.nextInt(256);
                }
                what = flips + " random bytes";
            }
            case 2 -> {
                int from = random.nextInt(text.length);
                int to = Math.min(text.length, from + 1 + random.nextInt(200));
                byte[] out = new byte[text.length - (to - from)];
                System.arraycopy(text, 0, out, 0, from);
                System.arraycopy(text, to, out, from, text.length - to);
                text = out;
                what = "bytes " + from + ".." + to + " removed";
            }
            case 3 -> {
                byte[] out = new byte[text.length + 3];
                out[0] = (byte) 0xEF;
                out[1] = (byte) 0xBB;
                out[2] = (byte) 0xBF;
                System.arraycopy(text, 0, out, 3, text.length);
                text = out;
                what = "byte-order mark";
            }
            default -> {
                String asText = new String(text, StandardCharsets.UTF_8);
                String head = asText.substring(0, random.nextInt(Math.min(asText.length(), 400) + 1));
                text = asText.replaceFirst("\n", java.util.regex.Matcher.quoteReplacement("\n" + head + "\n"))
                        .getBytes(StandardCharsets.UTF_8);
                what = "head of the document pasted after its first line (duplicate keys)";
            }
        }
        return new Case(new FuzzCase(next++, "brokenText", base + ": " + what, text, mediaTypeOf(base), PAYLOAD), base);
    }

    private Case mutatedPayload() {
        JsonNode payload = readJson(PAYLOAD);
        List<String> steps = new ArrayList<>();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            steps.add(mutator.mutate(payload));
        }
        return new Case(new FuzzCase(next++, "mutatedPayload", String.join("; ", steps), base(HOME_BASE),
                YAML_TYPE, payload.toString()), HOME_BASE);
    }

    private Case randomHostile() {
        return switch (random.nextInt(6)) {
            case 0 -> hostile("deep schema " + (5 + random.nextInt(800)), HostileDocuments.deepSchema(5 + random.nextInt(800)), JSON_TYPE);
            case 1 -> {
                int depth = 100 + random.nextInt(3_000);
                yield hostile("deep arrays " + depth, HostileDocuments.deepArrays(depth), JSON_TYPE);
            }
            case 2 -> {
                int levels = 3 + random.nextInt(8);
                int fanOut = 2 + random.nextInt(9);
                yield hostile("alias bomb " + levels + "x" + fanOut, HostileDocuments.aliasBomb(levels, fanOut), YAML_TYPE);
            }
            case 3 -> {
                int tags = 1 + random.nextInt(300);
                yield hostile(tags + " tags", HostileDocuments.manyTags(tags), JSON_TYPE);
            }
            case 4 -> hostile("awkward names", HostileDocuments.awkwardNames(random), JSON_TYPE);
            default -> new Case(new FuzzCase(next++, "hostile", "invalid UTF-8", HostileDocuments.invalidUtf8(random), JSON_TYPE,
                    PAYLOAD), HOME_BASE);
        };
    }

    private static JsonNode read(String path) {
        try {
            return (path.endsWith(".json") ? JSON : YAML).readTree(base(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(JsonNode tree, boolean asYaml) {
        try {
            return (asYaml ? YAML : JSON).writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
