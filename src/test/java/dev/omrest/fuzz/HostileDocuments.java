package dev.omrest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Documents built to hurt a parser: depth, aliases, sheer count and name length. */
final class HostileDocuments {
    private HostileDocuments() {
    }

    /** A spec whose one response schema nests {@code depth} objects (JSON text, not a tree, so it costs nothing to build). */
    static String deepSchema(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append("{\"type\":\"object\",\"properties\":{\"p").append(i).append("\":");
            close.append("}}");
        }
        return specWith("\"/deep\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":"
                + "{\"schema\":" + open + "{\"type\":\"string\"}" + close + "}}}}}}", "");
    }

    /** Plain JSON arrays nested {@code depth} deep inside an otherwise valid spec. */
    static String deepArrays(int depth) {
        return specWith("\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}",
                ",\"x-deep\":" + "[".repeat(depth) + "]".repeat(depth));
    }

    /** The billion-laughs shape in YAML: each level refers to the previous one {@code fanOut} times. */
    static String aliasBomb(int levels, int fanOut) {
        StringBuilder yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: bomb, version: '1'}\nx-bomb:\n  l0: &l0 [lol, lol]\n");
        for (int i = 1; i <= levels; i++) {
            yaml.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < fanOut; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.append("paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n").toString();
    }

    /** {@code tags} root tags and one operation per tag, so as many collections as tags. */
    static String manyTags(int tags) {
        StringBuilder rootTags = new StringBuilder();
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < tags; i++) {
            rootTags.append(i == 0 ? "" : ",").append("{\"name\":\"tag").append(i).append("\"}");
            paths.append(i == 0 ? "" : ",").append("\"/t").append(i).append("\":{\"get\":{\"tags\":[\"tag").append(i)
                    .append("\"],\"responses\":{\"200\":{\"description\":\"ok\"}}}}");
        }
        return "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"tags\",\"version\":\"1\"},\"tags\":[" + rootTags
                + "],\"paths\":{" + paths + "}}";
    }

    /** Paths and tags whose names OpenMetadata quotes, limits or refuses. */
    static String awkwardNames(Random random) {
        String[] names = {"a.b", "v1.0", "\"quoted\"", "with\"quote", "a::b", "::", "slash/tag", "ünïcødé-名前", "emoji-🚀",
                "x".repeat(255), "y".repeat(256), "z".repeat(300), " leading space", "tab\there", "new\nline", ""};
        String tag = names[random.nextInt(names.length)];
        String segment = names[random.nextInt(names.length)].replace("\n", "").replace("\t", "");
        String json = "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"names\",\"version\":\"1\"},\"tags\":[{\"name\":"
                + quote(tag) + "}],\"paths\":{" + quote("/" + segment) + ":{\"get\":{\"tags\":[" + quote(tag) + "],"
                + "\"operationId\":" + quote(segment) + ",\"responses\":{\"200\":{\"description\":\"ok\",\"content\":"
                + "{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{" + quote(segment)
                + ":{\"type\":\"string\"}}}}}}}}}," + quote("/" + segment + "/") + ":{\"get\":{\"tags\":[" + quote(tag)
                + "],\"responses\":{\"200\":{\"description\":\"ok\"}}}},\"/plain\":{\"get\":{\"tags\":[\"plain\"],"
                + "\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
        return json;
    }

    /** JSON with the same key twice at the top and inside an operation. */
    static String duplicateKeys() {
        return "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"dup\",\"version\":\"1\"},"
                + "\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}},"
                + "\"get\":{\"operationId\":\"second\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}},"
                + "\"paths\":{\"/b\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    }

    /** A YAML spec whose schemas refer to each other in a ring and to themselves. */
    static String refLoops() {
        return """
                openapi: 3.0.0
                info: {title: loops, version: '1'}
                paths:
                  /loop:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/A'}
                    post:
                      requestBody: {$ref: '#/components/requestBodies/Self'}
                      responses:
                        '200': {$ref: '#/components/responses/R1'}
                components:
                  requestBodies:
                    Self: {$ref: '#/components/requestBodies/Self'}
                  responses:
                    R1: {$ref: '#/components/responses/R2'}
                    R2: {$ref: '#/components/responses/R1'}
                  schemas:
                    A: {$ref: '#/components/schemas/B'}
                    B: {$ref: '#/components/schemas/C'}
                    C: {allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/C'}]}
                """;
    }

    /**
     * {@code paths} path items that each are a reference to the whole document (which holds them all), plus a ring of
     * path items that refer to each other: copying what they point at must stay bounded.
     */
    static String pathItemRefBomb(int paths) {
        StringBuilder items = new StringBuilder("\"/ring\":{\"$ref\":\"#/paths/~1ring2\"},\"/ring2\":{\"$ref\":\"#/paths/~1ring\"}");
        for (int i = 0; i < paths; i++) {
            items.append(",\"/p").append(i).append("\":{\"$ref\":\"").append(i % 2 == 0 ? "#" : "#/paths").append("\"}");
        }
        return specWith(items + ",\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}", "");
    }

    /** Bytes that are not UTF-8 inside an otherwise valid JSON spec. */
    static byte[] invalidUtf8(Random random) {
        byte[] text = specWith("\"/a\":{\"get\":{\"description\":\"XXXX\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}", "")
                .getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88}};
        String asText = new String(text, StandardCharsets.ISO_8859_1);
        int at = asText.indexOf("XXXX");
        byte[] insert = bad[random.nextInt(bad.length)];
        byte[] out = new byte[text.length - 4 + insert.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(text, at + 4, out, at + insert.length, text.length - at - 4);
        return out;
    }

    private static String specWith(String paths, String extra) {
        return "{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"hostile\",\"version\":\"1\"},\"paths\":{" + paths + "}" + extra + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
