package dev.omrest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omrest.config.NameFilter;
import dev.omrest.map.ApiMapper;
import dev.omrest.map.DesiredState;
import dev.omrest.map.MappingContext;
import dev.omrest.parse.ParsedSpec;
import dev.omrest.parse.SpecParser;
import dev.omrest.source.RawSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Small helpers to run the parse and map stages on inline or bundled documents. */
public final class Specs {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Specs() {
    }

    public static ParsedSpec parse(String document, String mediaType) {
        return new SpecParser(64L * 1024 * 1024)
                .parse(new RawSpec("test-spec", document.getBytes(StandardCharsets.UTF_8), mediaType, null));
    }

    public static DesiredState map(String document, MappingContext context) {
        return ApiMapper.map(parse(document, "application/json"), context);
    }

    public static MappingContext context(String service, String docUrl, String fallbackUrl) {
        return new MappingContext(service, (ObjectNode) null, docUrl, fallbackUrl, NameFilter.ACCEPT_ALL, NameFilter.ACCEPT_ALL);
    }

    public static String resource(String path) {
        try (InputStream in = Specs.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    public static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
