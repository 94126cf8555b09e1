package org.gridbazaar.solver.cluster;

/**
 * A node process without the command line module: {@code java -cp …
 * org.gridbazaar.solver.cluster.NodeMain --join HOST:PORT [--host HOST] [--port PORT]} hosts agents
 * until killed (the same as {@code gridbazaar node}).
 */
public final class NodeMain {

    private NodeMain() {}

    /**
     * Starts a node.
     *
     * @param args {@code --join HOST:PORT}, optionally {@code --host HOST} (default 127.0.0.1) and
     *     {@code --port PORT} (default 0, any)
     */
    public static void main(String[] args) {
        String join = null, host = "127.0.0.1";
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--join" -> join = args[i + 1];
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default ->
                        throw new IllegalArgumentException(
                                "unknown option "
                                        + args[i]
                                        + "; expected --join, --host or --port");
            }
        }
        if (join == null) {
            throw new IllegalArgumentException("--join HOST:PORT is required");
        }
        ClusterNodes.RunningNode node = ClusterNodes.runNode(host, port, join);
        System.out.println("node " + node.hostPort() + " joining " + join);
        node.whenTerminated().join();
    }
}
