package dev.omrest.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which local files a payload may have read: any (deployment-triggered functions), none, or those under one
 * directory. A path is checked as the file system resolves it (links followed), so {@code ..} and symbolic links
 * cannot leave the directory.
 */
public record LocalFiles(boolean any, Path root) {
    public static final LocalFiles ANY = new LocalFiles(true, null);
    public static final LocalFiles NONE = new LocalFiles(false, null);

    public static LocalFiles under(Path directory) {
        return new LocalFiles(false, directory.toAbsolutePath().normalize());
    }

    /**
     * The path to read, or an exception whose message says why not, without saying whether the file exists (a caller
     * must not learn that of a file it may not read).
     */
    public Path check(Path path) throws RefusedFileException {
        if (any) {
            return path;
        }
        if (root == null) {
            throw new RefusedFileException("this function reads no local file (the deployment allows none)");
        }
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new RefusedFileException("only files under the directory the deployment allows may be read");
        }
        try {
            Path real = absolute.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new RefusedFileException("only files under the directory the deployment allows may be read");
            }
            return real;
        } catch (IOException e) {
            return absolute; // does not exist (yet): the read reports that, and the file is under the directory
        }
    }

    /** A local file the payload may not have read. */
    public static final class RefusedFileException extends Exception {
        public RefusedFileException(String message) {
            super(message);
        }
    }
}
