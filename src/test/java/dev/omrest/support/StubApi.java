package dev.omrest.support;

import dev.omrest.openmetadata.OpenMetadataApi;
import jakarta.ws.rs.core.Response;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * OpenMetadata's API as a test scripts it: each method name maps to what it answers, given the call's arguments; every
 * call's method name is recorded. A method the script leaves out fails the test.
 */
public final class StubApi {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final OpenMetadataApi api;

    public StubApi(Map<String, Function<Object[], Response>> answers) {
        api = (OpenMetadataApi) Proxy.newProxyInstance(OpenMetadataApi.class.getClassLoader(),
                new Class<?>[] {OpenMetadataApi.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(this, args);
                    }
                    calls.add(method.getName());
                    Function<Object[], Response> answer = answers.get(method.getName());
                    if (answer == null) {
                        throw new AssertionError("unexpected call " + method.getName());
                    }
                    return answer.apply(args);
                });
    }

    public OpenMetadataApi api() {
        return api;
    }

    /** The methods called, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
