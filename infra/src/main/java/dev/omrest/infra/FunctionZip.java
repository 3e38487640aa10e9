package dev.omrest.infra;

import dev.omrest.infra.ServicesConfig.InvalidConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks that {@code function.zip} fits the chosen runtime before CDK uploads it, so a JVM zip is never
 * deployed on {@code provided.al2023} (or an arm64 binary on x86_64) and found out only at the first invocation.
 * Quarkus's native zip holds the executable as {@code bootstrap} (or a script {@code bootstrap} plus the
 * executable as {@code runner}); its JVM zip holds the runner jar's contents plus {@code lib/}.
 */
public final class FunctionZip {
    private static final int EM_X86_64 = 0x3E;
    private static final int EM_AARCH64 = 0xB7;

    private FunctionZip() {
    }

    public static void check(Path zip, DeploySettings.Mode mode, boolean arm64) {
        if (!Files.isRegularFile(zip)) {
            throw new InvalidConfigException("No function zip at " + zip.toAbsolutePath().normalize() + ". Build it first ("
                    + (mode == DeploySettings.Mode.NATIVE ? "./mvnw -B package -Dnative" : "./mvnw -B package")
                    + " in the repository root) or pass -c " + DeploySettings.FUNCTION_ZIP + "=<path>.");
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry bootstrap = file.getEntry("bootstrap");
            boolean hasLib = file.stream().anyMatch(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar"));
            if (mode == DeploySettings.Mode.NATIVE) {
                if (bootstrap == null) {
                    throw new InvalidConfigException(zip + " has no 'bootstrap': it is not a native build (use -c "
                            + DeploySettings.RUNTIME + "=jvm for a JVM zip, or build with -Dnative)");
                }
                ZipEntry binary = bootstrap;
                if (startsWith(file, bootstrap, "#!") && file.getEntry("runner") != null) {
                    binary = file.getEntry("runner");
                }
                int machine = elfMachine(file, binary);
                if (machine == EM_X86_64 && arm64 || machine == EM_AARCH64 && !arm64) {
                    throw new InvalidConfigException(zip + " holds a " + (machine == EM_X86_64 ? "x86_64" : "arm64")
                            + " executable but " + DeploySettings.ARCHITECTURE + " is " + (arm64 ? "arm64" : "x86_64"));
                }
            } else if (bootstrap != null || !hasLib) {
                throw new InvalidConfigException(zip + " is not a Quarkus JVM build (" + (bootstrap != null ? "it has a native 'bootstrap'"
                        : "no lib/*.jar") + "); build it without -Dnative, or use -c " + DeploySettings.RUNTIME + "=native");
            }
        } catch (IOException e) {
            throw new InvalidConfigException(zip + " is not a readable zip: " + e.getMessage());
        }
    }

    private static boolean startsWith(ZipFile file, ZipEntry entry, String prefix) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            byte[] head = in.readNBytes(prefix.length());
            return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals(prefix);
        }
    }

    /** ELF e_machine of the entry, or -1 when it is not an ELF file. */
    private static int elfMachine(ZipFile file, ZipEntry entry) throws IOException {
        try (InputStream in = file.getInputStream(entry)) {
            byte[] head = in.readNBytes(20);
            if (head.length < 20 || head[0] != 0x7F || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
                return -1;
            }
            boolean littleEndian = head[5] == 1;
            return littleEndian ? (head[18] & 0xFF) | (head[19] & 0xFF) << 8 : (head[19] & 0xFF) | (head[18] & 0xFF) << 8;
        }
    }
}
