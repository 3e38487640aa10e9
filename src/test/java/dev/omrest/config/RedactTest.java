package dev.omrest.config;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Redact.text does in one pass what its patterns said, so a long message cannot hold a run. */
class RedactTest {

    /** The patterns Redact.text used to apply (quadratic on long text without white space). */
    private static String byPatterns(String text) {
        String shown = text.replaceAll("^[\\p{Z}\\s]+|[\\p{Z}\\s]+$", "").replaceAll("[^\\s/?#]*@", "");
        int cut = -1;
        for (int i = 0; i < shown.length() && cut < 0; i++) {
            if (shown.charAt(i) == '?' || shown.charAt(i) == '#') {
                cut = i;
            }
        }
        shown = cut < 0 ? shown : shown.substring(0, cut) + "?…";
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }

    @Test
    void sameAsThePatternsOnRandomText() {
        Random random = new Random(17);
        String alphabet = "ab@:/ ?#\t\u00a0\u2003x.";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(byPatterns(text.toString()), Redact.text(text.toString()), "for [" + text + "]");
        }
    }

    @Test
    void userInfoAndQueriesAreGoneFromAnyText() {
        assertEquals("failed at https://host/x?…", Redact.text("  failed at https://user:secret@host/x?token=abc  "));
        assertEquals("no token here", Redact.text("no token here"));
    }

    @Test
    void aLongMessageWithoutWhiteSpaceIsShownCut() {
        String shown = Redact.text("x".repeat(500_000) + "@host");
        assertEquals("host", shown, "everything up to the @ is user info");
        assertEquals(201, Redact.text("y".repeat(500_000)).length());
    }
}
