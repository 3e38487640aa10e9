package dev.omrest.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.HttpAccess;
import dev.omrest.config.IngestSettings;
import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.config.SinkTarget;
import dev.omrest.config.UnchangedCheck;
import dev.omrest.config.SpecLocation;
import dev.omrest.plan.InputKey;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input that can change what a run writes changes the key a seal is made with; nothing else does. */
class RunInputsTest {
    private static final byte[] SPEC = "{\"openapi\": \"3.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private static IngestSettings settings(UnaryOperator<Settings> change) {
        return change.apply(new Settings()).build();
    }

    /** The settings record with one field at a time changed. */
    private static final class Settings {
        String service = "svc";
        SpecLocation spec = new SpecLocation.Url(URI.create("http://specs/openapi.json"), HttpAccess.NONE);
        String docUrl = null;
        NameFilter collections = NameFilter.ACCEPT_ALL;
        NameFilter endpoints = NameFilter.ACCEPT_ALL;
        boolean markCollections = true;
        boolean markEndpoints = true;
        double share = 0.5;
        boolean mass = false;
        ObjectNode connection = JsonNodeFactory.instance.objectNode().put("type", "Rest");
        SchemaFieldsMode fields = SchemaFieldsMode.EXTENDED;
        UnchangedCheck unchanged = new UnchangedCheck(null, null);
        String pipeline = null;
        SinkTarget sink = new SinkTarget.File(Path.of("out.json"));

        IngestSettings build() {
            return new IngestSettings(service, spec, docUrl, collections, endpoints, markCollections, markEndpoints, share,
                    mass, false, sink, connection, pipeline, null, false, fields, unchanged);
        }
    }

    private static InputKey key(IngestSettings settings) {
        return new RunInputs(settings, InputKey.digest(SPEC), "2.0.1").key(List.of());
    }

    @Test
    void theKeyIsStableAndFollowsEveryInputThatReachesTheOutput() {
        InputKey base = key(settings(s -> s));
        assertEquals(base, key(settings(s -> s)), "same inputs, same key");
        assertEquals(base, key(settings(s -> {
            s.pipeline = "svc.metadata_agent";
            s.sink = new SinkTarget.File(Path.of("elsewhere.json"));
            s.unchanged = new UnchangedCheck(UnchangedCheck.Mode.CHANGE_EVENTS, java.time.Duration.ofHours(2));
            return s;
        })), "where the run is recorded or written, and how it checks a seal, do not change what is written");

        Map<String, InputKey> changed = Map.ofEntries(
                Map.entry("service", key(settings(s -> { s.service = "other"; return s; }))),
                Map.entry("spec url", key(settings(s -> {
                    s.spec = new SpecLocation.Url(URI.create("http://specs/v2/openapi.json"), HttpAccess.NONE);
                    return s;
                }))),
                Map.entry("docURL", key(settings(s -> { s.docUrl = "https://docs"; return s; }))),
                Map.entry("collection filter", key(settings(s -> {
                    s.collections = new NameFilter(List.of(Pattern.compile("a")), List.of());
                    return s;
                }))),
                Map.entry("collection filter, other side", key(settings(s -> {
                    s.collections = new NameFilter(List.of(), List.of(Pattern.compile("a")));
                    return s;
                }))),
                Map.entry("endpoint filter", key(settings(s -> {
                    s.endpoints = new NameFilter(List.of(Pattern.compile("a")), List.of());
                    return s;
                }))),
                Map.entry("markDeletedApiCollections", key(settings(s -> { s.markCollections = false; return s; }))),
                Map.entry("markDeletedApiEndpoints", key(settings(s -> { s.markEndpoints = false; return s; }))),
                Map.entry("deletionGuardMaxShare", key(settings(s -> { s.share = 0.6; return s; }))),
                Map.entry("allowMassDeletion", key(settings(s -> { s.mass = true; return s; }))),
                Map.entry("connection", key(settings(s -> { s.connection = s.connection.deepCopy().put("docURL", "x"); return s; }))),
                Map.entry("schemaFields", key(settings(s -> { s.fields = SchemaFieldsMode.UPSTREAM; return s; }))),
                Map.entry("spec bytes", new RunInputs(settings(s -> s), InputKey.digest("{\"openapi\": \"3.1.0\"}".getBytes(StandardCharsets.UTF_8)), "2.0.1").key(List.of())),
                Map.entry("server version", new RunInputs(settings(s -> s), InputKey.digest(SPEC), "1.6.9").key(List.of())),
                Map.entry("a referenced document", new RunInputs(settings(s -> s), InputKey.digest(SPEC), "2.0.1").key(List.of("http://specs/a.yaml 00"))),
                Map.entry("that document changed", new RunInputs(settings(s -> s), InputKey.digest(SPEC), "2.0.1").key(List.of("http://specs/a.yaml 01"))));
        Set<InputKey> distinct = new HashSet<>(changed.values());
        distinct.add(base);
        assertEquals(changed.size() + 1, distinct.size(), "every change gives a key of its own: " + changed);
    }

    @Test
    void theBuildIsIdentifiedByItsVersionAndBuildTime() {
        String build = BuildIdentity.current();
        assertFalse(build.isBlank());
        assertFalse(build.contains("${"), "Maven filled in " + BuildIdentity.RESOURCE + ": " + build);
        assertTrue(build.matches("\\S+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), build);
    }
}
