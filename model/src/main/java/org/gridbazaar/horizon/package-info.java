/**
 * Markets over time: a {@link org.gridbazaar.horizon.Horizon} of periods, one single-period market
 * per period, and what links the periods (storage, electric vehicles, ramp limits, energy windows),
 * as defined by the case format version 2. Power in kW, energy in kWh, money in $, costs as rates
 * in $ per hour.
 */
package org.gridbazaar.horizon;
