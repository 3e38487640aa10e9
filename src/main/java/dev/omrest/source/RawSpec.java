package dev.omrest.source;

/**
 * The document as fetched.
 *
 * @param origin    what the document is called in messages (URL without credentials, or file path)
 * @param mediaType the Content-Type the server gave (null for files), used for JSON/YAML sniffing
 * @param extension the file extension of a file or S3 key (lower-case, no dot), or null
 * @param quotable  whether parse errors may quote the text (not for local files: a caller must not learn their content)
 */
public record RawSpec(String origin, byte[] body, String mediaType, String extension, boolean quotable) {

    public RawSpec(String origin, byte[] body, String mediaType, String extension) {
        this(origin, body, mediaType, extension, true);
    }
}
