package dev.omrest.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reading of a {@code $ref}'s fragment as a JSON pointer, for the parse stage (bundling other files, path items,
 * {@code $defs}) and the map stage (schema lookups), so that both find the same key for the same reference.
 *
 * <p>A fragment is split on its literal {@code /} first; each segment is then percent-decoded once and unescaped as
 * RFC 6901 says ({@code ~1} is {@code /}, {@code ~0} is {@code ~}, by Jackson's {@link JsonPointer}). Why in that
 * order: a JSON Reference is a URI, and in a URI a percent-encoded reserved character is data, not the delimiter it
 * encodes (RFC 3986 §2.2: {@code a/b} and {@code a%2Fb} are different URIs). So {@code #/components/schemas/a%2Fb}
 * names the key {@code a/b}, as {@code #/components/schemas/a~1b} does; decoding the whole fragment before splitting
 * would make that {@code %2F} a separator and look for {@code a}, then {@code b}. A {@code +} is a plain character
 * (only form encoding reads it as a space), and a segment whose escapes are malformed is taken as written.
 */
public final class RefPointers {
    private RefPointers() {
    }

    /**
     * The pointer a fragment (the text after {@code #}) names: the empty pointer (the whole document) for an empty
     * fragment, null when the fragment is not a JSON pointer (it does not start with {@code /}).
     */
    public static JsonPointer of(String fragment) {
        if (fragment.isEmpty()) {
            return JsonPointer.empty();
        }
        if (!fragment.startsWith("/")) {
            return null;
        }
        StringBuilder pointer = new StringBuilder(fragment.length());
        for (String segment : fragment.substring(1).split("/", -1)) {
            // a '/' that was written %2F is part of the key: in the pointer it is the escape ~1
            pointer.append('/').append(percentDecode(segment).replace("/", "~1"));
        }
        return JsonPointer.compile(pointer.toString());
    }

    /** The keys of a pointer, outermost first. */
    public static List<String> keys(JsonPointer pointer) {
        List<String> keys = new ArrayList<>();
        for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
            keys.add(at.getMatchingProperty());
        }
        return keys;
    }

    /** The key one segment of a fragment (text between two {@code /}) names. */
    public static String key(String segment) {
        return keys(of("/" + segment)).get(0);
    }

    /** A key as a pointer segment (RFC 6901 escaping, no percent-encoding). */
    public static String escape(String key) {
        return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : JsonPointer.empty().appendProperty(key).toString().substring(1);
    }

    /**
     * The fragment a rewritten {@code $ref} holds for a pointer: its RFC 6901 form with {@code %} written {@code %25}, so
     * that reading it again by {@link #of} gives the same keys (a key may hold {@code %41}).
     */
    public static String fragment(JsonPointer pointer) {
        return pointer.toString().replace("%", "%25");
    }

    /** The node a pointer names in {@code tree}, or null (no such key, or an array step that is not an index). */
    public static JsonNode at(JsonNode tree, JsonPointer pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode node = tree;
        for (String key : keys(pointer)) {
            node = node.isArray() ? element(node, key) : node.get(key);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * The array position a key names, or -1: ASCII digits only. Leading zeros are read as the number (RFC 6901 refuses
     * them, and Jackson's {@link JsonPointer#getMatchingIndex()} with it, but both readers here always accepted them).
     */
    public static int index(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    private static JsonNode element(JsonNode array, String key) {
        int index = index(key);
        return index < 0 ? null : array.get(index);
    }

    /** One segment with its percent-escapes decoded ({@code +} stays {@code +}); as written when malformed. */
    private static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
