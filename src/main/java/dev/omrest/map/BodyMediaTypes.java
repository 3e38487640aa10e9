package dev.omrest.map;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

import java.util.Locale;
import java.util.Map;

/**
 * Which media type of a {@code content} map the extended extraction reads: {@code application/json} (parameters
 * such as {@code ; charset=utf-8} ignored), then any other JSON type ({@code application/*+json},
 * {@code application/vnd.*+json}, {@code text/json}, …), then {@code *}{@code /*} and {@code application/*}, then form
 * bodies ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, other {@code multipart/*}), then the
 * first media type in document order; only media types with a schema count, and within each group the document order
 * decides.
 */
final class BodyMediaTypes {
    private BodyMediaTypes() {
    }

    static Schema<?> schema(Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        Schema<?> best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Map.Entry<String, MediaType> entry : content.entrySet()) {
            MediaType media = entry.getValue();
            if (media == null || media.getSchema() == null) {
                continue;
            }
            int rank = rank(entry.getKey());
            if (rank < bestRank) {
                best = media.getSchema();
                bestRank = rank;
            }
        }
        return best;
    }

    static int rank(String mediaType) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        if (type.equals("application/json")) {
            return 0;
        }
        if (type.endsWith("+json") || type.contains("json")) {
            return 1;
        }
        if (type.equals("*/*") || type.equals("application/*")) {
            return 2;
        }
        if (type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data")) {
            return 3;
        }
        if (type.startsWith("multipart/")) {
            return 4;
        }
        return 5;
    }
}
