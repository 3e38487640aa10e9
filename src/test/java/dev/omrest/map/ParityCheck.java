package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.config.EntityNames;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParseException;
import dev.omrest.parse.SpecParser;
import dev.omrest.source.RawSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The parity harness's comparer (bench/parity.sh runs it; not part of the tests). For every spec of a list, the
 * entities upstream 2.0.7.0's own code gives ({@code <id>.upstream.jsonl}, from bench/upstream-entities.py) against
 * this project's mapping in both field modes:
 * <ul>
 *   <li>names: collection and endpoint FQNs (membership is part of the FQN), equal or on one side only;</li>
 *   <li>{@code schemaFields: upstream}: each common endpoint's request and response schema, exactly;</li>
 *   <li>{@code extended}: every field upstream gives is there under the same name path (0 missing is the target).</li>
 * </ul>
 * A difference a compatibility row explains is counted as documented, with the row; any other is undocumented.
 *
 * <pre>ParityCheck &lt;list.tsv (id TAB path)&gt; &lt;upstream dir&gt; &lt;report.md&gt;</pre>
 */
public final class ParityCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The service name on every side (ParityEndToEnd sends it in the workflow config). */
    public static final String SERVICE = "svc";
    /** Undocumented differences shown per spec (all are counted). */
    private static final int EXAMPLES = 3;
    private static final MappingContext CONTEXT =
            new MappingContext(SERVICE, null, null, null, NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);

    /** One spec's outcome. */
    static final class Result {
        final String id;
        String outcome = "compared";
        int upstreamEntities;
        int equalNames;
        final List<String> documented = new ArrayList<>();
        final List<String> undocumented = new ArrayList<>();
        /** Entities (same FQN on both sides) whose upstream-mode schemas or stored attributes differ. */
        final Set<String> differingEntities = new LinkedHashSet<>();
        /** End to end: each run's outcome (ParityEndToEnd's runs.json). */
        JsonNode runs;
        /** End to end: entity names upstream's writes the server refused, with its message (from upstream's log). */
        Map<String, String> upstreamRefused = Map.of();
        /** End to end: upstream's run was stopped before it ended (its time limit), so it stored part of the spec. */
        boolean upstreamUnfinished;
        boolean swagger2;
        int onlyUpstream;
        int onlyHere;
        int upstreamModeSchemasCompared;
        int extendedMissingFields;

        Result(String id) {
            this.id = id;
        }
    }

    public static void main(String[] args) throws IOException {
        boolean endToEnd = args[0].equals("--end-to-end");
        if (endToEnd) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        List<String[]> specs = Files.readAllLines(Path.of(args[0])).stream().map(l -> l.split("\t", 2)).toList();
        Path dir = Path.of(args[1]);
        List<Result> results = new ArrayList<>();
        for (String[] spec : specs) {
            Result r = new Result(spec[0]);
            try {
                if (endToEnd) {
                    compareStored(Path.of(spec[1]), dir, r);
                } else {
                    compare(Path.of(spec[1]), dir.resolve(spec[0] + ".upstream.jsonl"), r);
                }
            } catch (RuntimeException | StackOverflowError e) {
                r.outcome = "crashed";
                r.undocumented.add("comparison crashed: " + e);
            }
            results.add(r);
            System.out.println(r.id + " " + r.outcome + " documented=" + r.documented.size() + " undocumented=" + r.undocumented.size()
                    + " extendedMissing=" + r.extendedMissingFields);
        }
        Files.writeString(Path.of(args[2]), ParityReport.render(results, endToEnd), StandardCharsets.UTF_8);
    }

    /** The three sides to compare, each keyed {@code "collection <fqn>"} / {@code "endpoint <fqn>"}, normalised. */
    record Sides(Map<String, JsonNode> upstream, Map<String, JsonNode> upstreamMode, Map<String, JsonNode> extended) {
    }

    /** In-process: upstream's code (bench/upstream-entities.py's lines) against this project's mapping. */
    static void compare(Path spec, Path upstreamFile, Result r) throws IOException {
        List<JsonNode> upstream = Files.readAllLines(upstreamFile).stream().map(ParityCheck::read).toList();
        if (!upstream.isEmpty() && upstream.get(0).has("error")) {
            r.outcome = "upstream failed";
            r.documented.add("upstream cannot read it (" + upstream.get(0).path("error").asText() + ")");
            return;
        }
        ParsedSpec parsed = parse(spec, r);
        if (parsed == null) {
            return;
        }
        Sides sides = new Sides(keyed(upstream),
                lines(ApiMapper.map(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.UPSTREAM))),
                lines(ApiMapper.map(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.EXTENDED))));
        compare(spec, parsed, sides, r);
    }

    /**
     * End to end: what the emulator held after upstream's {@code metadata ingest} and after the packaged function in
     * each field mode (dev.omrest.bench.ParityEndToEnd's files), entities and their stored attributes included.
     */
    static void compareStored(Path spec, Path dir, Result r) throws IOException {
        String id = r.id;
        JsonNode runs = JSON.readTree(dir.resolve(id + ".runs.json").toFile());
        r.runs = runs;
        Sides sides = new Sides(stored(dir.resolve(id + ".upstream.jsonl")), stored(dir.resolve(id + ".ours-upstream.jsonl")),
                stored(dir.resolve(id + ".ours-extended.jsonl")));
        String exit = runs.path("upstream").path("exit").asText();
        boolean upstreamFailed = !exit.equals("0");
        r.upstreamUnfinished = exit.equals("timeout") || exit.startsWith("-");
        r.upstreamRefused = UpstreamLog.refused(dir.resolve(id + ".upstream.log"));
        if (upstreamFailed && sides.upstream().isEmpty()) {
            r.outcome = "upstream failed";
            r.documented.add("upstream's run stored nothing (exit " + runs.path("upstream").path("exit").asText() + ", see "
                    + id + ".upstream.log)" + (sides.upstreamMode().isEmpty() ? "; nothing here either" : ""));
            return;
        }
        for (String mode : List.of("ours-upstream", "ours-extended")) {
            if (!runs.path(mode).path("ok").asBoolean()) {
                r.undocumented.add(mode + " run failed: " + cut(runs.path(mode).path("error").asText()));
            }
        }
        ParsedSpec parsed = parse(spec, r);
        if (parsed == null) {
            return;
        }
        compare(spec, parsed, sides, r);
        for (Map.Entry<String, JsonNode> entry : sides.upstream().entrySet()) {
            JsonNode mine = sides.upstreamMode().get(entry.getKey());
            if (mine == null) {
                continue;
            }
            for (String attribute : dev.omrest.bench.ParityEndToEnd.ATTRIBUTES) {
                JsonNode theirs = entry.getValue().path(attribute);
                if (!theirs.equals(mine.path(attribute))) {
                    r.differingEntities.add(entry.getKey());
                    AttributeDifferences.classify(attribute, entry.getKey(), theirs, mine.path(attribute), r);
                }
            }
        }
    }

    private static ParsedSpec parse(Path spec, Result r) throws IOException {
        byte[] body = Files.readAllBytes(spec);
        String file = spec.getFileName().toString();
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        try {
            return new SpecParser(256L * 1024 * 1024).parse(new RawSpec(spec.toString(), body, null, extension));
        } catch (SpecParseException e) {
            r.outcome = "refused here";
            r.undocumented.add("this project refuses what upstream reads: " + e.getMessage());
            return null;
        }
    }

    private static void compare(Path spec, ParsedSpec parsed, Sides sides, Result r) throws IOException {
        r.swagger2 = parsed.swagger2();
        byte[] body = Files.readAllBytes(spec);
        String file = spec.getFileName().toString();
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        DesiredState exactState = ApiMapper.mapExactlyAsUpstream(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.UPSTREAM));
        Map<String, JsonNode> exact = lines(exactState);
        Map<String, JsonNode> theirs = sides.upstream();
        Map<String, JsonNode> ours = sides.upstreamMode();
        Map<String, JsonNode> oursExtended = sides.extended();
        r.upstreamEntities = theirs.size();
        Set<String> pathRefs = pathItemRefs(parsed);
        pathRefs.addAll(rawPathItemRefs(body, extension));
        for (Map.Entry<String, JsonNode> entry : theirs.entrySet()) {
            JsonNode mine = ours.get(entry.getKey());
            if (mine == null) {
                r.onlyUpstream++;
                if (entry.getKey().equals("collection " + SERVICE + ".default") && exactState.operations() == 0) {
                    r.documented.add("row 24 (a spec without operations writes nothing here; upstream writes default): only upstream "
                            + entry.getKey());
                    continue;
                }
                classifyUpstreamOnly(entry.getKey(), r);
                continue;
            }
            r.equalNames++;
            if (entry.getKey().startsWith("endpoint ")) {
                for (String schema : List.of("requestSchema", "responseSchema")) {
                    r.upstreamModeSchemasCompared++;
                    JsonNode expected = entry.getValue().path(schema);
                    JsonNode actual = mine.path(schema);
                    if (!expected.equals(actual)) {
                        r.differingEntities.add(entry.getKey());
                        String difference = "upstream mode " + schema + " of " + entry.getKey() + ": upstream " + cut(expected)
                                + " here " + cut(actual);
                        if (expected.equals(exact.get(entry.getKey()).path(schema))) {
                            // upstream's rules to the letter give upstream's answer: the difference is one of rows 9-13
                            r.documented.add("rows 9-13 (media types, references followed): " + difference);
                        } else {
                            r.undocumented.add(difference);
                        }
                    }
                    JsonNode extendedEntity = oursExtended.get(entry.getKey());
                    if (extendedEntity == null) {
                        r.undocumented.add("extended mode lacks " + entry.getKey());
                        continue;
                    }
                    JsonNode extendedFields = extendedEntity.path(schema).path("schemaFields");
                    JsonNode upstreamFields = expected.path("schemaFields");
                    if (schema.equals("responseSchema") && envelopeHolds(upstreamFields, extendedFields)) {
                        // row 65: upstream lists a data envelope's fields as the response's own; they are under data here
                        extendedFields = child(extendedFields, "data").path("children");
                    }
                    int missing = missing(upstreamFields, extendedFields, entry.getKey() + " " + schema, r);
                    r.extendedMissingFields += missing;
                }
            }
        }
        for (String key : ours.keySet()) {
            if (!theirs.containsKey(key)) {
                r.onlyHere++;
                String path = key.startsWith("endpoint ") ? pathOf(key) : null;
                String refused = UpstreamLog.refusal(key, r.upstreamRefused);
                if (path != null && pathRefs.contains(path) || key.startsWith("collection ") && onlyFromPathRefs(key, ours, pathRefs)) {
                    r.documented.add("row 61 (path item $ref followed): only here " + key);
                } else if (refused != null && refused.contains("uri pattern")) {
                    r.documented.add("row 14 (URLs percent-encoded, so the server takes them; it refused upstream's: " + cut(refused)
                            + "): only here " + key);
                } else if (r.upstreamUnfinished) {
                    r.documented.add("row 49 (upstream's run had not finished at its time limit): only here " + key);
                } else {
                    r.undocumented.add("only here: " + key);
                }
            }
        }
        for (String key : oursExtended.keySet()) {
            if (!ours.containsKey(key)) {
                r.undocumented.add("only in the extended mode: " + key);
            }
        }
    }

    /** Lines keyed as {@link Sides} keys them, in server form (see {@link #normalised}). */
    private static Map<String, JsonNode> keyed(List<JsonNode> lines) {
        Map<String, JsonNode> keyed = new LinkedHashMap<>();
        lines.forEach(line -> keyed.put(line.has("collection") ? "collection " + line.get("collection").asText()
                : "endpoint " + line.get("endpoint").asText(), normalised(line)));
        return keyed;
    }

    private static Map<String, JsonNode> stored(Path file) throws IOException {
        return Files.exists(file) ? keyed(Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(ParityCheck::read).toList())
                : new LinkedHashMap<>();
    }

    /**
     * A line as the server holds it: {@code null} members dropped (the server reads null and absent alike, row 21) and
     * an API schema's defaults filled ({@code schemaType} JSON, {@code schemaFields} empty), so lines from upstream's
     * code, from this project's mapper and from the server's store compare alike.
     */
    static JsonNode normalised(JsonNode line) {
        JsonNode copy = withoutNulls(line);
        if (copy instanceof ObjectNode object) {
            for (String property : List.of("requestSchema", "responseSchema")) {
                if (object.get(property) instanceof ObjectNode schema) {
                    if (!schema.has("schemaType")) {
                        schema.put("schemaType", "JSON");
                    }
                    if (!schema.has("schemaFields")) {
                        schema.putArray("schemaFields");
                    }
                }
            }
        }
        return copy;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    private static void classifyUpstreamOnly(String key, Result r) {
        String name = key.substring(key.indexOf(' ') + 1);
        String last = key.startsWith("collection ") ? name.substring(name.indexOf('.') + 1) : null;
        if (last != null && EntityNames.entityNameProblem(unquote(last)) != null || key.startsWith("endpoint ") && tooLong(name)) {
            r.documented.add("row 52 (a name the server refuses is not sent): only upstream " + cut(key));
        } else {
            r.undocumented.add("only upstream: " + cut(key));
        }
    }

    private static boolean tooLong(String fqn) {
        int slash = fqn.indexOf('/');
        return slash > 0 && fqn.length() > 600 || fqn.contains("::") || fqn.contains("\n");
    }

    private static String unquote(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    /** A collection whose every endpoint here comes from a followed path item reference (row 61). */
    private static boolean onlyFromPathRefs(String collectionKey, Map<String, JsonNode> ours, Set<String> pathRefs) {
        String prefix = "endpoint " + collectionKey.substring("collection ".length()) + ".";
        List<String> endpoints = ours.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        return !endpoints.isEmpty() && endpoints.stream().allMatch(k -> pathRefs.contains(pathOf(k)));
    }

    /** Whether upstream's top-level fields are missing at the top here but all stand under a {@code data} field. */
    private static boolean envelopeHolds(JsonNode upstream, JsonNode extended) {
        JsonNode data = child(extended, "data");
        if (!upstream.isArray() || upstream.isEmpty() || data == null) {
            return false;
        }
        for (JsonNode field : upstream) {
            if (child(data.path("children"), field.path("name").asText()) == null) {
                return false;
            }
        }
        return child(extended, upstream.get(0).path("name").asText()) == null;
    }

    private static JsonNode child(JsonNode fields, String name) {
        if (fields != null && fields.isArray()) {
            for (JsonNode field : fields) {
                if (field.path("name").asText().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** Upstream fields (by name path) the extended output lacks; each one is recorded. */
    private static int missing(JsonNode upstream, JsonNode extended, String where, Result r) {
        if (!upstream.isArray()) {
            return 0;
        }
        Map<String, JsonNode> byName = new TreeMap<>();
        if (extended.isArray()) {
            extended.forEach(f -> byName.putIfAbsent(f.path("name").asText(), f));
        }
        int count = 0;
        for (JsonNode field : upstream) {
            JsonNode have = byName.get(field.path("name").asText());
            if (have == null) {
                count++;
                if (count <= 3) {
                    r.undocumented.add("extended lacks upstream field " + field.path("name").asText() + " of " + where);
                }
            } else {
                count += missing(field.path("children"), have.path("children"), where + "." + field.path("name").asText(), r);
            }
        }
        return count;
    }

    private static Map<String, JsonNode> lines(DesiredState state) {
        Map<String, JsonNode> lines = new LinkedHashMap<>();
        state.collections().forEach(c -> lines.put("collection " + c.fqn(), JSON.createObjectNode()));
        state.endpoints().forEach(e -> {
            ObjectNode line = JSON.createObjectNode();
            line.set("requestSchema", JSON.valueToTree(e.request().requestSchema()));
            line.set("responseSchema", JSON.valueToTree(e.request().responseSchema()));
            lines.put("endpoint " + e.fqn(), normalised(line));
        });
        return lines;
    }

    private static Set<String> pathItemRefs(ParsedSpec parsed) {
        Set<String> paths = new LinkedHashSet<>();
        parsed.pathKeyOrder().forEach((path, keys) -> {
            if (keys.contains("$ref") || parsed.pathItemFromOtherFile(path)) {
                paths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
            }
        });
        return paths;
    }

    /** Paths whose item is a {@code $ref} in the document as written (internal references are inlined before parsing). */
    private static Set<String> rawPathItemRefs(byte[] body, String extension) {
        Set<String> paths = new LinkedHashSet<>();
        try {
            ObjectMapper reader = extension.equals("json") ? JSON
                    : new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
            reader.readTree(body).path("paths").properties().forEach(e -> {
                if (e.getValue().has("$ref")) {
                    String path = e.getKey();
                    paths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
                }
            });
        } catch (IOException | RuntimeException e) {
            // the parsed key order is what is known then
        }
        return paths;
    }

    /** The path part of {@code endpoint svc.<collection>.<path>/<method>}. */
    private static String pathOf(String key) {
        int slash = key.indexOf('/');
        int method = key.lastIndexOf('/');
        String path = slash < 0 || method <= slash ? null : key.substring(slash, method);
        return path != null && path.endsWith("\"") ? path.substring(0, path.length() - 1) : path;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON line: " + cut(line), e);
        }
    }

    static String cut(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private ParityCheck() {
    }
}
