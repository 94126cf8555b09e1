package org.gridbazaar.mechanism.bonus;

import java.util.Objects;
import org.gridbazaar.horizon.Storage;

/**
 * An agent of an electric storage system (the paper's equation 2) or of an electric-vehicle fleet
 * (equation 4; build its unit with {@link org.gridbazaar.horizon.ElectricVehicle}): charge {@code
 * c_t} and discharge {@code d_t} (kW) with the energy balance, limits, targets and throughput cost
 * of {@link Storage}. Its net injection is {@code d_t - c_t}.
 *
 * @param id agent id
 * @param unit the storage unit (for a fleet, its aggregate)
 * @param vehicle whether the unit is an electric-vehicle fleet (it changes only the reported kind)
 */
public record StorageAgent(String id, Storage unit, boolean vehicle) implements FlexibleAgent {

    public StorageAgent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
    }

    /** A stationary battery. */
    public static StorageAgent battery(String id, Storage unit) {
        return new StorageAgent(id, unit, false);
    }

    /** An electric-vehicle fleet. */
    public static StorageAgent fleet(String id, Storage unit) {
        return new StorageAgent(id, unit, true);
    }

    @Override
    public Kind kind() {
        return vehicle ? Kind.ELECTRIC_VEHICLE : Kind.STORAGE;
    }
}
