/**
 * The agents of price coordination and the in-process courier between them. Not exported: a member
 * agent keeps its peer's data to itself and only answers prices; a coordinator sees its members'
 * answers only; the courier is the one place messages cross, and counts them.
 */
package org.gridbazaar.architecture.internal;
