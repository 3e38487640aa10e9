package dev.omrest.openmetadata;

import dev.omrest.config.EntityNames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** OpenMetadata's quoting (FullyQualifiedName.quoteName) and the name pattern {@code ^((?!::).)*$}, cases found by fuzzing. */
class NamesTest {

    @Test
    void namesAreQuotedTheWayTheServerQuotesThem() {
        assertEquals("svc.pets", Fqn.build("svc", "pets"));
        assertEquals("svc.\"v1.pets\"", Fqn.build("svc", "v1.pets"));
        assertEquals("svc.quoted", Fqn.build("svc", "\"quoted\""), "wrapping quotes without a dot inside are dropped");
        assertEquals("svc.\"a.b\"", Fqn.build("svc", "\"a.b\""), "wrapping quotes around a dotted name are kept");
        IllegalArgumentException inner = assertThrows(IllegalArgumentException.class, () -> Fqn.build("svc", "with\"quote"));
        assertEquals("Invalid name with\"quote: a name must not contain a double quote", inner.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fqn.build("svc", "\"\""));
    }

    @Test
    void namesTheServerRefusesAreNamedWithTheReason() {
        assertNull(EntityNames.entityNameProblem("ünïcødé/名前 🚀"));
        assertNull(EntityNames.entityNameProblem("x".repeat(256)));
        assertEquals("name is longer than 256 characters", EntityNames.entityNameProblem("x".repeat(257)));
        assertEquals("name is empty", EntityNames.entityNameProblem(""));
        assertEquals("name must not contain '::'", EntityNames.entityNameProblem("a::b"));
        assertNull(EntityNames.entityNameProblem("\"v1\""));
        assertEquals("name must not contain a double quote (other than quotes around the whole name)",
                EntityNames.entityNameProblem("with\"quote"));
        for (String lineBreak : new String[] {"\n", "\r", "\u0085", "\u2028", "\u2029"}) {
            assertEquals("name must not contain a line break", EntityNames.entityNameProblem("new" + lineBreak + "line"));
        }
    }
}
