package dev.omrest.parse;

import dev.omrest.map.DesiredState;
import dev.omrest.source.RawSpec;
import dev.omrest.support.Specs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Documents built to hold or crash the parser end with a clear error, or fail only the entity they name (issue 15). */
class HostileDocumentsParseTest {

    @Test
    void aDocumentThatStartsAsJsonAndIsNotIsAJsonErrorWithinThirtySeconds() {
        byte[] body = new byte[120 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        byte[] start = "{\"openapi\": \"3.0.0\", \"info\": \"".getBytes(StandardCharsets.US_ASCII); // an unterminated string
        System.arraycopy(start, 0, body, 0, start.length);
        long began = System.nanoTime();
        String message = assertThrows(SpecParseException.class, () -> new SpecParser(128L * 1024 * 1024)
                .parse(new RawSpec("https://h/big", body, null, null))).getMessage();
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        assertTrue(message.startsWith("Failed to parse https://h/big as JSON: Unexpected end-of-input"), message);
        assertTrue(seconds < 30, "the requirement is a clear error within 30 s; took " + seconds + " s");
    }

    @Test
    void aDocumentThatStartsAsJsonServedAsYamlIsStillReadAsYaml() {
        String flow = "{openapi: 3.0.3, info: {title: t, version: '1'}, paths: {/a: {get: {responses: {}}}}}";
        assertEquals(1, new SpecParser(1024 * 1024).parse(new RawSpec("s", flow.getBytes(StandardCharsets.UTF_8),
                "application/yaml", null)).operationCount());
    }

    @Test
    void aPathNameOfAHundredThousandCharactersFailsOnlyItsEndpoint() {
        String longPath = "/" + "p".repeat(100_000);
        String spec = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
                  "%s": {"get": {"tags": ["t"], "responses": {"200": {"description": "ok"}}}},
                  "/fine": {"get": {"tags": ["t"], "responses": {"200": {"description": "ok"}}}}}}""".formatted(longPath);
        for (String mediaType : new String[]{"application/json", "application/yaml"}) {
            DesiredState state = dev.omrest.map.ApiMapper.map(Specs.parse(spec, mediaType), Specs.context("svc", null, null));
            assertEquals(1, state.endpoints().size(), mediaType);
            assertEquals("svc.t./fine/get", state.endpoints().get(0).fqn());
            assertEquals(1, state.endpointFailures().size(), mediaType);
            assertTrue(state.endpointFailures().get(0).message().contains("256"), state.endpointFailures().get(0).message());
        }
    }

    @Test
    void aJsonLookingDocumentServedAsYamlIsNotScannedAsYamlTwice() {
        byte[] body = new byte[4 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        byte[] start = "{\"openapi\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        long began = System.nanoTime();
        String message = assertThrows(SpecParseException.class, () -> new SpecParser(128L * 1024 * 1024)
                .parse(new RawSpec("https://h/big", body, "application/yaml", null))).getMessage();
        assertTrue(message.startsWith("Failed to parse https://h/big as JSON: Unexpected end-of-input"), message);
        assertTrue((System.nanoTime() - began) / 1_000_000_000L < 10, "a YAML scan of 4 MiB takes seconds; none should run");
    }

    @Test
    void aYamlKeyLongerThanYamlAllowsSaysHowToWriteIt() {
        String spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /" + "p".repeat(2000)
                + ":\n    get:\n      responses: {}\n";
        String message = assertThrows(SpecParseException.class, () -> Specs.parse(spec, "application/yaml")).getMessage();
        assertTrue(message.contains("(a YAML key longer than 1024 characters must be written as an explicit key, '? key')"), message);
        String explicit = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  ? /" + "p".repeat(2000)
                + "\n  : get:\n      responses: {}\n";
        assertEquals(1, Specs.parse(explicit, "application/yaml").operationCount());
    }

    /** In a JVM with a 160 MB heap, a 48 MiB document of empty objects (16 million tree nodes) is an error, not a crash. */
    @Test
    void aTreeLargerThanTheHeapIsAnErrorNotACrash() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                SmallHeapParse.class.getName(), "48").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("error: Failed to parse https://h/huge.json as JSON: the document has more structure than"
                + " this function's memory holds"), output);
    }

    @Test
    void aReferenceWrittenWithCredentialsIsReportedWithoutThem() {
        String spec = """
                {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {
                  "description": "ok", "content": {"application/json": {"schema": {
                    "$ref": "http://reader:hunter2@127.0.0.1:1/common.yaml?token=qs-secret#/Pet"}}}}}}}}}""";
        ParsedSpec parsed = new SpecParser(1024 * 1024).parse(new RawSpec("https://h/spec.json",
                spec.getBytes(StandardCharsets.UTF_8), "application/json", null));
        String warnings = String.join("\n", parsed.referenceWarnings());
        assertTrue(warnings.contains("External reference 'http://127.0.0.1:1/common.yaml?…#/Pet' could not be read"), warnings);
        assertTrue(!warnings.contains("hunter2") && !warnings.contains("qs-secret"), warnings);
    }
}
