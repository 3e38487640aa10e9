package dev.omrest.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * OpenMetadata's include-then-exclude filter: kept iff no includes or one matches, and no exclude matches.
 * Matching follows Python's {@code re.match(p, name, IGNORECASE)}: anchored at the start only.
 */
public record NameFilter(List<Pattern> includes, List<Pattern> excludes) {

    public static final NameFilter ACCEPT_ALL = new NameFilter(List.of(), List.of());

    public NameFilter {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    public boolean isConfigured() {
        return !includes.isEmpty() || !excludes.isEmpty();
    }

    public boolean accepts(String name) {
        if (!isConfigured()) {
            return true;
        }
        if (name == null || name.isEmpty()) {
            return false;
        }
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(name).lookingAt());
        return included && excludes.stream().noneMatch(p -> p.matcher(name).lookingAt());
    }

    static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
