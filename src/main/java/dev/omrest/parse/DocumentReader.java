package dev.omrest.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omrest.source.RawSpec;
import org.yaml.snakeyaml.LoaderOptions;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * JSON or YAML text to a tree, choosing the format the way upstream does: by Content-Type for URLs,
 * by extension for files, and otherwise JSON first, then YAML.
 */
final class DocumentReader {
    static final int MAX_NESTING_DEPTH = 500;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    DocumentReader(long maxBytes) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
                .build();
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(constraints);
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, maxBytes));
        loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loader.setMaxAliasesForCollections(100);
        YAMLFactory yamlFactory = YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints).build();
        this.yaml = new ObjectMapper(yamlFactory);
    }

    JsonNode read(RawSpec raw) {
        String text = decode(raw);
        if (text.isBlank()) {
            throw new SpecParseException("Failed to parse OpenAPI schema as either JSON or YAML: " + raw.origin() + " is empty");
        }
        String extension = raw.extension();
        if ("json".equals(extension)) {
            return orFail(readJson(text), raw, "JSON");
        }
        if ("yaml".equals(extension) || "yml".equals(extension)) {
            return orFail(readYaml(text), raw, "YAML");
        }
        String mediaType = raw.mediaType() == null ? "" : raw.mediaType().toLowerCase(Locale.ROOT);
        Attempt first = null;
        if (mediaType.contains("json")) {
            first = readJson(text);
        } else if (mediaType.contains("yaml") || mediaType.contains("yml")) {
            first = readYaml(text);
        }
        if (first != null && first.node != null) {
            return first.node;
        }
        Attempt asJson = readJson(text);
        if (asJson.node != null) {
            return asJson.node;
        }
        Attempt asYaml = readYaml(text);
        if (asYaml.node != null) {
            return asYaml.node;
        }
        throw new SpecParseException("Failed to parse OpenAPI schema as either JSON or YAML: " + raw.origin()
                + " (JSON: " + asJson.error + "; YAML: " + asYaml.error + ")");
    }

    private JsonNode orFail(Attempt attempt, RawSpec raw, String format) {
        if (attempt.node == null) {
            throw new SpecParseException("Failed to parse " + raw.origin() + " as " + format + ": " + attempt.error);
        }
        return attempt.node;
    }

    private Attempt readJson(String text) {
        return readWith(json, text);
    }

    private Attempt readYaml(String text) {
        return readWith(yaml, text);
    }

    private static Attempt readWith(ObjectMapper mapper, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node instanceof MissingNode || node.isNull()) {
                return new Attempt(null, "no document");
            }
            return new Attempt(node, null);
        } catch (JsonProcessingException e) {
            return new Attempt(null, e.getOriginalMessage());
        } catch (RuntimeException e) {
            return new Attempt(null, String.valueOf(e.getMessage()));
        }
    }

    private static String decode(RawSpec raw) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw.body()))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SpecParseException("Failed to parse OpenAPI schema: " + raw.origin() + " is not valid UTF-8 text");
        }
    }

    private record Attempt(JsonNode node, String error) {
    }
}
