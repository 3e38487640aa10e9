package dev.omrest.infra;

import dev.omrest.infra.DeploySettings.Mode;
import dev.omrest.infra.ServicesConfig.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zip must fit the runtime and the architecture before it is uploaded. */
class FunctionZipTest {
    @TempDir
    Path dir;

    @Test
    void acceptsMatchingBuilds() {
        assertDoesNotThrow(() -> FunctionZip.check(Fixtures.nativeZip(dir, false), Mode.NATIVE, false));
        assertDoesNotThrow(() -> FunctionZip.check(Fixtures.nativeZip(dir, true), Mode.NATIVE, true));
        assertDoesNotThrow(() -> FunctionZip.check(Fixtures.jvmZip(dir), Mode.JVM, false));
        assertDoesNotThrow(() -> FunctionZip.check(Fixtures.jvmZip(dir), Mode.JVM, true));
    }

    @Test
    void refusesAJvmZipOnTheNativeRuntimeAndTheReverse() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FunctionZip.check(Fixtures.jvmZip(dir), Mode.NATIVE, false));
        assertTrue(e.getMessage().contains("no 'bootstrap'"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> FunctionZip.check(Fixtures.nativeZip(dir, false), Mode.JVM, false));
        assertTrue(e.getMessage().contains("native 'bootstrap'"), e.getMessage());
    }

    @Test
    void refusesABinaryForTheOtherArchitecture() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FunctionZip.check(Fixtures.nativeZip(dir, false), Mode.NATIVE, true));
        assertTrue(e.getMessage().contains("holds a x86_64 executable but architecture is arm64"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> FunctionZip.check(Fixtures.nativeZip(dir, true), Mode.NATIVE, false));
        assertTrue(e.getMessage().contains("holds a arm64 executable but architecture is x86_64"), e.getMessage());
    }

    @Test
    void aBootstrapScriptIsCheckedThroughItsRunner() {
        byte[] arm = new byte[64];
        arm[0] = 0x7F;
        arm[1] = 'E';
        arm[2] = 'L';
        arm[3] = 'F';
        arm[5] = 1;
        arm[18] = (byte) 0xB7;
        Path zip = Fixtures.zip(dir.resolve("script.zip"), Map.of(
                "bootstrap", "#!/bin/sh\nexec ./runner\n".getBytes(StandardCharsets.US_ASCII), "runner", arm));
        assertDoesNotThrow(() -> FunctionZip.check(zip, Mode.NATIVE, true));
        assertThrows(InvalidConfigException.class, () -> FunctionZip.check(zip, Mode.NATIVE, false));
    }

    @Test
    void saysHowToBuildAMissingZip() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FunctionZip.check(dir.resolve("none.zip"), Mode.NATIVE, false));
        assertTrue(e.getMessage().contains("./mvnw -B package -Dnative"), e.getMessage());
    }
}
