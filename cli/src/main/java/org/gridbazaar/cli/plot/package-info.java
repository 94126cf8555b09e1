/**
 * SVG pictures written by the command line: the radial feeder with its line loadings and flow
 * directions ({@link org.gridbazaar.cli.plot.FeederPlot}) and a solver's residuals against
 * iterations ({@link org.gridbazaar.cli.plot.ConvergencePlot}). Plain SVG 1.1 text, no dependency;
 * elements carry {@code class} and {@code data-*} attributes (bus, line and peer ids) so that the
 * pictures can be checked by parsing them. Part of the command line, not API.
 */
package org.gridbazaar.cli.plot;
