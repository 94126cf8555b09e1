/** A user's module: requires the solver SPI; the structured-ipm solver is found through ServiceLoader. */
module gridbazaar.example {
    requires org.gridbazaar.solver.spi;
}
