package dev.omrest.map;

import dev.omrest.parse.ParsedSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/** Collection derivation (upstream's _derive_collections): root tags in order, then {@code default}, then undeclared operation tags sorted. */
final class Collections {
    private Collections() {
    }

    /** @param pathItem a path's item, references to other files followed ({@link ParsedSpec#pathItem}) */
    static List<CollectionSource> derive(OpenAPI openApi, Function<String, PathItem> pathItem, Consumer<String> warn) {
        List<CollectionSource> collections = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        if (openApi.getTags() != null) {
            for (Tag tag : openApi.getTags()) {
                if (tag == null || tag.getName() == null || tag.getName().isEmpty()) {
                    warn.accept("Root tag without a name skipped");
                } else if (!names.add(tag.getName())) {
                    warn.accept("Root tag '" + tag.getName() + "' is declared more than once; the first one is used");
                } else {
                    collections.add(new CollectionSource(tag.getName(), tag.getDescription()));
                }
            }
        }
        if (names.add(CollectionSource.DEFAULT)) {
            collections.add(new CollectionSource(CollectionSource.DEFAULT, null));
        }
        Set<String> undeclared = new TreeSet<>();
        if (openApi.getPaths() != null) {
            for (String path : openApi.getPaths().keySet()) {
                PathItem item = pathItem.apply(path);
                if (item == null) {
                    continue;
                }
                for (Operation operation : item.readOperations()) {
                    if (operation.getTags() != null) {
                        operation.getTags().stream().filter(t -> t != null && !names.contains(t)).forEach(undeclared::add);
                    }
                }
            }
        }
        undeclared.forEach(tag -> collections.add(new CollectionSource(tag, null)));
        return collections;
    }
}
