package dev.omrest.map;

import dev.omrest.config.NameFilter;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the mapper needs besides the document.
 *
 * @param fallbackUrl entity URL when no docURL applies: the schema URL, or null for file sources
 */
public record MappingContext(String serviceName, ObjectNode serviceConnection, String docUrl, String fallbackUrl,
                             NameFilter collectionFilter, NameFilter endpointFilter) {
}
