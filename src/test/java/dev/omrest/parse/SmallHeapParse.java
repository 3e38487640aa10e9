package dev.omrest.parse;

import dev.omrest.source.RawSpec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Run in a JVM with a small heap by {@link HostileDocumentsParseTest}: parses a document whose tree needs far more
 * memory than the heap has, and prints the error the run would report (the function must not die of it).
 */
public final class SmallHeapParse {
    public static void main(String[] args) {
        int megabytes = Integer.parseInt(args[0]);
        byte[] body = new byte[megabytes * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        byte[] item = "{},".getBytes(StandardCharsets.US_ASCII);
        body[0] = '[';
        int i = 1;
        for (; i + item.length + 3 <= body.length; i += item.length) {
            System.arraycopy(item, 0, body, i, item.length);
        }
        System.arraycopy("{}]".getBytes(StandardCharsets.US_ASCII), 0, body, i, 3);
        try {
            new SpecParser(256L * 1024 * 1024).parse(new RawSpec("https://h/huge.json", body, "application/json", null));
            System.out.println("parsed");
        } catch (SpecParseException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
