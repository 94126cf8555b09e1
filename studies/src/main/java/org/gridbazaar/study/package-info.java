/**
 * Grid studies over a market, in the shape of the seed chapter's case study (section 12.6.5): the
 * pool-based baseline ({@link org.gridbazaar.study.PoolBaseline}), losses against the resistance
 * penalty {@code alpha} ({@link org.gridbazaar.study.LossStudy}, the seed's Table 12.2), and
 * congestion management ({@link org.gridbazaar.study.CongestionStudy}): the smallest congestion
 * penalty {@code beta} that clears every congested line, checked against the lines' shadow prices
 * in the exact network-constrained market. Powers in kW, prices in $/kW, {@code alpha} in
 * $/(kW*ohm).
 */
package org.gridbazaar.study;
