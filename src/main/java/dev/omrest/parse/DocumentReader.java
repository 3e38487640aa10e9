package dev.omrest.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.omrest.source.RawSpec;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * JSON or YAML text to a tree, choosing the format the way upstream does: by Content-Type for URLs,
 * by extension for files, and otherwise JSON first, then YAML.
 */
final class DocumentReader {
    static final int MAX_NESTING_DEPTH = 500;
    /** A YAML document larger than the JSON parser reads in this time is not worth waiting for. */
    static final Duration YAML_TIME_LIMIT = Duration.ofSeconds(20);
    /** A document that starts as JSON but is not is tried as YAML only up to this size (hand-written flow style). */
    static final int MAX_FLOW_YAML_BYTES = 1024 * 1024;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    DocumentReader(long maxBytes) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
                // a name longer than Jackson's default (50,000) is an entity's problem, not the whole document's
                .maxNameLength((int) Math.min(Integer.MAX_VALUE, maxBytes))
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
        requireUtf8(raw);
        byte[] text = raw.body();
        int start = startsWithByteOrderMark(text) ? 3 : 0;
        if (isBlank(text, start)) {
            throw new SpecParseException("Failed to parse OpenAPI schema as either JSON or YAML: " + raw.origin() + " is empty");
        }
        String extension = raw.extension();
        if ("json".equals(extension)) {
            return orFail(readJson(text, start, raw.quotable()), raw, "JSON");
        }
        if ("yaml".equals(extension) || "yml".equals(extension)) {
            return orFail(readYaml(text, start, raw.quotable()), raw, "YAML");
        }
        String mediaType = raw.mediaType() == null ? "" : raw.mediaType().toLowerCase(Locale.ROOT);
        boolean servedAsYaml = mediaType.contains("yaml") || mediaType.contains("yml");
        Attempt asJson;
        Attempt asYaml;
        if (startsAsJson(text, start)) {
            asJson = readJson(text, start, raw.quotable());
            if (asJson.node != null) {
                return asJson.node;
            }
            if (text.length - start > MAX_FLOW_YAML_BYTES) {
                // a document that starts as JSON and is not JSON is a JSON error: YAML's scanner could spend minutes
                // on it (an unterminated string of 100 MB), and would only find it is not YAML either
                return orFail(asJson, raw, "JSON");
            }
            asYaml = readYaml(text, start, raw.quotable()); // YAML's flow style, as people write small documents by hand
        } else if (servedAsYaml) {
            asYaml = readYaml(text, start, raw.quotable());
            if (asYaml.node != null) {
                return asYaml.node;
            }
            asJson = readJson(text, start, raw.quotable());
        } else {
            asJson = readJson(text, start, raw.quotable());
            if (asJson.node != null) {
                return asJson.node;
            }
            asYaml = readYaml(text, start, raw.quotable());
        }
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

    private Attempt readJson(byte[] text, int start, boolean quotable) {
        try (JsonParser parser = json.getFactory().createParser(text, start, text.length - start)) {
            return readWith(json, parser, quotable);
        } catch (IOException e) {
            return failure(e, quotable);
        }
    }

    /** Through a reader that gives up at the deadline: no YAML document may hold a run for long. */
    private Attempt readYaml(byte[] text, int start, boolean quotable) {
        Reader reader = new DeadlineReader(new InputStreamReader(new ByteArrayInputStream(text, start, text.length - start),
                StandardCharsets.UTF_8), System.nanoTime() + YAML_TIME_LIMIT.toNanos());
        try (JsonParser parser = yaml.getFactory().createParser(reader)) {
            return readWith(yaml, parser, quotable);
        } catch (IOException e) {
            return failure(e, quotable);
        }
    }

    /** Straight from the bytes: no decoded copy of a JSON document (for the largest specs, 50–100 MB less at the peak). */
    private static Attempt readWith(ObjectMapper mapper, JsonParser parser, boolean quotable) {
        try {
            JsonNode node = mapper.readTree(parser);
            if (node == null || node instanceof MissingNode || node.isNull()) {
                return new Attempt(null, "no document");
            }
            return new Attempt(node, null);
        } catch (JsonProcessingException e) {
            return new Attempt(null, quotable || e.getCause() instanceof DeadlineReader.TimeUp ? withYamlHint(messageOf(e)) : located(e));
        } catch (IOException | RuntimeException e) {
            return failure(e, quotable);
        } catch (OutOfMemoryError e) {
            // the partial tree is garbage once this returns: the run fails with a reason instead of the function dying
            return new Attempt(null, TOO_MUCH_STRUCTURE);
        }
    }

    static final String TOO_MUCH_STRUCTURE = "the document has more structure than this function's memory holds";

    /**
     * YAML allows an implicit (plain) key of at most 1024 characters; SnakeYAML's words for a longer one do not say so.
     * (PyYAML, upstream's parser, refuses such keys too.)
     */
    private static String withYamlHint(String message) {
        return message != null && (message.contains("mapping values are not allowed here")
                || message.contains("could not find expected ':'"))
                ? message + " (a YAML key longer than 1024 characters must be written as an explicit key, '? key')" : message;
    }

    private static String messageOf(JsonProcessingException e) {
        return e.getCause() instanceof DeadlineReader.TimeUp timeUp ? timeUp.getMessage() : e.getOriginalMessage();
    }

    /** Where the text is wrong, without a word of it (a local file's content is not the caller's to read). */
    private static String located(JsonProcessingException e) {
        return e.getLocation() == null ? "not well-formed"
                : "not well-formed at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Checks the bytes are UTF-8 without decoding them (a CharsetDecoder pass costs twice as long on Lambda's JVM). */
    private static void requireUtf8(RawSpec raw) {
        if (!isUtf8(raw.body())) {
            throw new SpecParseException("Failed to parse OpenAPI schema: " + raw.origin() + " is not valid UTF-8 text");
        }
    }

    /** Well-formed UTF-8 (RFC 3629): shortest forms only, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int continuations = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2
                    : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
            if (continuations < 0 || i + continuations >= bytes.length) {
                return false;
            }
            int codePoint = lead & (0x3F >> continuations);
            for (int k = 1; k <= continuations; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = codePoint << 6 | next & 0x3F;
            }
            if (continuations == 2 && (codePoint < 0x800 || codePoint >= 0xD800 && codePoint <= 0xDFFF)
                    || continuations == 3 && (codePoint < 0x10000 || codePoint > 0x10FFFF)) {
                return false;
            }
            i += continuations + 1;
        }
        return true;
    }

    private static boolean startsAsJson(byte[] text, int start) {
        int first = firstNonBlank(text, start);
        return first >= 0 && (text[first] == '{' || text[first] == '[');
    }

    private static boolean startsWithByteOrderMark(byte[] text) {
        return text.length >= 3 && text[0] == (byte) 0xEF && text[1] == (byte) 0xBB && text[2] == (byte) 0xBF;
    }

    private static boolean isBlank(byte[] text, int start) {
        return firstNonBlank(text, start) < 0;
    }

    /** The index of the first byte that is not JSON/YAML white space, or -1. */
    private static int firstNonBlank(byte[] text, int start) {
        for (int i = start; i < text.length; i++) {
            byte b = text[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** A failed attempt's reason: the exception's words, or only its kind where the text is not the caller's to read. */
    private static Attempt failure(Exception e, boolean quotable) {
        return new Attempt(null, quotable ? String.valueOf(e.getMessage()) : e.getClass().getSimpleName());
    }

    private record Attempt(JsonNode node, String error) {
    }
}
