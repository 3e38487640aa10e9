package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.openmetadata.EntityNames;
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
    /** Undocumented differences shown per spec (all are counted). */
    private static final int EXAMPLES = 3;
    private static final MappingContext CONTEXT =
            new MappingContext("svc", null, null, null, NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);

    /** One spec's outcome. */
    static final class Result {
        final String id;
        String outcome = "compared";
        int upstreamEntities;
        int equalNames;
        final List<String> documented = new ArrayList<>();
        final List<String> undocumented = new ArrayList<>();
        int upstreamModeSchemasCompared;
        int extendedMissingFields;

        Result(String id) {
            this.id = id;
        }
    }

    public static void main(String[] args) throws IOException {
        List<String[]> specs = Files.readAllLines(Path.of(args[0])).stream().map(l -> l.split("\t", 2)).toList();
        Path upstreamDir = Path.of(args[1]);
        List<Result> results = new ArrayList<>();
        for (String[] spec : specs) {
            Result r = new Result(spec[0]);
            try {
                compare(Path.of(spec[1]), upstreamDir.resolve(spec[0] + ".upstream.jsonl"), r);
            } catch (RuntimeException | StackOverflowError e) {
                r.outcome = "crashed";
                r.undocumented.add("comparison crashed: " + e);
            }
            results.add(r);
            System.out.println(r.id + " " + r.outcome + " documented=" + r.documented.size() + " undocumented=" + r.undocumented.size()
                    + " extendedMissing=" + r.extendedMissingFields);
        }
        Files.writeString(Path.of(args[2]), report(results), StandardCharsets.UTF_8);
    }

    static void compare(Path spec, Path upstreamFile, Result r) throws IOException {
        List<JsonNode> upstream = Files.readAllLines(upstreamFile).stream().map(ParityCheck::read).toList();
        if (!upstream.isEmpty() && upstream.get(0).has("error")) {
            r.outcome = "upstream failed";
            r.documented.add("upstream cannot read it (" + upstream.get(0).path("error").asText() + ")");
            return;
        }
        byte[] body = Files.readAllBytes(spec);
        String file = spec.getFileName().toString();
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ParsedSpec parsed;
        try {
            parsed = new SpecParser(256L * 1024 * 1024).parse(new RawSpec(spec.toString(), body, null, extension));
        } catch (SpecParseException e) {
            r.outcome = "refused here";
            r.undocumented.add("this project refuses what upstream reads: " + e.getMessage());
            return;
        }
        DesiredState upstreamMode = ApiMapper.map(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.UPSTREAM));
        DesiredState extended = ApiMapper.map(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.EXTENDED));
        Map<String, JsonNode> exact = lines(ApiMapper.mapExactlyAsUpstream(parsed, CONTEXT.withSchemaFields(SchemaFieldsMode.UPSTREAM)));

        Map<String, JsonNode> theirs = new LinkedHashMap<>();
        upstream.forEach(line -> theirs.put(line.has("collection") ? "collection " + line.get("collection").asText()
                : "endpoint " + line.get("endpoint").asText(), line));
        Map<String, JsonNode> ours = lines(upstreamMode);
        Map<String, JsonNode> oursExtended = lines(extended);
        r.upstreamEntities = theirs.size();
        Set<String> pathRefs = pathItemRefs(parsed);
        pathRefs.addAll(rawPathItemRefs(body, extension));
        for (Map.Entry<String, JsonNode> entry : theirs.entrySet()) {
            JsonNode mine = ours.get(entry.getKey());
            if (mine == null) {
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
                        String difference = "upstream mode " + schema + " of " + entry.getKey() + ": upstream " + cut(expected)
                                + " here " + cut(actual);
                        if (expected.equals(exact.get(entry.getKey()).path(schema))) {
                            // upstream's rules to the letter give upstream's answer: the difference is one of rows 9-13
                            r.documented.add("rows 9-13 (media types, references followed): " + difference);
                        } else {
                            r.undocumented.add(difference);
                        }
                    }
                    JsonNode extendedFields = oursExtended.get(entry.getKey()).path(schema).path("schemaFields");
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
                String path = key.startsWith("endpoint ") ? pathOf(key) : null;
                if (path != null && pathRefs.contains(path) || key.startsWith("collection ") && onlyFromPathRefs(key, ours, pathRefs)) {
                    r.documented.add("row 61 (path item $ref followed): only here " + key);
                } else {
                    r.undocumented.add("only here: " + key);
                }
            }
        }
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
            lines.put("endpoint " + e.fqn(), line);
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

    private static String cut(Object value) {
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static String report(List<Result> results) {
        StringBuilder md = new StringBuilder("# Parity with upstream openmetadata-ingestion 2.0.7.0\n\n");
        md.append("Generated by `bench/parity.sh` (not part of the tests): for each spec, the entities upstream 2.0.7.0's own ")
                .append("code gives (`bench/upstream-entities.py`) against this project's mapping in both field modes. ")
                .append("Names and FQNs (collection membership is part of an endpoint's FQN) must be equal; in ")
                .append("`schemaFields: upstream` mode each request and response schema must be equal; in `extended` mode ")
                .append("no field upstream gives may be missing. A difference a row of docs/compatibility.md explains is ")
                .append("counted as documented.\n\n")
                .append("An upstream-mode schema difference counts as documented (rows 9–13) when upstream's rules to the letter ")
                .append("(`application/json` only, no `components.requestBodies`/`responses`/`parameters` reference followed in an ")
                .append("OpenAPI 3 document) give upstream's answer; the extended mode is floored on those rules (row 65). What is ")
                .append("left undocumented is work to do: mostly Swagger 2.0 documents, which this project reads through ")
                .append("swagger-parser's converter (row 13).\n\n");
        int entities = 0;
        int equal = 0;
        int documented = 0;
        int undocumented = 0;
        int schemas = 0;
        int missing = 0;
        for (Result r : results) {
            entities += r.upstreamEntities;
            equal += r.equalNames;
            documented += r.documented.size();
            undocumented += r.undocumented.size();
            schemas += r.upstreamModeSchemasCompared;
            missing += r.extendedMissingFields;
        }
        md.append("| specs | upstream entities | equal names | upstream-mode schemas compared | documented differences | undocumented differences | extended: upstream fields missing |\n")
                .append("|---|---|---|---|---|---|---|\n")
                .append("| ").append(results.size()).append(" | ").append(entities).append(" | ").append(equal).append(" | ")
                .append(schemas).append(" | ").append(documented).append(" | ").append(undocumented).append(" | ").append(missing)
                .append(" |\n\n## Per spec\n\n| spec | outcome | upstream entities | equal | documented | undocumented | extended missing |\n|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.id).append(" | ").append(r.outcome).append(" | ").append(r.upstreamEntities).append(" | ")
                    .append(r.equalNames).append(" | ").append(r.documented.size()).append(" | ").append(r.undocumented.size())
                    .append(" | ").append(r.extendedMissingFields).append(" |\n");
        }
        md.append("\n## Differences\n\n");
        for (Result r : results) {
            for (String d : r.documented.subList(0, Math.min(1, r.documented.size()))) {
                String shown = d.length() > 160 ? d.substring(0, 160) + "…" : d;
                md.append("- ").append(r.id).append(" (documented): ").append(shown.replace("|", "\\|")).append('\n');
            }
            if (r.documented.size() > 1) {
                md.append("- ").append(r.id).append(": ").append(r.documented.size() - 1).append(" more documented\n");
            }
            for (String d : r.undocumented.subList(0, Math.min(EXAMPLES, r.undocumented.size()))) {
                String shown = d.length() > 240 ? d.substring(0, 240) + "…" : d;
                md.append("- ").append(r.id).append(" (**undocumented**): ").append(shown.replace("|", "\\|")).append('\n');
            }
            if (r.undocumented.size() > EXAMPLES) {
                md.append("- ").append(r.id).append(": ").append(r.undocumented.size() - EXAMPLES).append(" more undocumented\n");
            }
        }
        return md.toString();
    }

    private ParityCheck() {
    }
}
