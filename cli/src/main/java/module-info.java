/**
 * The {@code gridbazaar} command line: solve, validate and list solvers. An application module; it
 * exports nothing. picocli reads the command classes reflectively.
 */
module org.gridbazaar.cli {
    requires org.gridbazaar.io;
    requires org.gridbazaar.solver.spi;
    requires org.gridbazaar.studies;
    requires org.gridbazaar.mechanisms;
    requires org.gridbazaar.architectures;
    requires org.gridbazaar.solver.admm;
    requires org.gridbazaar.solver.cluster;
    requires info.picocli;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.core;

    opens org.gridbazaar.cli to
            info.picocli;
    opens org.gridbazaar.cli.internal to
            info.picocli;

    uses org.gridbazaar.solver.MarketSolver;
}
