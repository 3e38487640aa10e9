package dev.omrest.function;

import dev.omrest.emulator.OpenMetadataEmulator;
import dev.omrest.emulator.SpecServer;
import org.junit.jupiter.api.AfterEach;

/** Each test gets its own spec server and, once it starts one, an OpenMetadata emulator; both close after it. */
abstract class LoopbackServers {
    protected final SpecServer specs = SpecServer.start();
    protected OpenMetadataEmulator om;

    @AfterEach
    void closeServers() {
        specs.close();
        if (om != null) {
            om.close();
        }
    }
}
