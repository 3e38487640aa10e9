package dev.omrest.parse;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's UTF-8 check agrees with the JDK's strict decoder, byte for byte. */
class Utf8CheckTest {

    @Test
    void edgeCases() {
        assertTrue(DocumentReader.isUtf8(bytes()));
        assertTrue(DocumentReader.isUtf8("{\"a\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(DocumentReader.isUtf8(bytes(0xF4, 0x8F, 0xBF, 0xBF)), "U+10FFFF");
        assertFalse(DocumentReader.isUtf8(bytes(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertFalse(DocumentReader.isUtf8(bytes(0xC0, 0x80)), "overlong NUL");
        assertFalse(DocumentReader.isUtf8(bytes(0xE0, 0x9F, 0xBF)), "overlong three bytes");
        assertFalse(DocumentReader.isUtf8(bytes(0xF0, 0x8F, 0xBF, 0xBF)), "overlong four bytes");
        assertFalse(DocumentReader.isUtf8(bytes(0xED, 0xA0, 0x80)), "a surrogate");
        assertFalse(DocumentReader.isUtf8(bytes('a', 0xE2, 0x82)), "cut short at the end");
        assertFalse(DocumentReader.isUtf8(bytes(0xE2, 'a', 0xAC)), "not a continuation");
        assertFalse(DocumentReader.isUtf8(bytes(0x80)), "a lone continuation");
        assertFalse(DocumentReader.isUtf8(bytes(0xFF)), "never in UTF-8");
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(20261126);
        for (int run = 0; run < 20_000; run++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly the bytes that start or continue a sequence, where the rules are
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            assertEquals(jdkAccepts(bytes), DocumentReader.isUtf8(bytes), () -> java.util.HexFormat.of().formatHex(bytes));
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
