package io.github.aktenlift.lifecycle;

import io.github.aktenlift.tracking.query.TrackingQueries;

/** A planted fault for {@code ArchitectureTest}: the command loop's package reaching a stage built on it. */
final class PlantedCycle {

    TrackingQueries queries;
}
