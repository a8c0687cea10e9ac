package io.github.aktenlift.casefile;

import io.github.aktenlift.lifecycle.CommandLoop;

/** A planted fault for {@code ArchitectureTest}: an exported package's public signature naming an internal type. */
public final class PlantedLeak {

    /** @return nothing; only its signature matters */
    public CommandLoop loop() {
        return null;
    }
}
