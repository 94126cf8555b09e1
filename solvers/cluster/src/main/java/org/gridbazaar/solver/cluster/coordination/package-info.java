/**
 * Price coordination (community, pool and local P2P designs, {@code
 * org.gridbazaar.architecture.PriceCoordination}) with the members' agents on the nodes of a Pekko
 * cluster: {@link org.gridbazaar.solver.cluster.coordination.CoordinationNode} hosts agents on a
 * node, {@link org.gridbazaar.solver.cluster.coordination.PekkoCoordination} is the transport the
 * coordinators clear through, {@link
 * org.gridbazaar.solver.cluster.coordination.CoordinationCluster} runs it on local node processes.
 * The messages are the coordination values of {@code org.gridbazaar.architecture.coordination}
 * (powers in kW, prices in $/kWh), CBOR-encoded by the cluster's serializer inside the envelopes of
 * {@link org.gridbazaar.solver.cluster.coordination.CoordinationProtocol}.
 */
package org.gridbazaar.solver.cluster.coordination;
