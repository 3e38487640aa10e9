package dev.omrest.net;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one same-origin rule, for redirects of the spec fetch and for the files a spec references. */
class OriginTest {

    private static boolean same(String a, String b) {
        return Origin.same(URI.create(a), URI.create(b));
    }

    @Test
    void theDefaultPortWrittenOrNotIsOneOrigin() {
        assertTrue(same("https://h/", "https://h:443/"));
        assertTrue(same("https://h:443/spec.yaml", "https://h/schemas/pet.yaml"));
        assertTrue(same("http://h/", "http://h:80/other"));
        assertTrue(same("HTTPS://H.Example.COM/a", "https://h.example.com/b"), "scheme and host are case-insensitive");
    }

    @Test
    void anotherPortSchemeOrHostIsAnotherOrigin() {
        assertFalse(same("http://h:8080/", "http://h/"));
        assertFalse(same("http://h:8080/", "https://h/"));
        assertFalse(same("https://h:8443/", "https://h/"));
        assertFalse(same("http://h/", "https://h/"));
        assertFalse(same("https://h/", "https://h.example.com/"));
        assertFalse(same("https://h/", "/relative/only"), "a URL without a host has no origin");
        assertFalse(Origin.same(null, URI.create("https://h/")));
    }
}
