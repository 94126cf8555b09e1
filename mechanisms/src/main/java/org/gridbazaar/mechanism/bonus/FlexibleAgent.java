package org.gridbazaar.mechanism.bonus;

/**
 * An agent of the microgrid that schedules one flexible resource and answers the control unit's
 * bonus with a re-schedule: a {@link FlexibleDemand}, a {@link StorageAgent} (a battery or an
 * electric-vehicle fleet) or a {@link DispatchableGenerator}. Power is the agent's net injection
 * into the microgrid, kW, positive when it supplies; energy kWh; prices $/kWh.
 */
public sealed interface FlexibleAgent permits FlexibleDemand, StorageAgent, DispatchableGenerator {

    /** The agent's id, unique in its microgrid. */
    String id();

    /** What the agent schedules. */
    Kind kind();

    /** The kinds of flexible resource of the paper's section 2.3 (equations 1 to 4). */
    enum Kind {
        /** Flexible demand, equation 1. */
        DEMAND,
        /** Electric storage system, equation 2. */
        STORAGE,
        /** Dispatchable generation, equation 3. */
        GENERATOR,
        /** Electric vehicles, equation 4. */
        ELECTRIC_VEHICLE
    }
}
