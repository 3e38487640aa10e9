package dev.omrest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one reading of a {@code $ref} fragment: split on '/', then each segment percent-decoded, then RFC 6901 unescaped. */
class RefPointersTest {

    private static List<String> keys(String fragment) {
        return RefPointers.keys(RefPointers.of(fragment));
    }

    @Test
    void aSlashInAKeyIsWrittenTilde1OrPercent2FAndATildeTilde0() {
        assertEquals(List.of("components", "schemas", "a/b"), keys("/components/schemas/a~1b"));
        assertEquals(List.of("components", "schemas", "a/b"), keys("/components/schemas/a%2Fb"));
        assertEquals(List.of("components", "schemas", "a/b"), keys("/components/schemas/a%2fb"));
        assertEquals(List.of("components", "schemas", "c~d"), keys("/components/schemas/c~0d"));
        assertEquals(List.of("components", "schemas", "c~d"), keys("/components/schemas/c%7E0d"), "percent-decoded first");
        assertEquals(List.of("paths", "/a/{id}", "get"), keys("/paths/~1a~1%7Bid%7D/get"));
    }

    @Test
    void percentEscapesAreDecodedOnceAndAPlusIsAPlus() {
        assertEquals(List.of("c%d"), keys("/c%25d"));
        assertEquals(List.of("c%41"), keys("/c%2541"), "decoded once");
        assertEquals(List.of("a+b", "a b"), keys("/a+b/a%20b"));
        assertEquals(List.of("a%zz", "a%2", "é"), keys("/a%zz/a%2/%C3%A9"), "malformed escapes are kept as written");
        assertEquals(List.of("~2", "a~"), keys("/~2/a~"), "a tilde that escapes nothing is kept");
    }

    @Test
    void emptyAndNonPointerFragments() {
        assertEquals(List.of(), keys(""));
        assertEquals(List.of(""), keys("/"));
        assertEquals(List.of("", ""), keys("//"));
        assertNull(RefPointers.of("Pet"), "an anchor, not a pointer");
    }

    @Test
    void aRewrittenFragmentReadsBackToTheSameKeys() {
        for (String fragment : List.of("/components/schemas/a%2Fb", "/c%2541", "/c%25d", "/x~0y/a%20b", "/%C3%A9")) {
            String written = RefPointers.fragment(RefPointers.of(fragment));
            assertEquals(keys(fragment), keys(written), fragment + " written as " + written);
        }
        assertEquals("/components/schemas/a~1b", RefPointers.fragment(RefPointers.of("/components/schemas/a%2Fb")));
        assertEquals("a~1b~0c", RefPointers.escape("a/b~c"));
        assertEquals("plain", RefPointers.escape("plain"));
        assertEquals("a/b", RefPointers.key("a%2Fb"));
        assertEquals("a/b", RefPointers.key("a~1b"));
    }

    @Test
    void arrayStepsTakeAsciiDigitsLeadingZerosIncluded() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("{\"allOf\": [{\"a\": 1}, {\"b\": 2}], \"a/b\": {\"c~d\": 3}}");
        assertEquals(2, RefPointers.at(tree, RefPointers.of("/allOf/1/b")).asInt());
        assertEquals(2, RefPointers.at(tree, RefPointers.of("/allOf/01/b")).asInt(), "as both readers always did");
        assertNull(RefPointers.at(tree, RefPointers.of("/allOf/\u0661/b")), "an Arabic-Indic digit is not an index");
        assertNull(RefPointers.at(tree, RefPointers.of("/allOf/-")));
        assertNull(RefPointers.at(tree, RefPointers.of("/allOf/2")));
        assertEquals(3, RefPointers.at(tree, RefPointers.of("/a~1b/c~0d")).asInt());
        assertEquals(3, RefPointers.at(tree, RefPointers.of("/a%2Fb/c~0d")).asInt());
        assertEquals(tree, RefPointers.at(tree, RefPointers.of("")));
        assertNull(RefPointers.at(tree, null));
        assertEquals(-1, RefPointers.index("\u0661"));
        assertEquals(-1, RefPointers.index(""));
        assertEquals(7, RefPointers.index("007"));
    }
}
